package io.github.distributedcounter.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

import io.github.distributedcounter.IncrementNotSentException;

/**
 * One caller's increment, waiting in a key's lane for the request that carries it: of the {@code long} API
 * ({@link #increment}) or of the decimal API ({@link #decimal}, blocking callers only).
 */
abstract class PendingIncrement {

    /** The increment of the {@code long} API; null for a decimal one. */
    final Increment increment;
    /** The increment of the decimal API; null for a {@code long} one. */
    final DecimalIncrement decimal;

    PendingIncrement(Increment increment, DecimalIncrement decimal) {
        this.increment = increment;
        this.decimal = decimal;
    }

    /** Whether it may go out in one request with {@code other}: both of one API, decimal ones of one sign. */
    boolean combinesWith(PendingIncrement other) {
        return decimal == null ? other.decimal == null : other.decimal != null && decimal.combinesWith(other.decimal);
    }

    abstract void complete(long value);

    void complete(BigDecimal value) {
        throw new IllegalStateException("only a blocking caller takes a decimal result");
    }

    abstract void fail(RuntimeException failure);

    /** Asks the waiting thread to send {@code batch}, which holds this increment; false if no thread waits. */
    abstract boolean lead(List<PendingIncrement> batch);

    /** A caller blocked in its own thread, which sends a batch when asked to. */
    static final class Blocking extends PendingIncrement {

        private final Thread thread = Thread.currentThread();
        private volatile Object state;

        Blocking(Increment increment) {
            super(increment, null);
        }

        Blocking(DecimalIncrement decimal) {
            super(null, decimal);
        }

        @Override
        void complete(long value) {
            signal(value);
        }

        @Override
        void complete(BigDecimal value) {
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
         * Waits for the result (a {@code Long}, or a {@code BigDecimal} for a decimal increment), sending the batches
         * handed to this thread meanwhile. Interrupted while its increment still waits in the queue, it withdraws it
         * and throws {@link IncrementNotSentException}; once the increment is in a request, it waits for the outcome.
         * Either way the interrupt status stays set.
         */
        @SuppressWarnings("unchecked")
        Object await(Coalescer coalescer, String key) {
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
                    } else if (s instanceof RuntimeException failure) {
                        throw failure;
                    } else {
                        return s;
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
            super(increment, null);
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
