package io.github.distributedcounter.internal;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What one increment request adds, as the request states it: the sum of its callers' amounts, the bounds the counter
 * must be within for every caller's result to be one a serial run would give, and the initial value of a missing
 * counter. {@link Delta} for the {@code long} API, {@link DecimalDelta} for decimals.
 */
interface Addend {

    /** {@code :d}, the sum. */
    AttributeValue sumNumber();

    /** {@code :hi}, the highest value the counter may hold before the write; null where there is no such bound. */
    AttributeValue highest();

    /** {@code :lo}, the lowest value the counter may hold before the write; null where there is no such bound. */
    AttributeValue lowest();

    /** {@code :init}, the value a missing counter starts at (0 where the callers gave none). */
    AttributeValue initial();

    /** Whether a missing counter starts at a value other than 0, which {@code ADD} cannot express. */
    boolean startsAboveOrBelowZero();

    /** Whether a counter created at the initial value gives every caller a result in range. */
    boolean initialFits();
}
