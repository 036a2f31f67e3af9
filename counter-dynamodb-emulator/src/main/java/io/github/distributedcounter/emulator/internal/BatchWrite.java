package io.github.distributedcounter.emulator.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * BatchWriteItem: up to 25 PutRequests and DeleteRequests, in one or more tables, each applied on its own as
 * PutItem and DeleteItem would (without conditions). The batch as a whole is not atomic: a request that the
 * throttle refuses is returned in {@code UnprocessedItems}, in the form it was given, for the caller to send
 * again; when it refuses them all, the batch fails with the throttle's error. Two requests on one item, a key
 * that does not match its table's schema, an item over 400 KB, or a table that does not exist, fail the whole
 * batch before anything is written. A PutRequest whose item lacks a key attribute, or has one of the wrong type,
 * is reported as "The provided key element does not match the schema", where PutItem names the attribute.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html">
 *     BatchWriteItem</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_WriteRequest.html">
 *     WriteRequest</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/batch-operations.html">
 *     Batch operations</a>
 */
final class BatchWrite {

    static final int MAX_REQUESTS = 25;

    private final Engine engine;

    BatchWrite(Engine engine) {
        this.engine = engine;
    }

    /** One request of the batch: the write and the request as given, to return when unprocessed. */
    private record Request(ItemWrite write, Object given) {
    }

    Map<String, Object> batchWriteItem(Map<String, Object> request) {
        Map<String, Object> requestItems = Requests.map(request, "RequestItems");
        String returnConsumedCapacity = Capacity.returnConsumedCapacity(request);
        Requests.returnItemCollectionMetrics(request);
        if (requestItems == null) {
            throw ServiceError.validation("1 validation error detected: Value null at 'requestItems' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        if (requestItems.isEmpty()) {
            throw ServiceError.validation("1 validation error detected: Value '{}' at 'requestItems' failed to "
                    + "satisfy constraint: Member must have length greater than or equal to 1");
        }
        int total = 0;
        for (Map.Entry<String, Object> entry : requestItems.entrySet()) {
            String name = entry.getKey();
            if (name.length() < 3 || name.length() > 255 || !TableOperations.TABLE_NAME.matcher(name).matches()) {
                throw ServiceError.validation("1 validation error detected: Value '" + describe(requestItems)
                        + "' at 'requestItems' failed to satisfy constraint: Map keys must satisfy constraint: "
                        + "[Member must have length less than or equal to 255, Member must have length greater "
                        + "than or equal to 3, Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]");
            }
            List<Object> writes = Requests.asList(entry.getValue());
            if (writes.isEmpty() || writes.size() > MAX_REQUESTS) {
                throw ServiceError.validation("1 validation error detected: Value '" + describe(requestItems)
                        + "' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: "
                        + "[Member must have length less than or equal to " + MAX_REQUESTS
                        + ", Member must have length greater than or equal to 1]");
            }
            total += writes.size();
        }
        if (total > MAX_REQUESTS) {
            throw ServiceError.validation("Too many items requested for the BatchWriteItem call");
        }
        // the form of every request and its values first, then the tables, then the keys
        for (Map.Entry<String, Object> entry : requestItems.entrySet()) {
            List<Object> writes = Requests.asList(entry.getValue());
            for (int i = 0; i < writes.size(); i++) {
                Map<String, Object> member = member(writes.get(i), entry.getKey(), i);
                Map<String, Value> item = AttributeValues.item(member.get("Item"));
                AttributeValues.item(member.get("Key"));
                if (item != null && Value.itemSize(item) > ItemWrite.MAX_ITEM_BYTES) {
                    throw ServiceError.validation("Item size has exceeded the maximum allowed size");
                }
            }
        }
        Map<Table, List<Request>> byTable = new LinkedHashMap<>();
        for (String name : requestItems.keySet()) {
            byTable.put(engine.table(name), new ArrayList<>());
        }
        for (Map.Entry<Table, List<Request>> entry : byTable.entrySet()) {
            Table table = entry.getKey();
            List<Object> writes = Requests.asList(requestItems.get(table.name));
            Set<Table.ItemKey> keys = new HashSet<>();
            for (int i = 0; i < writes.size(); i++) {
                Map<String, Object> member = member(writes.get(i), table.name, i);
                ItemWrite write = member.containsKey("Item") ? put(table, member)
                        : ItemWrite.delete(table, Map.of("Key", member.get("Key")));
                if (!keys.add(write.key)) {
                    throw ServiceError.validation("Provided list of item keys contains duplicates");
                }
                entry.getValue().add(new Request(write, writes.get(i)));
            }
        }

        Map<String, Object> unprocessed = new LinkedHashMap<>();
        List<Object> consumed = new ArrayList<>();
        ServiceError firstRefusal = null;
        int refused = 0;
        for (Map.Entry<Table, List<Request>> entry : byTable.entrySet()) {
            Table table = entry.getKey();
            double units = 0;
            List<Object> left = new ArrayList<>();
            for (Request each : entry.getValue()) {
                try {
                    units += each.write.execute(engine.throttle()).units();
                } catch (ServiceError error) {
                    if (!error.isThrottling()) {
                        throw error;
                    }
                    firstRefusal = firstRefusal == null ? error : firstRefusal;
                    refused++;
                    left.add(each.given);
                }
            }
            if (!left.isEmpty()) {
                unprocessed.put(table.name, left);
            }
            Map<String, Object> tableConsumed = Capacity.consumed(returnConsumedCapacity, table.name, units);
            if (tableConsumed != null) {
                consumed.add(tableConsumed);
            }
        }
        if (refused == total) {
            throw firstRefusal;
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("UnprocessedItems", unprocessed);
        if (!consumed.isEmpty()) {
            response.put("ConsumedCapacity", consumed);
        }
        return response;
    }

    /**
     * The PutRequest's or DeleteRequest's members of one WriteRequest, which must have exactly one of them, with
     * its Item or Key present.
     */
    private static Map<String, Object> member(Object writeRequest, String table, int index) {
        Map<String, Object> request = Requests.asMap(writeRequest);
        Map<String, Object> put = Requests.map(request, "PutRequest");
        Map<String, Object> delete = Requests.map(request, "DeleteRequest");
        if ((put == null) == (delete == null)) {
            throw ServiceError.validation("Supplied AttributeValue has more than one datatypes set, must contain "
                    + "exactly one of the supported datatypes");
        }
        String path = "requestItems." + table + ".member." + (index + 1) + ".member.";
        if (put != null && put.get("Item") == null) {
            throw ServiceError.validation("1 validation error detected: Value null at '" + path + "putRequest.item' "
                    + "failed to satisfy constraint: Member must not be null");
        }
        if (delete != null && delete.get("Key") == null) {
            throw ServiceError.validation("1 validation error detected: Value null at '" + path
                    + "deleteRequest.key' failed to satisfy constraint: Member must not be null");
        }
        return put != null ? Map.of("Item", put.get("Item")) : Map.of("Key", delete.get("Key"));
    }

    /**
     * A PutRequest's write. Its item's key is checked as PutItem checks it, but a missing key attribute or one of
     * the wrong type is reported as a DeleteRequest's would be.
     */
    private static ItemWrite put(Table table, Map<String, Object> member) {
        try {
            return ItemWrite.put(table, member, "item");
        } catch (ServiceError error) {
            String message = String.valueOf(error.getMessage());
            if (message.startsWith("One or more parameter values were invalid: Missing the key ")
                    || message.startsWith("One or more parameter values were invalid: Type mismatch for key ")) {
                throw ServiceError.validation("The provided key element does not match the schema");
            }
            throw error;
        }
    }

    /** {@code RequestItems} as DynamoDB's validation messages print it: {@code {table=[WriteRequest@…]}}. */
    private static String describe(Map<String, Object> requestItems) {
        StringJoiner text = new StringJoiner(", ", "{", "}");
        requestItems.forEach((table, writes) -> text.add(table + "="
                + (writes instanceof List<?> list ? Requests.dump(new ArrayList<>(list), "WriteRequest") : writes)));
        return text.toString();
    }
}
