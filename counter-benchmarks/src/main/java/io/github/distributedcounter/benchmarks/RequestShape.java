package io.github.distributedcounter.benchmarks;

import java.util.HashMap;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * An increment by 1 as one {@code UpdateItem}, sent with the raw SDK: the bare {@code ADD} of the baseline, and
 * the requests the library sends for {@code increment(key, 1, 0)} with exactly-once off and on. Timing the
 * library's requests without the library tells DynamoDB's cost of a request shape apart from the library's own.
 */
enum RequestShape {

    BARE_ADD("ADD #v :d", null, ReturnValue.UPDATED_NEW, false),
    GUARDED("ADD #v :d", "attribute_not_exists(#v) OR (#v <= :hi)", ReturnValue.UPDATED_NEW, false),
    EXACTLY_ONCE("ADD #v :d SET #s = :seq, #b = if_not_exists(#v, :init)",
            "(attribute_not_exists(#s) OR #s < :seq) AND (attribute_not_exists(#v) OR (#v <= :hi))",
            ReturnValue.ALL_NEW, true);

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
            values.put(":init", number(0));
        }
        return UpdateItemRequest.builder().tableName(table).key(Map.of("key", AttributeValue.fromS(key)))
                .updateExpression(update).conditionExpression(condition).expressionAttributeNames(names)
                .expressionAttributeValues(values).returnValues(returnValues).build();
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
