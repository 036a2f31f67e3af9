package io.github.distributedcounter.emulator.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * One table: its schema, its time-to-live setting and its items, each item written atomically. Single-item
 * writes (and the time-to-live sweeper's deletes) share the table's lock; a transaction takes the locks of its
 * tables exclusively, so that it is atomic across items.
 */
final class Table {

    /** A key attribute: its name and type ({@code S}, {@code N} or {@code B}). */
    record KeyAttribute(String name, Value.Type type) {
    }

    /** The primary key of an item: its partition key value and its sort key value (or null). */
    record ItemKey(Value hash, Value range) {
    }

    private static final int MAX_PARTITION_KEY_BYTES = 2048;
    private static final int MAX_SORT_KEY_BYTES = 1024;

    final String name;
    final KeyAttribute hashKey;
    final KeyAttribute rangeKey;
    final List<Map<String, Object>> attributeDefinitions;
    final String billingMode;
    final long readCapacityUnits;
    final long writeCapacityUnits;
    final Instant created;
    final String id;
    /** The time-to-live setting; changed under {@code synchronized (table)}, read without. */
    volatile TimeToLive.Setting timeToLive = TimeToLive.Setting.NEVER;
    final ConcurrentHashMap<ItemKey, Map<String, Value>> items = new ConcurrentHashMap<>();
    final ReadWriteLock lock = new ReentrantReadWriteLock();

    Table(String name, KeyAttribute hashKey, KeyAttribute rangeKey, List<Map<String, Object>> attributeDefinitions,
            String billingMode, long readCapacityUnits, long writeCapacityUnits, Instant created, String id) {
        this.name = name;
        this.hashKey = hashKey;
        this.rangeKey = rangeKey;
        this.attributeDefinitions = attributeDefinitions;
        this.billingMode = billingMode;
        this.readCapacityUnits = readCapacityUnits;
        this.writeCapacityUnits = writeCapacityUnits;
        this.created = created;
        this.id = id;
    }

    /** The key of a {@code Key} parameter: exactly the key attributes, of the schema's types. */
    ItemKey key(Map<String, Value> key) {
        if (key == null) {
            throw ServiceError.validation("1 validation error detected: Value null at 'key' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        int expected = rangeKey == null ? 1 : 2;
        Value hash = key.get(hashKey.name());
        Value range = rangeKey == null ? null : key.get(rangeKey.name());
        if (key.size() != expected || hash == null || hash.type() != hashKey.type()
                || (rangeKey != null && (range == null || range.type() != rangeKey.type()))) {
            throw ServiceError.validation("The provided key element does not match the schema");
        }
        checkKeyValue(hashKey, hash);
        if (rangeKey != null) {
            checkKeyValue(rangeKey, range);
        }
        return new ItemKey(hash, range);
    }

    /** The key of a whole item, as PutItem checks it. */
    ItemKey keyOfItem(Map<String, Value> item) {
        Value hash = keyValueOfItem(item, hashKey);
        Value range = rangeKey == null ? null : keyValueOfItem(item, rangeKey);
        return new ItemKey(hash, range);
    }

    private Value keyValueOfItem(Map<String, Value> item, KeyAttribute attribute) {
        Value value = item.get(attribute.name());
        if (value == null) {
            throw ServiceError.validation("One or more parameter values were invalid: Missing the key "
                    + attribute.name() + " in the item");
        }
        if (value.type() != attribute.type()) {
            throw ServiceError.validation("One or more parameter values were invalid: Type mismatch for key "
                    + attribute.name() + " expected: " + attribute.type() + " actual: " + value.type());
        }
        checkKeyValue(attribute, value);
        return value;
    }

    private void checkKeyValue(KeyAttribute attribute, Value value) {
        if (value.size() == 0) {
            throw ServiceError.validation("One or more parameter values are not valid. The AttributeValue for a key "
                    + "attribute cannot contain an empty " + (value.type() == Value.Type.S ? "string" : "binary")
                    + " value. Key: " + attribute.name());
        }
        if (attribute == hashKey && value.size() > MAX_PARTITION_KEY_BYTES) {
            // DynamoDB's message has no space between "of" and the limit
            throw ServiceError.validation("One or more parameter values were invalid: Size of hashkey has exceeded "
                    + "the maximum size limit of" + MAX_PARTITION_KEY_BYTES + " bytes");
        }
        if (attribute == rangeKey && value.size() > MAX_SORT_KEY_BYTES) {
            throw ServiceError.validation("One or more parameter values were invalid: Aggregated size of all range "
                    + "keys has exceeded the size limit of " + MAX_SORT_KEY_BYTES + " bytes");
        }
    }

    /** The key attributes of a stored item, as a Key parameter would give them. */
    Map<String, Value> keyAttributes(ItemKey key) {
        Map<String, Value> attributes = new LinkedHashMap<>();
        attributes.put(hashKey.name(), key.hash());
        if (rangeKey != null) {
            attributes.put(rangeKey.name(), key.range());
        }
        return attributes;
    }

    boolean isKeyAttribute(String attribute) {
        return attribute.equals(hashKey.name()) || (rangeKey != null && attribute.equals(rangeKey.name()));
    }

    /** The item, or null. Like DynamoDB, an item past its time to live reads as present until it is removed. */
    Map<String, Value> get(ItemKey key) {
        return items.get(key);
    }

    /**
     * Writes one item atomically: {@code write} gets the current item (null when absent) and returns the new
     * one (null to delete); an exception from it leaves the item as it was.
     */
    void write(ItemKey key, BiFunction<ItemKey, Map<String, Value>, Map<String, Value>> write) {
        lock.readLock().lock();
        try {
            items.compute(key, write);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs {@code body} holding the write locks of {@code tables}, taken in the order of their names so that two
     * transactions never wait for each other. No single-item write of those tables runs meanwhile; the body may
     * still call {@link #write} (a write lock's holder may take the read lock).
     */
    static <T> T exclusively(Collection<Table> tables, Supplier<T> body) {
        List<Table> ordered = new ArrayList<>(new LinkedHashSet<>(tables));
        ordered.sort(Comparator.comparing(table -> table.name));
        int locked = 0;
        try {
            for (Table table : ordered) {
                table.lock.writeLock().lock();
                locked++;
            }
            return body.get();
        } finally {
            for (int i = locked - 1; i >= 0; i--) {
                ordered.get(i).lock.writeLock().unlock();
            }
        }
    }

    /**
     * Deletes the items whose {@code attribute} is a Number of epoch seconds before {@code now} but not before
     * {@code oldest}; returns how many. Each deletion is a single-item write: it shares the table's lock, and
     * re-reads the item so that one written since it was found is judged on its new value.
     */
    int removeExpired(String attribute, BigDecimal now, BigDecimal oldest) {
        List<ItemKey> expired = new ArrayList<>();
        items.forEach((key, item) -> {
            if (TimeToLive.expired(item, attribute, now, oldest)) {
                expired.add(key);
            }
        });
        int removed = 0;
        for (ItemKey key : expired) {
            boolean[] deleted = new boolean[1];
            lock.readLock().lock();
            try {
                items.computeIfPresent(key, (k, item) -> {
                    deleted[0] = TimeToLive.expired(item, attribute, now, oldest);
                    return deleted[0] ? null : item;
                });
            } finally {
                lock.readLock().unlock();
            }
            if (deleted[0]) {
                removed++;
            }
        }
        return removed;
    }

    long sizeBytes() {
        long size = 0;
        for (Map<String, Value> item : items.values()) {
            size += Value.itemSize(item);
        }
        return size;
    }
}
