package io.github.distributedcounter.emulator.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DynamoDB's capacity unit arithmetic: a write unit per started KB of the larger of the item before and after,
 * a strongly consistent read unit per started 4 KB (half for an eventually consistent read), at least one unit.
 * A transaction consumes twice that: two write units per started KB, two read units per started 4 KB.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html">
 *     DynamoDB read and write operations</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-capacity-handling">
 *     Capacity management for transactions</a>
 */
final class Capacity {

    private Capacity() {
    }

    static double writeUnits(Map<String, Value> before, Map<String, Value> after) {
        int size = Math.max(before == null ? 0 : Value.itemSize(before), after == null ? 0 : Value.itemSize(after));
        return Math.max(1, (size + 1023) / 1024);
    }

    /** Write units of one action of a transaction: twice those of the same write on its own. */
    static double transactionalWriteUnits(Map<String, Value> before, Map<String, Value> after) {
        return 2 * writeUnits(before, after);
    }

    /** Read units of one read of a transaction: twice those of a strongly consistent read. */
    static double transactionalReadUnits(Map<String, Value> item) {
        return 2 * readUnits(item, true);
    }

    static double readUnits(Map<String, Value> item, boolean consistent) {
        int size = item == null ? 0 : Value.itemSize(item);
        double units = Math.max(1, (size + 4095) / 4096);
        return consistent ? units : units / 2;
    }

    /**
     * The request's {@code ReturnConsumedCapacity} ({@code INDEXES}, {@code TOTAL} or {@code NONE}), or null when
     * absent; any other value is DynamoDB's ValidationException.
     */
    static String returnConsumedCapacity(Map<String, Object> request) {
        String value = Requests.string(request, "ReturnConsumedCapacity");
        if (value != null && !value.equals("INDEXES") && !value.equals("TOTAL") && !value.equals("NONE")) {
            throw ServiceError.validation("1 validation error detected: Value '" + value + "' at "
                    + "'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[INDEXES, TOTAL, NONE]");
        }
        return value;
    }

    /** The {@code ConsumedCapacity} member of a response, or null when the request did not ask for it. */
    static Map<String, Object> consumed(String returnConsumedCapacity, String table, double units) {
        if (returnConsumedCapacity == null || returnConsumedCapacity.equals("NONE")) {
            return null;
        }
        Map<String, Object> consumed = new LinkedHashMap<>();
        consumed.put("TableName", table);
        consumed.put("CapacityUnits", units);
        if (returnConsumedCapacity.equals("INDEXES")) {
            consumed.put("Table", Map.of("CapacityUnits", units));
        }
        return consumed;
    }
}
