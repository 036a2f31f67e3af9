package io.github.distributedcounter.emulator.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DynamoDB's capacity unit arithmetic: a write unit per started KB of the larger of the item before and after,
 * a strongly consistent read unit per started 4 KB (half for an eventually consistent read), at least one unit.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html">
 *     DynamoDB read and write operations</a>
 */
final class Capacity {

    private Capacity() {
    }

    static double writeUnits(Map<String, Value> before, Map<String, Value> after) {
        int size = Math.max(before == null ? 0 : Value.itemSize(before), after == null ? 0 : Value.itemSize(after));
        return Math.max(1, (size + 1023) / 1024);
    }

    static double readUnits(Map<String, Value> item, boolean consistent) {
        int size = item == null ? 0 : Value.itemSize(item);
        double units = Math.max(1, (size + 4095) / 4096);
        return consistent ? units : units / 2;
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
