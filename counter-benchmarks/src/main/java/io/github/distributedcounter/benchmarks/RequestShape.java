package io.github.distributedcounter.benchmarks;

import java.util.HashMap;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * An increment by 1 as one {@code UpdateItem}, sent with the raw SDK: the bare {@code ADD} of the baseline, and
 * the requests the library sends for {@code increment(key, 1, 0)} of a key it has written before, with
 * exactly-once off and on. Timing the library's requests without the library tells DynamoDB's cost of a request
 * shape apart from the library's own.
 */
enum RequestShape {

    BARE_ADD("ADD #v :d", null, ReturnValue.UPDATED_NEW, false),
    GUARDED("ADD #v :d", "#v <= :hi", ReturnValue.UPDATED_NEW, false),
    EXACTLY_ONCE("ADD #v :d SET #s = :seq, #b = #v", "#s < :seq AND (#v <= :hi)", ReturnValue.ALL_NEW, true);

    private static final String INSTANCE = "0123456789abcdef";

    private final String update;
    private final String condition;
    private final ReturnValue returnValues;
    private final boolean sequenced;

    RequestShape(String update, String condition, ReturnValue returnValues, boolean sequenced) {
        this.update = update;
        this.condition = condition;
        this.returnValues = returnValues;
        this.sequenced = sequenced;
    }

    UpdateItemRequest request(String table, String key, long sequence) {
        Map<String, String> names = new HashMap<>(Map.of("#v", "counter_value"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":d", number(1)));
        if (condition != null) {
            values.put(":hi", number(Long.MAX_VALUE - 1));
        }
        if (sequenced) {
            names.put("#s", "dcs_" + INSTANCE);
            names.put("#b", "dcb_" + INSTANCE);
            values.put(":seq", number(sequence));
        }
        return UpdateItemRequest.builder().tableName(table).key(Map.of("key", AttributeValue.fromS(key)))
                .updateExpression(update).conditionExpression(condition).expressionAttributeNames(names)
                .expressionAttributeValues(values).returnValues(returnValues).build();
    }

    /** The item the shape's condition expects, at 0, as the library leaves it after its first increment. */
    Map<String, AttributeValue> item(String key) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("key", AttributeValue.fromS(key),
                "counter_value", number(0)));
        if (sequenced) {
            item.put("dcs_" + INSTANCE, number(0));
            item.put("dcb_" + INSTANCE, number(0));
        }
        return item;
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
