package io.github.distributedcounter.internal;

import static io.github.distributedcounter.internal.TableSchema.number;

import java.util.OptionalLong;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What one increment request of the {@code long} API adds: the sum of its callers' amounts, the lowest and highest
 * running sum (each caller's result is the old value plus its running sum), and the initial value of a missing
 * counter. Its bounds keep every caller's result in the long range.
 */
record Delta(long sum, long minPrefix, long maxPrefix, OptionalLong initialValue) implements Addend {

    static Delta of(Increment increment) {
        long amount = increment.amount();
        return new Delta(amount, amount, amount, increment.initialValue());
    }

    @Override
    public AttributeValue sumNumber() {
        return number(sum);
    }

    @Override
    public AttributeValue highest() {
        return maxPrefix > 0 ? number(Long.MAX_VALUE - maxPrefix) : null;
    }

    @Override
    public AttributeValue lowest() {
        return minPrefix < 0 ? number(Long.MIN_VALUE - minPrefix) : null;
    }

    @Override
    public AttributeValue initial() {
        return number(initialValue.orElse(0));
    }

    @Override
    public boolean startsAboveOrBelowZero() {
        return initialValue.isPresent() && initialValue.getAsLong() != 0;
    }

    @Override
    public boolean initialFits() {
        return initialValue.isPresent() && fits(initialValue.getAsLong());
    }

    private boolean fits(long value) {
        return (maxPrefix <= 0 || value <= Long.MAX_VALUE - maxPrefix)
                && (minPrefix >= 0 || value >= Long.MIN_VALUE - minPrefix);
    }
}
