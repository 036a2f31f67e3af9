package io.github.distributedcounter.emulator.internal.expression;

import java.util.Map;

import io.github.distributedcounter.emulator.internal.Value;

/**
 * The {@code ExpressionAttributeNames} and {@code ExpressionAttributeValues} of one request, shared by all its
 * expressions, recording which ones they use.
 */
public final class ExpressionContext {

    /** Either map may be null (absent in the request). */
    public ExpressionContext(Map<String, String> names, Map<String, Value> values) {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * Throws DynamoDB's ValidationException when a name or value given in the request was used by none of
     * its expressions. Call after every expression of the request has been parsed.
     */
    public void checkAllUsed() {
        throw new UnsupportedOperationException("stub");
    }
}
