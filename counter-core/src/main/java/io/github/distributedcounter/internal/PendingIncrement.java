package io.github.distributedcounter.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

import io.github.distributedcounter.IncrementNotSentException;

/** One caller's increment, waiting in a key's lane for the request that carries it. */
abstract class PendingIncrement {

    final Increment increment;

    PendingIncrement(Increment increment) {
        this.increment = increment;
    }

    abstract void complete(long value);

    abstract void fail(RuntimeException failure);

    /** Asks the waiting thread to send {@code batch}, which holds this increment; false if no thread waits. */
    abstract boolean lead(List<PendingIncrement> batch);

    /** A caller blocked in its own thread, which sends a batch when asked to. */
    static final class Blocking extends PendingIncrement {

        private final Thread thread = Thread.currentThread();
        private volatile Object state;

        Blocking(Increment increment) {
            super(increment);
        }

        @Override
        void complete(long value) {
            signal(value);
        }

        @Override
        void fail(RuntimeException failure) {
            signal(failure);
        }

        @Override
        boolean lead(List<PendingIncrement> batch) {
            signal(batch);
            return true;
        }

        private void signal(Object value) {
            state = value;
            LockSupport.unpark(thread);
        }

        /**
         * Waits for the result, sending the batches handed to this thread meanwhile. Interrupted while its increment
         * still waits in the queue, it withdraws it and throws {@link IncrementNotSentException}; once the increment
         * is in a request, it waits for the outcome. Either way the interrupt status stays set.
         */
        @SuppressWarnings("unchecked")
        long await(Coalescer coalescer, String key) {
            boolean interrupted = false;
            try {
                while (true) {
                    Object s = state;
                    if (s == null) {
                        LockSupport.park(this);
                        if (Thread.interrupted()) {
                            interrupted = true;
                            if (coalescer.withdraw(key, this)) {
                                throw NotSent.interrupted(key);
                            }
                        }
                    } else if (s instanceof List<?> batch) {
                        state = null;
                        coalescer.send(key, (List<PendingIncrement>) batch, false);
                    } else if (s instanceof Long value) {
                        return value;
                    } else {
                        throw (RuntimeException) s;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * A caller holding a future; it never sends. Its outcome is kept until {@link #deliver()} completes the future,
     * so that the future's callbacks never run on the thread that holds the key's turn.
     */
    static final class Async extends PendingIncrement {

        final CompletableFuture<Long> future = new CompletableFuture<>();
        private volatile Object outcome;

        Async(Increment increment) {
            super(increment);
        }

        @Override
        void complete(long value) {
            outcome = value;
        }

        @Override
        void fail(RuntimeException failure) {
            outcome = failure;
        }

        @Override
        boolean lead(List<PendingIncrement> batch) {
            return false;
        }

        void deliver() {
            Object o = outcome;
            if (o instanceof Long value) {
                future.complete(value);
            } else {
                future.completeExceptionally((RuntimeException) o);
            }
        }
    }
}
