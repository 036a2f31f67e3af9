package io.github.distributedcounter.internal;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Combines concurrent increments of one key into one request. Each key has at most one request in flight
 * from this instance: the caller that finds none sends at once on its own thread, callers arriving meanwhile
 * queue, and when the request returns the queue goes out as the next request (up to the first increment it cannot
 * carry: one of the other API, or a decimal one of the other sign). The executor sends it, and keeps
 * sending the key's batches while callers keep queuing, so a busy key wakes no thread to send; after
 * {@value #BATCHES_PER_TURN} batches it puts the key back in the executor's queue, so that other keys get their
 * turn. Where the executor refuses the task, or would run it in place on the submitting thread, one of the
 * batch's blocked callers sends it, or else the current thread does; where it takes the task but does not start
 * it in time, the counter's own thread sends it (see {@link Handoff}).
 * <p>
 * No application code runs while a thread holds a key's turn: asynchronous callers' futures are completed on
 * another thread after their request returned, so a callback may itself call the counter, even blocking.
 */
final class Coalescer {

    static final int BATCHES_PER_TURN = 64;

    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();
    private final IncrementWriter writer;
    private final Handoff handoff;
    private final int maxBatchSize;

    /** A coalescer with its own {@link Handoff} to {@code executor}. */
    Coalescer(IncrementWriter writer, Executor executor, int maxBatchSize) {
        this(writer, new Handoff(executor), maxBatchSize);
    }

    /**
     * @param writer       sends each batch
     * @param handoff      sends the batches that queued behind a request, and asynchronous callers' first ones;
     *                     completes asynchronous callers' futures
     * @param maxBatchSize how many callers one request may carry; 1 turns coalescing off while keeping one
     *                     request in flight per key
     */
    Coalescer(IncrementWriter writer, Handoff handoff, int maxBatchSize) {
        this.writer = writer;
        this.handoff = handoff;
        this.maxBatchSize = maxBatchSize;
    }

    long increment(String key, Increment increment) {
        return (Long) increment(key, new PendingIncrement.Blocking(increment));
    }

    /** An increment of the decimal API, in the key's one lane; batches never mix it with {@code long} ones. */
    BigDecimal increment(String key, DecimalIncrement increment) {
        return (BigDecimal) increment(key, new PendingIncrement.Blocking(increment));
    }

    private Object increment(String key, PendingIncrement.Blocking call) {
        List<PendingIncrement> batch = enqueue(key, call);
        if (batch != null) {
            send(key, batch, false);
        }
        return call.await(this, key);
    }

    CompletableFuture<Long> incrementAsync(String key, Increment increment) {
        PendingIncrement.Async call = new PendingIncrement.Async(increment);
        List<PendingIncrement> batch = enqueue(key, call);
        if (batch != null && !submit(key, batch)) {
            send(key, batch, false);
        }
        return call.future;
    }

    private List<PendingIncrement> enqueue(String key, PendingIncrement call) {
        while (true) {
            Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
            synchronized (lane) {
                if (lane.retired) {
                    continue;
                }
                if (!lane.busy) {
                    lane.busy = true;
                    return List.of(call);
                }
                lane.queue.add(call);
                return null;
            }
        }
    }

    /**
     * Sends {@code batch}, then the key's next batches: on an executor thread for up to a turn, otherwise passes
     * them to the executor, or where it refuses to a blocked caller, or else sends them on this thread.
     */
    void send(String key, List<PendingIncrement> batch, boolean onExecutor) {
        int sent = 0;
        while (batch != null) {
            try {
                writer.write(key, batch);
            } catch (RuntimeException | Error e) {
                RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                for (PendingIncrement call : batch) {
                    call.fail(failure);
                }
            }
            deliver(batch);
            List<PendingIncrement> next = next(key);
            boolean turnGoesOn = onExecutor && ++sent < BATCHES_PER_TURN;
            if (next == null || !turnGoesOn && (submit(key, next) || handOff(next))) {
                return;
            }
            batch = next;
        }
    }

    private boolean handOff(List<PendingIncrement> batch) {
        for (PendingIncrement call : batch) {
            if (call.lead(batch)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the executor took {@code batch} to send on another thread. An executor that runs the task at once
     * on this thread has not taken it: the batch stays with this thread, so that busy keys do not nest calls.
     */
    private boolean submit(String key, List<PendingIncrement> batch) {
        return handoff.offer(() -> send(key, batch, true));
    }

    /** Completes the asynchronous callers' futures of a batch written, on another thread than this one. */
    private void deliver(List<PendingIncrement> batch) {
        List<PendingIncrement.Async> futures = new ArrayList<>();
        for (PendingIncrement call : batch) {
            if (call instanceof PendingIncrement.Async async) {
                futures.add(async);
            }
        }
        if (!futures.isEmpty()) {
            handoff.execute(() -> futures.forEach(PendingIncrement.Async::deliver));
        }
    }

    private List<PendingIncrement> next(String key) {
        Lane lane = lanes.get(key);
        synchronized (lane) {
            if (lane.queue.isEmpty()) {
                lane.busy = false;
                lane.retired = true;
                lanes.remove(key, lane);
                return null;
            }
            int size = Math.min(maxBatchSize, lane.queue.size());
            List<PendingIncrement> batch = new ArrayList<>(size);
            PendingIncrement first = lane.queue.poll();
            batch.add(first);
            while (batch.size() < size && lane.queue.peek().combinesWith(first)) {
                batch.add(lane.queue.poll());
            }
            return batch;
        }
    }

    /** Takes {@code call} out of the queue of {@code key}; false if it is no longer there (it is being sent). */
    boolean withdraw(String key, PendingIncrement call) {
        Lane lane = lanes.get(key);
        if (lane == null) {
            return false;
        }
        synchronized (lane) {
            return lane.queue.remove(call);
        }
    }

    /** Number of keys with a request in flight. */
    int activeKeys() {
        return lanes.size();
    }

    /** Number of increments of {@code key} waiting for the request in flight. */
    int queuedCount(String key) {
        Lane lane = lanes.get(key);
        if (lane == null) {
            return 0;
        }
        synchronized (lane) {
            return lane.queue.size();
        }
    }

    private static final class Lane {
        final ArrayDeque<PendingIncrement> queue = new ArrayDeque<>();
        boolean busy;
        boolean retired;
    }
}
