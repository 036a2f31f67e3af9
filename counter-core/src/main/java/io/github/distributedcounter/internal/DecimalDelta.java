package io.github.distributedcounter.internal;

import static io.github.distributedcounter.internal.DynamoDbNumbers.MAX;
import static io.github.distributedcounter.internal.DynamoDbNumbers.storable;
import static io.github.distributedcounter.internal.TableSchema.number;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What one increment request of the decimal API adds: the exact sum of its callers' amounts, each caller's running
 * sum, and the initial value of a missing counter. DynamoDB refuses a write whose new value it cannot store, which
 * makes a lone increment exact; a combined one also needs every caller's intermediate result to be storable. Its
 * amounts have one sign, so the intermediate results lie between the old value and the new one; the bounds
 * {@code :lo} and {@code :hi} keep each of them within {@code 10^(38+q) - 10^q}, where {@code 10^q} is the place of
 * the lowest digit of any amount, so that where the old value has no lower digit each of them has at most 38 digits,
 * and where it has one, no more digits than the old or the new value. Bounds are rounded to 38 digits inwards, which
 * only narrows them.
 */
record DecimalDelta(BigDecimal sum, List<BigDecimal> prefixes, BigDecimal highBound, BigDecimal lowBound,
        BigDecimal initialValue) implements Addend {

    /** The lowest digit place an amount may have for a combined request: below it results could underflow. */
    private static final int FINEST_COMBINED_DIGIT = -130;
    private static final MathContext DOWN = new MathContext(DynamoDbNumbers.MAX_DIGITS, RoundingMode.FLOOR);
    private static final MathContext UP = new MathContext(DynamoDbNumbers.MAX_DIGITS, RoundingMode.CEILING);

    static DecimalDelta of(DecimalIncrement increment) {
        return new DecimalDelta(increment.amount(), List.of(increment.amount()), null, null,
                increment.initialValue());
    }

    /**
     * The delta of callers' increments of one sign combined, or null where one request cannot give every caller the
     * result a serial run would (a sum or bound DynamoDB cannot store, digits below 1E-130).
     */
    static DecimalDelta combined(List<DecimalIncrement> increments) {
        BigDecimal[] prefixes = new BigDecimal[increments.size()];
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal min = null;
        BigDecimal max = null;
        Integer lowestDigit = null;
        for (int i = 0; i < prefixes.length; i++) {
            BigDecimal amount = increments.get(i).amount();
            sum = sum.add(amount);
            prefixes[i] = sum;
            min = min == null || sum.compareTo(min) < 0 ? sum : min;
            max = max == null || sum.compareTo(max) > 0 ? sum : max;
            if (amount.signum() != 0) {
                int digit = DynamoDbNumbers.lowestDigit(amount);
                lowestDigit = lowestDigit == null ? digit : Math.min(lowestDigit, digit);
            }
        }
        BigDecimal initialValue = increments.get(0).initialValue();
        if (lowestDigit == null) {
            return new DecimalDelta(sum, List.of(prefixes), null, null, initialValue);
        }
        if (lowestDigit < FINEST_COMBINED_DIGIT || !storable(sum)) {
            return null;
        }
        BigDecimal bound = BigDecimal.ONE.scaleByPowerOfTen(DynamoDbNumbers.MAX_DIGITS + lowestDigit)
                .subtract(BigDecimal.ONE.scaleByPowerOfTen(lowestDigit)).min(MAX);
        BigDecimal highest = bound.subtract(max).round(DOWN);
        BigDecimal lowest = bound.negate().subtract(min).round(UP);
        if (!storable(highest) || !storable(lowest)) {
            return null;
        }
        return new DecimalDelta(sum, List.of(prefixes), highest, lowest, initialValue);
    }

    @Override
    public AttributeValue sumNumber() {
        return number(sum);
    }

    @Override
    public AttributeValue highest() {
        return highBound == null ? null : number(highBound);
    }

    @Override
    public AttributeValue lowest() {
        return lowBound == null ? null : number(lowBound);
    }

    @Override
    public AttributeValue initial() {
        return number(initialValue == null ? BigDecimal.ZERO : initialValue);
    }

    @Override
    public boolean startsAboveOrBelowZero() {
        return initialValue != null && initialValue.signum() != 0;
    }

    @Override
    public boolean initialFits() {
        return initialValue != null && prefixes.stream().allMatch(prefix -> storable(initialValue.add(prefix)));
    }
}
