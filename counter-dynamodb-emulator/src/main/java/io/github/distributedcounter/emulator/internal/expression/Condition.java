package io.github.distributedcounter.emulator.internal.expression;

import java.util.Map;

import io.github.distributedcounter.emulator.internal.Value;

/** A parsed ConditionExpression. */
public final class Condition {

    /**
     * Parses a condition; {@code parameter} names it in error messages (e.g. "ConditionExpression").
     * Throws a ValidationException ServiceError for a syntax error, an unknown function, a reserved word,
     * a missing name or value, or an expression over 4 KB.
     */
    public static Condition parse(String parameter, String text, ExpressionContext context) {
        throw new UnsupportedOperationException("stub");
    }

    /** Whether the item (empty when it does not exist) satisfies the condition. */
    public boolean test(Map<String, Value> item) {
        throw new UnsupportedOperationException("stub");
    }
}
