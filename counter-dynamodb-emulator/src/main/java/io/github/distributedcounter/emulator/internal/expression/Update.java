package io.github.distributedcounter.emulator.internal.expression;

import java.util.Map;
import java.util.Set;

import io.github.distributedcounter.emulator.internal.Value;

/** A parsed UpdateExpression. */
public final class Update {

    public static Update parse(String text, ExpressionContext context) {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * Applies the update to a copy of the item (empty when it does not exist); every operand reads the item
     * as it was before the update. Throws a ValidationException ServiceError where DynamoDB does (e.g. an
     * operand of the wrong type, a number past 38 digits).
     */
    public Map<String, Value> apply(Map<String, Value> item) {
        throw new UnsupportedOperationException("stub");
    }

    /** The top-level attribute names that the update's actions write or remove. */
    public Set<String> topLevelAttributes() {
        throw new UnsupportedOperationException("stub");
    }
}
