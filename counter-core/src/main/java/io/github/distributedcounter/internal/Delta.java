package io.github.distributedcounter.internal;

/**
 * What one increment request adds: the sum of its callers' amounts, the lowest and highest running sum
 * (each caller's result is the old value plus its running sum), and the initial value of a missing counter.
 */
record Delta(long sum, long minPrefix, long maxPrefix, boolean hasInitial, long initialValue) {

    static Delta of(long amount, boolean hasInitial, long initialValue) {
        return new Delta(amount, amount, amount, hasInitial, initialValue);
    }

    /** Whether a counter created at the initial value stays in the long range for every caller. */
    boolean initialFits() {
        return hasInitial && fits(initialValue);
    }

    private boolean fits(long value) {
        return (maxPrefix <= 0 || value <= Long.MAX_VALUE - maxPrefix)
                && (minPrefix >= 0 || value >= Long.MIN_VALUE - minPrefix);
    }
}
