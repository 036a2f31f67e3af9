package io.github.distributedcounter.internal;

import java.math.BigDecimal;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What an applied increment request tells: the value it produced or, where {@code fromBase}, the value just before it
 * (recorded in the item for a re-sent request that had already been applied), to which the request's sum adds.
 */
record AppliedIncrement(TableSchema schema, String key, AttributeValue value, boolean fromBase) {

    /**
     * The new value, for the {@code long} API's request adding {@code sum}.
     *
     * @throws NotALongException if it is not a long (the counter holds a decimal)
     */
    long newValue(long sum) throws NotALongException {
        if (value == null || value.n() == null) {
            return schema.number(key, value);
        }
        long amount = fromBase ? sum : 0;
        try {
            return Math.addExact(Long.parseLong(value.n()), amount);
        } catch (NumberFormatException | ArithmeticException notALong) {
            throw new NotALongException(new BigDecimal(value.n()).add(BigDecimal.valueOf(amount)));
        }
    }

    /** The new value, as DynamoDB stores it, for the decimal API's request adding {@code sum}. */
    BigDecimal newValue(BigDecimal sum) {
        BigDecimal number = schema.decimal(key, value);
        return fromBase ? DynamoDbNumbers.normalized(number.add(sum)) : number;
    }
}
