package io.github.distributedcounter.internal;

import java.util.OptionalLong;

/**
 * What one increment request adds: the sum of its callers' amounts, the lowest and highest running sum
 * (each caller's result is the old value plus its running sum), and the initial value of a missing counter.
 */
record Delta(long sum, long minPrefix, long maxPrefix, OptionalLong initialValue) {

    static Delta of(Increment increment) {
        long amount = increment.amount();
        return new Delta(amount, amount, amount, increment.initialValue());
    }

    /** Whether a missing counter starts at a value other than 0, which {@code ADD} cannot express. */
    boolean startsAboveOrBelowZero() {
        return initialValue.isPresent() && initialValue.getAsLong() != 0;
    }

    /** Whether a counter created at the initial value stays in the long range for every caller. */
    boolean initialFits() {
        return initialValue.isPresent() && fits(initialValue.getAsLong());
    }

    private boolean fits(long value) {
        return (maxPrefix <= 0 || value <= Long.MAX_VALUE - maxPrefix)
                && (minPrefix >= 0 || value >= Long.MIN_VALUE - minPrefix);
    }
}
