package io.github.distributedcounter.emulator.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.distributedcounter.emulator.internal.expression.ExpressionContext;
import io.github.distributedcounter.emulator.internal.expression.Projection;
import io.github.distributedcounter.emulator.internal.expression.Update;

/**
 * GetItem, PutItem, UpdateItem, DeleteItem and BatchGetItem. The writes are {@link ItemWrite}s, shared with
 * BatchWriteItem and TransactWriteItems.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB.html">
 *     DynamoDB API actions</a>
 */
final class ItemOperations {

    private static final int MAX_BATCH_GET_KEYS = 100;

    private final Engine engine;

    ItemOperations(Engine engine) {
        this.engine = engine;
    }

    Map<String, Object> getItem(Map<String, Object> request) {
        Table table = engine.table(request);
        Table.ItemKey key = table.key(AttributeValues.item(request.get("Key")));
        requireExpressionFor(request, "ProjectionExpression");
        ExpressionContext context = context(request);
        Projection projection = projection(request, context);
        context.checkAllUsed();
        boolean consistent = Requests.bool(request, "ConsistentRead");
        String returnConsumedCapacity = Capacity.returnConsumedCapacity(request);
        Map<String, Value> item = table.get(key);
        double units = Capacity.readUnits(item, consistent);
        engine.throttle().admitRead(table, key, units);
        Map<String, Object> response = new LinkedHashMap<>();
        if (item != null) {
            response.put("Item", projection == null ? item : projection.apply(item));
        }
        putIfPresent(response, "ConsumedCapacity",
                Capacity.consumed(returnConsumedCapacity, table.name, units));
        return response;
    }

    Map<String, Object> putItem(Map<String, Object> request) {
        Table table = engine.table(request);
        return putOrDelete(request, table, ItemWrite.put(table, request, "item"));
    }

    Map<String, Object> deleteItem(Map<String, Object> request) {
        Table table = engine.table(request);
        return putOrDelete(request, table, ItemWrite.delete(table, request));
    }

    /** Runs a PutItem or DeleteItem, which return nothing or the whole item as it was. */
    private Map<String, Object> putOrDelete(Map<String, Object> request, Table table, ItemWrite write) {
        String returnValues = returnValues(request, false);
        String returnConsumedCapacity = Capacity.returnConsumedCapacity(request);
        ItemWrite.Outcome outcome = write.execute(engine.throttle());
        Map<String, Object> response = new LinkedHashMap<>();
        if (returnValues.equals("ALL_OLD") && outcome.before() != null) {
            response.put("Attributes", outcome.before());
        }
        putIfPresent(response, "ConsumedCapacity",
                Capacity.consumed(returnConsumedCapacity, table.name, outcome.units()));
        return response;
    }

    Map<String, Object> updateItem(Map<String, Object> request) {
        Table table = engine.table(request);
        ItemWrite write = ItemWrite.update(table, request, null);
        String returnValues = returnValues(request, true);
        String returnConsumedCapacity = Capacity.returnConsumedCapacity(request);
        ItemWrite.Outcome outcome = write.execute(engine.throttle());
        Map<String, Object> response = new LinkedHashMap<>();
        Map<String, Value> attributes = switch (returnValues) {
            case "ALL_OLD" -> outcome.before();
            case "ALL_NEW" -> outcome.after();
            case "UPDATED_OLD" -> only(outcome.before(), write.update);
            case "UPDATED_NEW" -> only(outcome.after(), write.update);
            default -> null;
        };
        if (attributes != null && !attributes.isEmpty()) {
            response.put("Attributes", attributes);
        }
        putIfPresent(response, "ConsumedCapacity",
                Capacity.consumed(returnConsumedCapacity, table.name, outcome.units()));
        return response;
    }

    /**
     * BatchGetItem. A key the throttle refuses is returned in {@code UnprocessedKeys}, with its table's other
     * parameters, and consumes nothing; when every key is refused the request fails with the throttling error.
     *
     * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html">
     *     BatchGetItem</a>
     */
    Map<String, Object> batchGetItem(Map<String, Object> request) {
        Map<String, Object> requestItems = Requests.map(request, "RequestItems");
        if (requestItems == null || requestItems.isEmpty()) {
            throw ServiceError.validation("The requestItems parameter is required for BatchGetItem");
        }
        int total = 0;
        for (Map.Entry<String, Object> entry : requestItems.entrySet()) {
            List<Object> keys = Requests.list(Requests.asMap(entry.getValue()), "Keys");
            if (keys != null && keys.size() > MAX_BATCH_GET_KEYS) {
                throw ServiceError.validation("1 validation error detected: Value at 'RequestItems." + entry.getKey()
                        + ".member.Keys' failed to satisfy constraint: Member must have length less than or equal to "
                        + MAX_BATCH_GET_KEYS);
            }
            total += keys == null ? 0 : keys.size();
        }
        if (total > MAX_BATCH_GET_KEYS) {
            throw ServiceError.validation("Too many items requested for the BatchGetItem call");
        }
        String returnConsumedCapacity = Capacity.returnConsumedCapacity(request);
        Map<String, Object> responses = new LinkedHashMap<>();
        List<Object> consumed = new ArrayList<>();
        // a throttled key is returned in UnprocessedKeys; only when every key is throttled does the request fail
        Map<String, Object> unprocessedKeys = new LinkedHashMap<>();
        ServiceError throttled = null;
        int processed = 0;
        for (Map.Entry<String, Object> entry : requestItems.entrySet()) {
            Table table = engine.table(entry.getKey());
            Map<String, Object> tableRequest = Requests.asMap(entry.getValue());
            List<Object> keys = Requests.list(tableRequest, "Keys");
            if (keys == null || keys.isEmpty()) {
                throw ServiceError.validation("1 validation error detected: Value null at 'requestItems."
                        + entry.getKey() + ".member.keys' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
            }
            requireExpressionFor(tableRequest, "ProjectionExpression");
            ExpressionContext context = context(tableRequest);
            Projection projection = projection(tableRequest, context);
            context.checkAllUsed();
            boolean consistent = Requests.bool(tableRequest, "ConsistentRead");
            List<Table.ItemKey> itemKeys = new ArrayList<>();
            Set<Table.ItemKey> distinct = new HashSet<>();
            for (Object key : keys) {
                Table.ItemKey itemKey = table.key(AttributeValues.item(key));
                if (!distinct.add(itemKey)) {
                    throw ServiceError.validation("Provided list of item keys contains duplicates");
                }
                itemKeys.add(itemKey);
            }
            List<Object> found = new ArrayList<>();
            List<Object> unprocessed = new ArrayList<>();
            double units = 0;
            for (int i = 0; i < itemKeys.size(); i++) {
                Table.ItemKey itemKey = itemKeys.get(i);
                Map<String, Value> item = table.get(itemKey);
                double itemUnits = Capacity.readUnits(item, consistent);
                try {
                    engine.throttle().admitRead(table, itemKey, itemUnits);
                } catch (ServiceError error) {
                    if (!error.isThrottling()) {
                        throw error;
                    }
                    throttled = error;
                    unprocessed.add(keys.get(i));
                    continue;
                }
                processed++;
                units += itemUnits;
                if (item != null) {
                    found.add(projection == null ? item : projection.apply(item));
                }
            }
            responses.put(table.name, found);
            if (!unprocessed.isEmpty()) {
                Map<String, Object> again = new LinkedHashMap<>(tableRequest);
                again.put("Keys", unprocessed);
                unprocessedKeys.put(table.name, again);
            }
            Map<String, Object> tableConsumed = Capacity.consumed(returnConsumedCapacity, table.name, units);
            if (tableConsumed != null) {
                consumed.add(tableConsumed);
            }
        }
        if (processed == 0 && throttled != null) {
            throw throttled;
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("Responses", responses);
        response.put("UnprocessedKeys", unprocessedKeys);
        if (!consumed.isEmpty()) {
            response.put("ConsumedCapacity", consumed);
        }
        return response;
    }

    /**
     * Rejects ExpressionAttributeNames or ExpressionAttributeValues in a request that has none of the expressions
     * (the members named) that could use them, with DynamoDB's messages.
     */
    static void requireExpressionFor(Map<String, Object> request, String... expressions) {
        for (String expression : expressions) {
            if (request.get(expression) != null) {
                return;
            }
        }
        if (request.get("ExpressionAttributeNames") != null) {
            throw ServiceError.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        if (request.get("ExpressionAttributeValues") != null) {
            throw ServiceError.validation("ExpressionAttributeValues can only be specified when using expressions: "
                    + String.join(" and ", expressions) + (expressions.length == 1 ? " is null" : " are null"));
        }
    }

    static ExpressionContext context(Map<String, Object> request) {
        Map<String, Object> names = Requests.map(request, "ExpressionAttributeNames");
        Map<String, String> expressionNames = null;
        if (names != null) {
            expressionNames = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : names.entrySet()) {
                expressionNames.put(e.getKey(), Requests.asString(e.getValue()));
            }
        }
        Map<String, Value> expressionValues = AttributeValues.item(request.get("ExpressionAttributeValues"));
        return new ExpressionContext(expressionNames, expressionValues);
    }

    static Projection projection(Map<String, Object> request, ExpressionContext context) {
        String text = Requests.string(request, "ProjectionExpression");
        return text == null ? null : Projection.parse(text, context);
    }

    private static String returnValues(Map<String, Object> request, boolean update) {
        String value = Requests.string(request, "ReturnValues");
        if (value == null) {
            return "NONE";
        }
        boolean known = switch (value) {
            case "NONE", "ALL_OLD" -> true;
            case "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW" -> update;
            default -> false;
        };
        if (!known) {
            if (!update && List.of("UPDATED_OLD", "ALL_NEW", "UPDATED_NEW").contains(value)) {
                throw ServiceError.validation("ReturnValues can only be ALL_OLD or NONE");
            }
            throw ServiceError.validation("1 validation error detected: Value '" + value + "' at 'returnValues' "
                    + "failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]");
        }
        return value;
    }

    /** The parts of the item that the update wrote or removed, nested paths only as deep as they go. */
    private static Map<String, Value> only(Map<String, Value> item, Update update) {
        if (item == null || update == null) {
            return null;
        }
        return update.updatedParts(item);
    }

    private static void putIfPresent(Map<String, Object> response, String name, Object value) {
        if (value != null) {
            response.put(name, value);
        }
    }
}
