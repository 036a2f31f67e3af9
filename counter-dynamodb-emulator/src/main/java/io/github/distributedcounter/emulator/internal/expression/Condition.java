package io.github.distributedcounter.emulator.internal.expression;

import java.util.Map;

import io.github.distributedcounter.emulator.internal.Value;

/**
 * A parsed ConditionExpression (or FilterExpression, or KeyConditionExpression).
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html">
 *     Condition and filter expressions, operators, and functions in DynamoDB</a>
 */
public final class Condition {

    private final ConditionNode root;

    private Condition(ConditionNode root) {
        this.root = root;
    }

    /**
     * Parses a condition; {@code parameter} names it in error messages (e.g. "ConditionExpression").
     * Throws a ValidationException ServiceError for a syntax error, an unknown function, a reserved word,
     * a missing name or value, or an expression over 4 KB.
     */
    public static Condition parse(String parameter, String text, ExpressionContext context) {
        return new Condition(new ConditionParser(parameter, text, context).parse());
    }

    /** Whether the item (empty when it does not exist) satisfies the condition. */
    public boolean test(Map<String, Value> item) {
        return root.test(item);
    }
}
