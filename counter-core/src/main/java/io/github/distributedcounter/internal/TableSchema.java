package io.github.distributedcounter.internal;

import java.util.Map;

import io.github.distributedcounter.DistributedCounterException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The counter table's name and attributes, and how a counter's key and value are read from and written to items. */
record TableSchema(String tableName, String keyAttribute, String valueAttribute) {

    Map<String, AttributeValue> key(String key) {
        return Map.of(keyAttribute, AttributeValue.fromS(key));
    }

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    boolean holdsValue(Map<String, AttributeValue> item) {
        return item != null && item.containsKey(valueAttribute);
    }

    /** The counter's value in {@code item}. */
    long value(String key, Map<String, AttributeValue> item) {
        return number(key, item == null ? null : item.get(valueAttribute));
    }

    long number(String key, AttributeValue value) {
        if (value == null || value.n() == null) {
            throw new DistributedCounterException("Item '" + key + "' in table '" + tableName
                    + "' has no Number attribute '" + valueAttribute + "'");
        }
        try {
            return Long.parseLong(value.n());
        } catch (NumberFormatException e) {
            throw new DistributedCounterException("Counter '" + key + "' holds " + value.n()
                    + ", which is not a whole number in the long range", e);
        }
    }
}
