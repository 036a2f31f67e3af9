package io.github.distributedcounter.emulator.internal.expression;

import java.util.Map;

import io.github.distributedcounter.emulator.internal.Value;

/** A parsed ProjectionExpression. */
public final class Projection {

    public static Projection parse(String text, ExpressionContext context) {
        throw new UnsupportedOperationException("stub");
    }

    /** The projected copy of the item. */
    public Map<String, Value> apply(Map<String, Value> item) {
        throw new UnsupportedOperationException("stub");
    }
}
