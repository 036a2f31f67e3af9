package io.github.distributedcounter.internal;

import java.util.OptionalLong;

/**
 * One caller's increment: the amount, and where the counter is missing, the value it starts at (none: the
 * increment fails with {@link io.github.distributedcounter.CounterNotFoundException}).
 */
record Increment(long amount, OptionalLong initialValue) {

    /** Adds {@code amount} to an existing counter. */
    static Increment by(long amount) {
        return new Increment(amount, OptionalLong.empty());
    }

    /** Adds {@code amount}; a missing counter starts at {@code initialValue}. */
    static Increment startingAt(long amount, long initialValue) {
        return new Increment(amount, OptionalLong.of(initialValue));
    }
}
