package io.github.distributedcounter.internal;

import java.math.BigDecimal;

/**
 * One caller's increment through the decimal API: the amount, and where the counter is missing, the value it starts
 * at (null: the increment fails with {@link io.github.distributedcounter.CounterNotFoundException}). Both are numbers
 * DynamoDB can store.
 */
record DecimalIncrement(BigDecimal amount, BigDecimal initialValue) {

    /** Whether it may go out in one request with {@code other}: amounts of one sign, so running sums are monotonic. */
    boolean combinesWith(DecimalIncrement other) {
        return (amount.signum() < 0) == (other.amount.signum() < 0);
    }
}
