package io.github.distributedcounter.emulator.internal;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * DynamoDB's Number type: up to 38 significant digits, magnitudes from 1E-130 to below 1E+126, exact
 * decimal arithmetic.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html">
 *     Supported data types and naming rules: Number</a>
 */
public final class Numbers {

    private static final BigDecimal MAX = new BigDecimal("9.9999999999999999999999999999999999999E+125");
    private static final BigDecimal MIN_POSITIVE = new BigDecimal("1E-130");

    private Numbers() {
    }

    /** Parses a number as given in a request, checking DynamoDB's precision and range. */
    public static BigDecimal parse(String text) {
        BigDecimal value;
        try {
            if (text.isEmpty() || !text.trim().equals(text)) {
                throw new NumberFormatException();
            }
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw ServiceError.validation("The parameter cannot be converted to a numeric value: " + text);
        }
        return check(value, "Attempting to store more than 38 significant digits in a Number");
    }

    /** Checks a stored or computed number against DynamoDB's precision and range. */
    public static BigDecimal check(BigDecimal value) {
        return check(value, ARITHMETIC_PRECISION);
    }

    private static final String ARITHMETIC_PRECISION = "DynamoDB only supports precision up to 38 digits";

    /**
     * {@code precisionMessage}: DynamoDB words a number given in a request with more than 38 digits differently
     * from a sum or difference that would need more. The range is checked first: DynamoDB reports a sum past the
     * range as an overflow even when it also has more than 38 digits.
     */
    private static BigDecimal check(BigDecimal value, String precisionMessage) {
        BigDecimal normalized = normalize(value);
        if (normalized.signum() == 0) {
            return normalized;
        }
        BigDecimal magnitude = normalized.abs();
        if (magnitude.compareTo(MAX) > 0) {
            throw ServiceError.validation(
                    "Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (magnitude.compareTo(MIN_POSITIVE) < 0) {
            throw ServiceError.validation(
                    "Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        if (normalized.precision() > 38) {
            throw ServiceError.validation(precisionMessage);
        }
        return normalized;
    }

    /** Exact sum, checked: DynamoDB rejects a result it cannot store. */
    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        return check(a.add(b, MathContext.UNLIMITED), ARITHMETIC_PRECISION);
    }

    /** Exact difference, checked. */
    public static BigDecimal subtract(BigDecimal a, BigDecimal b) {
        return check(a.subtract(b, MathContext.UNLIMITED), ARITHMETIC_PRECISION);
    }

    static BigDecimal normalize(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    /** The text DynamoDB returns for a number. */
    public static String format(BigDecimal value) {
        return value.toPlainString();
    }

    /** About one byte per two significant digits, plus one. */
    static int size(BigDecimal value) {
        return (value.precision() + 1) / 2 + 1;
    }
}
