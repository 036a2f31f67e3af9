package io.github.distributedcounter;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Counter items as other instances' exactly-once bookkeeping leaves them, written and read directly: entries
 * {@code dcs_<id>} (the instance's last sequence, microseconds of its clock) and {@code dcb_<id>}.
 */
final class StoredBookkeeping {

    private StoredBookkeeping() {
    }

    /** Writes {@code key} with {@code value} and {@code entries} instances' entries, last written {@code age} ago. */
    static void write(DynamoDbClient client, String table, String key, long value, int entries, Duration age) {
        client.putItem(b -> b.tableName(table).item(item(key, value, entries, age)));
    }

    static Map<String, AttributeValue> item(String key, long value, int entries, Duration age) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("key", AttributeValue.fromS(key));
        item.put("counter_value", AttributeValue.fromN(Long.toString(value)));
        long sequence = (System.currentTimeMillis() - age.toMillis()) * 1000;
        for (int i = 0; i < entries; i++) {
            String id = String.format("%016x", 0xa000_0000_0000L + i);
            item.put("dcs_" + id, AttributeValue.fromN(Long.toString(sequence - i)));
            item.put("dcb_" + id, AttributeValue.fromN(Long.toString(value)));
        }
        return item;
    }

    static Map<String, AttributeValue> read(DynamoDbClient client, String table, String key) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table)
                .key(Map.of("key", AttributeValue.fromS(key))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    /** How many instances have an entry in the item. */
    static long entries(Map<String, AttributeValue> item) {
        return item.keySet().stream().filter(name -> name.startsWith("dcs_")).count();
    }

    /** The item's size as DynamoDB counts it: names in UTF-8, strings in UTF-8, numbers about a byte per 2 digits. */
    static int size(Map<String, AttributeValue> item) {
        int size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += attribute.getKey().length();
            AttributeValue value = attribute.getValue();
            size += value.s() != null ? value.s().length()
                    : (new BigDecimal(value.n()).stripTrailingZeros().precision() + 1) / 2 + 1;
        }
        return size;
    }

    /** Makes every entry of the item look {@code age} old, as if that time had passed since they were written. */
    static void age(DynamoDbClient client, String table, String key, Duration age) {
        Map<String, AttributeValue> item = new HashMap<>(read(client, table, key));
        long sequence = (System.currentTimeMillis() - age.toMillis()) * 1000;
        item.replaceAll((name, value) -> name.startsWith("dcs_") ? AttributeValue.fromN(Long.toString(sequence))
                : value);
        client.putItem(b -> b.tableName(table).item(item));
    }
}
