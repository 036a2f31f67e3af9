package io.github.distributedcounter.internal;

import java.math.BigDecimal;
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

    static AttributeValue number(BigDecimal value) {
        return AttributeValue.fromN(DynamoDbNumbers.normalized(value).toPlainString());
    }

    boolean holdsValue(Map<String, AttributeValue> item) {
        return item != null && item.containsKey(valueAttribute);
    }

    /** The counter's value in {@code item}. */
    long value(String key, Map<String, AttributeValue> item) {
        return number(key, item == null ? null : item.get(valueAttribute));
    }

    /** The counter's value in {@code item}, as a decimal in the form DynamoDB returns it. */
    BigDecimal decimal(String key, Map<String, AttributeValue> item) {
        return decimal(key, item.get(valueAttribute));
    }

    BigDecimal decimal(String key, AttributeValue value) {
        return DynamoDbNumbers.normalized(new BigDecimal(text(key, value)));
    }

    long number(String key, AttributeValue value) {
        String text = text(key, value);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new DistributedCounterException("Counter '" + key + "' holds " + text
                    + ", which is not a whole number in the long range", e);
        }
    }

    private String text(String key, AttributeValue value) {
        if (value == null || value.n() == null) {
            throw new DistributedCounterException("Item '" + key + "' in table '" + tableName
                    + "' has no Number attribute '" + valueAttribute + "'");
        }
        return value.n();
    }
}
