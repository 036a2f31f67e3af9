package io.github.distributedcounter.internal;

import static io.github.distributedcounter.internal.TableSchema.number;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Every item request the counter sends, built and nothing else: no I/O, no state. {@code #v} is the value
 * attribute; the increment's shapes are named in {@link IncrementShape}.
 */
final class CounterRequests {

    /** Most entries one pruning request removes. */
    static final int PRUNE_CHUNK = 100;
    /** Set by {@link #delete} on the item it leaves without a value, so that it is deleted only as it was left. */
    static final String TOMBSTONE_ATTRIBUTE = ExactlyOnce.BASE_PREFIX + "deleted";

    private final TableSchema schema;
    private final ExactlyOnce exactlyOnce;
    private final AwsRequestOverrideConfiguration override;
    private final AwsRequestOverrideConfiguration incrementOverride;
    private final Map<String, String> valueName;

    /**
     * {@code exactlyOnce} is null where exactly-once is off; {@code override} (every request) and
     * {@code incrementOverride} (increment requests) may be null.
     */
    CounterRequests(TableSchema schema, ExactlyOnce exactlyOnce, AwsRequestOverrideConfiguration override,
            AwsRequestOverrideConfiguration incrementOverride) {
        this.schema = schema;
        this.exactlyOnce = exactlyOnce;
        this.override = override;
        this.incrementOverride = incrementOverride;
        this.valueName = Map.of("#v", schema.valueAttribute());
    }

    GetItemRequest get(String key) {
        return GetItemRequest.builder().tableName(schema.tableName()).key(schema.key(key)).consistentRead(true)
                .projectionExpression("#v").expressionAttributeNames(valueName).overrideConfiguration(override)
                .build();
    }

    BatchGetItemRequest getAll(List<Map<String, AttributeValue>> keys) {
        return getAll(Map.of(schema.tableName(), KeysAndAttributes.builder().keys(keys).consistentRead(true)
                .projectionExpression("#k, #v")
                .expressionAttributeNames(Map.of("#k", schema.keyAttribute(), "#v", schema.valueAttribute()))
                .build()));
    }

    /** A BatchGetItem of the keys a previous one left unprocessed. */
    BatchGetItemRequest getAll(Map<String, KeysAndAttributes> unprocessed) {
        return BatchGetItemRequest.builder().requestItems(unprocessed).overrideConfiguration(override).build();
    }

    UpdateItemRequest put(String key, long value) {
        return put(key, number(value));
    }

    UpdateItemRequest put(String key, AttributeValue value) {
        return update(key).updateExpression("SET #v = :v").expressionAttributeNames(valueName)
                .expressionAttributeValues(Map.of(":v", value)).build();
    }

    /**
     * Removes the value of a counter that has one, keeping the exactly-once bookkeeping, and marks the item with
     * {@code token}; returns the item as it is then, or as it was where there was no value.
     */
    UpdateItemRequest delete(String key, long token) {
        return update(key).updateExpression("REMOVE #v SET #t = :t").conditionExpression("attribute_exists(#v)")
                .expressionAttributeNames(Map.of("#v", schema.valueAttribute(), "#t", TOMBSTONE_ATTRIBUTE))
                .expressionAttributeValues(Map.of(":t", number(token))).returnValues(ReturnValue.ALL_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build();
    }

    /** Deletes the item {@link #delete} left, unless a value or another delete came since. */
    DeleteItemRequest deleteTombstone(String key, AttributeValue token) {
        return DeleteItemRequest.builder().tableName(schema.tableName()).key(schema.key(key))
                .conditionExpression("attribute_not_exists(#v) AND #t = :t")
                .expressionAttributeNames(Map.of("#v", schema.valueAttribute(), "#t", TOMBSTONE_ATTRIBUTE))
                .expressionAttributeValues(Map.of(":t", token)).overrideConfiguration(override).build();
    }

    /** A strongly consistent read of the value and, with exactly-once on, this instance's entry. */
    GetItemRequest valueAndEntry(String key) {
        Map<String, String> names = new HashMap<>(valueName);
        String projection = "#v";
        if (exactlyOnce != null) {
            names.put("#s", exactlyOnce.sequenceAttribute());
            names.put("#b", exactlyOnce.baseAttribute());
            projection = "#v, #s, #b";
        }
        return GetItemRequest.builder().tableName(schema.tableName()).key(schema.key(key)).consistentRead(true)
                .projectionExpression(projection).expressionAttributeNames(names).overrideConfiguration(override)
                .build();
    }

    /** A strongly consistent read of the whole item. */
    GetItemRequest item(String key) {
        return GetItemRequest.builder().tableName(schema.tableName()).key(schema.key(key)).consistentRead(true)
                .overrideConfiguration(override).build();
    }

    UpdateItemRequest compareAndSet(String key, long expected, long newValue) {
        return update(key).updateExpression("SET #v = :new").conditionExpression("#v = :expected")
                .expressionAttributeNames(valueName)
                .expressionAttributeValues(Map.of(":new", number(newValue), ":expected", number(expected))).build();
    }

    /** Adds {@code amount} where the result stays at most {@code maximum}; needs {@code maximum - amount} in range. */
    UpdateItemRequest incrementIfAtMost(String key, long amount, long maximum) {
        String condition = amount <= maximum ? "attribute_not_exists(#v) OR #v <= :t" : "#v <= :t";
        return update(key).updateExpression("SET #v = if_not_exists(#v, :zero) + :d").conditionExpression(condition)
                .expressionAttributeNames(valueName)
                .expressionAttributeValues(Map.of(":zero", number(0), ":d", number(amount),
                        ":t", number(maximum - amount)))
                .returnValues(ReturnValue.UPDATED_NEW).build();
    }

    /**
     * The increment request: adds the delta's sum under a condition that keeps every caller's result in range; with
     * exactly-once on, records {@code sequence} and the value before the write. {@code paced}: with the increment
     * requests' own override, which hands the key's throttling back to the counter.
     */
    UpdateItemRequest increment(String key, Addend delta, IncrementShape shape, long sequence, boolean paced) {
        Map<String, String> names = new HashMap<>(valueName);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":d", delta.sumNumber());
        List<String> range = new ArrayList<>(2);
        AttributeValue highest = delta.highest();
        if (highest != null) {
            range.add("#v <= :hi");
            values.put(":hi", highest);
        }
        AttributeValue lowest = delta.lowest();
        if (lowest != null) {
            range.add("#v >= :lo");
            values.put(":lo", lowest);
        }
        String update = shape.updateExpression();
        if (update.contains(":init")) {
            values.put(":init", delta.initial());
        }
        if (shape.entry() != IncrementShape.Entry.NONE) {
            names.put("#s", exactlyOnce.sequenceAttribute());
            names.put("#b", exactlyOnce.baseAttribute());
            values.put(":seq", number(sequence));
        }
        return update(key).updateExpression(update)
                .conditionExpression(shape.conditionExpression(String.join(" AND ", range)))
                .expressionAttributeNames(names).expressionAttributeValues(values)
                .returnValues(exactlyOnce == null ? ReturnValue.UPDATED_NEW : ReturnValue.ALL_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .overrideConfiguration(paced ? incrementOverride : override).build();
    }

    /**
     * Removes other instances' exactly-once entries, each only if its sequence is still the one seen; at most
     * {@value #PRUNE_CHUNK} entries, so that its expressions stay well under DynamoDB's 4 KB.
     */
    UpdateItemRequest removeEntries(String key, List<Map.Entry<String, String>> staleSequences) {
        if (staleSequences.size() > PRUNE_CHUNK) {
            throw new IllegalArgumentException("at most " + PRUNE_CHUNK + " entries, were " + staleSequences.size());
        }
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> removals = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> entry : staleSequences) {
            names.put("#s" + i, entry.getKey());
            names.put("#b" + i, ExactlyOnce.baseAttributeOf(entry.getKey()));
            values.put(":s" + i, AttributeValue.fromN(entry.getValue()));
            removals.add("#s" + i);
            removals.add("#b" + i);
            conditions.add("#s" + i + " = :s" + i);
            i++;
        }
        return update(key).updateExpression("REMOVE " + String.join(", ", removals))
                .conditionExpression(String.join(" AND ", conditions))
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    private UpdateItemRequest.Builder update(String key) {
        return UpdateItemRequest.builder().tableName(schema.tableName()).key(schema.key(key))
                .overrideConfiguration(override);
    }
}
