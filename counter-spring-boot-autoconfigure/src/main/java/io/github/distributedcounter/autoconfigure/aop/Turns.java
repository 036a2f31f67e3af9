package io.github.distributedcounter.autoconfigure.aop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import io.github.distributedcounter.DistributedCounter;
import io.github.distributedcounter.EveryNCalls;
import io.github.distributedcounter.EveryNCalls.OnCounterFailure;

/**
 * Decides whether an {@link EveryNCalls} call runs its body: counts it through the {@link CounterCircuit} and,
 * with {@code countFailedRuns = false}, claims one of the runs due so far on the key's runs counter and gives it
 * back where the body fails.
 */
final class Turns {

    /** Whether and how a call runs its body. */
    enum Turn {
        /** Not its turn, or skipped by {@code SKIP}. */
        SKIP,
        /** Runs: its turn with {@code countFailedRuns = true}, or by {@code RUN}. */
        RUN,
        /** Runs, having claimed a run with {@code countFailedRuns = false}: gives it back if the body fails. */
        CLAIMED
    }

    private final CounterCircuit circuit;
    private volatile DistributedCounter counter;

    Turns(CounterCircuit circuit) {
        this.circuit = circuit;
    }

    CounterCircuit circuit() {
        return circuit;
    }

    /** The counter of every {@link EveryNCalls} method, set when a bean that has one is created. */
    void useCounter(DistributedCounter counter) {
        this.counter = counter;
    }

    /**
     * Counts this call and decides whether it runs the body; where the count fails, has no answer in time or the
     * circuit is open, {@link EveryNCalls#onCounterFailure()} decides, and {@code PROPAGATE} fails the future with
     * {@code propagated} of the failure.
     *
     * @throws IllegalArgumentException if the key is not a valid counter key
     */
    CompletableFuture<Turn> decide(EveryNCalls settings, String key,
            Function<Throwable, RuntimeException> propagated) {
        DistributedCounter counter = this.counter;
        long n = settings.n();
        return circuit.call(counter, key, async -> async.increment(key, 1, 0))
                .thenCompose(count -> settings.countFailedRuns()
                        ? CompletableFuture.completedFuture(count % n == 0 ? Turn.RUN : Turn.SKIP)
                        : claim(counter, key, count / n))
                .handle((turn, failure) -> {
                    if (failure == null) {
                        return turn;
                    }
                    Throwable cause = CounterCircuit.unwrap(failure);
                    if (cause instanceof IllegalArgumentException badKey) {
                        throw new CompletionException(badKey);
                    }
                    OnCounterFailure mode = settings.onCounterFailure();
                    circuit.uncounted(mode);
                    return switch (mode) {
                        case RUN -> Turn.RUN;
                        case SKIP -> Turn.SKIP;
                        case PROPAGATE -> throw new CompletionException(propagated.apply(cause));
                    };
                });
    }

    /** Claims one of the {@code due} runs not yet claimed, where there is one. */
    private CompletableFuture<Turn> claim(DistributedCounter counter, String key, long due) {
        if (due < 1) {
            return CompletableFuture.completedFuture(Turn.SKIP);
        }
        return circuit.call(counter, key, async -> async.incrementIfAtMost(runsKey(key), 1, due))
                .thenApply(claimed -> claimed.isPresent() ? Turn.CLAIMED : Turn.SKIP);
    }

    /** Gives back a claimed run whose body failed, so that a later call runs it; never fails. */
    CompletableFuture<Void> release(String key) {
        return circuit.call(counter, key, async -> async.decrement(runsKey(key), 1))
                .handle((value, failure) -> null);
    }

    /** The counter of runs claimed, for {@code countFailedRuns = false}. */
    static String runsKey(String key) {
        return key + "#runs";
    }
}
