package io.github.distributedcounter.autoconfigure.aop;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import io.github.distributedcounter.AsyncDistributedCounter;
import io.github.distributedcounter.DescribesTable;
import io.github.distributedcounter.DistributedCounter;
import io.github.distributedcounter.DistributedCounterException;
import io.github.distributedcounter.EveryNCalls;
import io.github.distributedcounter.EveryNCalls.OnCounterFailure;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Whether {@link EveryNCalls} calls are counted. Closed while the counter answers; a count that fails or has no
 * answer within the detection timeout opens it, and while it is open calls decide at once without a request. Every
 * probe interval one read (bounded by the detection timeout) probes the counter; the first that succeeds closes it.
 * Opening is logged at WARN and closing at INFO, once per transition, under the logger
 * {@code io.github.distributedcounter.EveryNCalls}.
 */
final class CounterCircuit {

    enum State { CLOSED, OPEN, HALF_OPEN }

    private static final Log logger = LogFactory.getLog(EveryNCalls.class);

    private final long detectionNanos;
    private final Duration detectionTimeout;
    private final long probeIntervalNanos;
    private final Duration probeInterval;
    private final Map<OnCounterFailure, LongAdder> uncounted = new EnumMap<>(OnCounterFailure.class);
    private volatile State state = State.CLOSED;
    private volatile String cause;
    private volatile Instant openedAt;
    private long nextProbe;

    CounterCircuit(Duration detectionTimeout, Duration probeInterval) {
        this.detectionTimeout = detectionTimeout;
        this.detectionNanos = detectionTimeout.toNanos();
        this.probeInterval = probeInterval;
        this.probeIntervalNanos = probeInterval.toNanos();
        for (OnCounterFailure mode : OnCounterFailure.values()) {
            uncounted.put(mode, new LongAdder());
        }
    }

    /**
     * The answer to {@code request} on the counter, within the detection timeout. While the circuit is open, a
     * future failed at once with {@link Unavailable}, and where a probe is due, {@code key} is read to probe.
     *
     * @throws IllegalArgumentException if the request has a key that is not a valid counter key
     */
    <T> CompletableFuture<T> call(DistributedCounter counter, String key,
            Function<AsyncDistributedCounter, CompletableFuture<T>> request) {
        if (state != State.CLOSED) {
            probeIfDue(counter, key);
            return CompletableFuture.failedFuture(new Unavailable(cause));
        }
        return bounded(request.apply(counter.async())).whenComplete((value, failure) -> {
            if (failure != null && opens(unwrap(failure))) {
                open(counter, describe(unwrap(failure)));
            }
        });
    }

    /** Records a call decided by {@code mode} without a count. */
    void uncounted(OnCounterFailure mode) {
        uncounted.get(mode).increment();
    }

    long uncountedCalls(OnCounterFailure mode) {
        return uncounted.get(mode).sum();
    }

    State state() {
        return state;
    }

    /** Why the circuit is open; {@code null} while it is closed. */
    String cause() {
        return cause;
    }

    /** When the circuit opened; {@code null} while it is closed. */
    Instant openedAt() {
        return openedAt;
    }

    Duration detectionTimeout() {
        return detectionTimeout;
    }

    private <T> CompletableFuture<T> bounded(CompletableFuture<T> answer) {
        return answer.copy().orTimeout(detectionNanos, TimeUnit.NANOSECONDS);
    }

    /** Failures of the store, and no answer in time; not bad keys or arithmetic overflow. */
    private static boolean opens(Throwable failure) {
        return failure instanceof DistributedCounterException || failure instanceof TimeoutException;
    }

    String describe(Throwable failure) {
        return failure instanceof TimeoutException ? "no answer within " + detectionTimeout
                : failure.getClass().getName() + ": " + failure.getMessage();
    }

    static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private synchronized void open(DistributedCounter counter, String why) {
        if (state != State.CLOSED) {
            return;
        }
        cause = why;
        openedAt = Instant.now();
        nextProbe = System.nanoTime() + probeIntervalNanos;
        state = State.OPEN;
        logger.warn("@EveryNCalls: " + name(counter) + " failed (" + why + "); until it answers again, calls are"
                + " not counted and decide at once: SKIP methods skip, RUN methods run, PROPAGATE methods throw."
                + " Probing every " + probeInterval);
    }

    private void probeIfDue(DistributedCounter counter, String key) {
        synchronized (this) {
            if (state != State.OPEN || System.nanoTime() - nextProbe < 0) {
                return;
            }
            state = State.HALF_OPEN;
        }
        CompletableFuture<?> probe;
        try {
            probe = bounded(counter.async().get(key));
        } catch (RuntimeException e) {
            probe = CompletableFuture.failedFuture(e);
        }
        probe.whenComplete((value, failure) -> {
            if (failure == null) {
                close(counter);
            } else {
                reopen(describe(unwrap(failure)));
            }
        });
    }

    private synchronized void close(DistributedCounter counter) {
        cause = null;
        openedAt = null;
        state = State.CLOSED;
        logger.info("@EveryNCalls: " + name(counter) + " answers again; calls are counted again");
    }

    private static String name(DistributedCounter counter) {
        return counter instanceof DescribesTable table ? "the distributed counter of table '" + table.tableName() + "'"
                : "the distributed counter";
    }

    private synchronized void reopen(String why) {
        cause = why;
        nextProbe = System.nanoTime() + probeIntervalNanos;
        state = State.OPEN;
    }

    /** The circuit is open: the call was not counted. */
    static final class Unavailable extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Unavailable(String cause) {
            super("the distributed counter is unavailable (" + cause + ")", null, false, false);
        }
    }
}
