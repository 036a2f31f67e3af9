package io.github.distributedcounter.internal;

import java.math.BigDecimal;

/**
 * DynamoDB's Number type: up to 38 significant digits, magnitudes from 1E-130 to
 * 9.9999999999999999999999999999999999999E+125, stored without trailing zeros. Decimal values are given to callers
 * in the form DynamoDB returns them: plain, no trailing zeros after the decimal point.
 */
final class DynamoDbNumbers {

    static final int MAX_DIGITS = 38;
    /** The largest magnitude, {@code 10^126 - 10^88}. */
    static final BigDecimal MAX = new BigDecimal("9.9999999999999999999999999999999999999E+125");
    static final BigDecimal MIN_MAGNITUDE = new BigDecimal("1E-130");

    private DynamoDbNumbers() {
    }

    /** Whether DynamoDB can store {@code value} exactly. */
    static boolean storable(BigDecimal value) {
        if (value.signum() == 0) {
            return true;
        }
        BigDecimal magnitude = value.abs();
        return value.stripTrailingZeros().precision() <= MAX_DIGITS && magnitude.compareTo(MAX) <= 0
                && magnitude.compareTo(MIN_MAGNITUDE) >= 0;
    }

    /**
     * @return {@code value} as DynamoDB stores it
     * @throws IllegalArgumentException if it is null or DynamoDB cannot store it
     */
    static BigDecimal requireStorable(BigDecimal value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (!storable(value)) {
            throw new IllegalArgumentException(name + " must be a number DynamoDB can store (at most " + MAX_DIGITS
                    + " significant digits, magnitude 1E-130 to 9.9999999999999999999999999999999999999E+125, or 0), "
                    + "was " + value);
        }
        return normalized(value);
    }

    /** {@code value} as DynamoDB returns it: no trailing zeros after the decimal point, scale at least 0. */
    static BigDecimal normalized(BigDecimal value) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** The place of the lowest non-zero digit of {@code value} (0 for units, -2 for hundredths); 0 for zero. */
    static int lowestDigit(BigDecimal value) {
        return value.signum() == 0 ? 0 : -value.stripTrailingZeros().scale();
    }
}
