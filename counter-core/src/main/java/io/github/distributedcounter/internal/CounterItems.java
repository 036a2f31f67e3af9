package io.github.distributedcounter.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.github.distributedcounter.DistributedCounterException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** The counter calls other than increments, one request each (reads of many keys in batches of 100). */
final class CounterItems {

    private static final int BATCH_GET_LIMIT = 100;
    private static final int BATCH_GET_ATTEMPTS = 10;

    private final TableCalls calls;
    private final TableAdmin admin;
    private final CounterRequests requests;
    private final TableSchema schema;
    private final KnownKeys knownKeys;
    private final Duration retention;

    /** @param retention how long a deleted counter's exactly-once entries are kept */
    CounterItems(TableCalls calls, TableAdmin admin, CounterRequests requests, TableSchema schema,
            KnownKeys knownKeys, Duration retention) {
        this.calls = calls;
        this.admin = admin;
        this.requests = requests;
        this.schema = schema;
        this.knownKeys = knownKeys;
        this.retention = retention;
    }

    private DynamoDbClient client() {
        admin.awaitActive();
        return calls.client();
    }

    OptionalLong get(String key) {
        Map<String, AttributeValue> item = read(key);
        return schema.holdsValue(item) ? OptionalLong.of(schema.value(key, item)) : OptionalLong.empty();
    }

    Optional<BigDecimal> getDecimal(String key) {
        Map<String, AttributeValue> item = read(key);
        return schema.holdsValue(item) ? Optional.of(schema.decimal(key, item)) : Optional.empty();
    }

    private Map<String, AttributeValue> read(String key) {
        DynamoDbClient client = client();
        return calls.call("GetItem", key, () -> client.getItem(requests.get(key))).item();
    }

    Map<String, Long> getAll(Collection<String> keys) {
        DynamoDbClient client = client();
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        Map<String, Long> values = new LinkedHashMap<>();
        for (int from = 0; from < distinct.size(); from += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> chunk = new ArrayList<>();
            for (String key : distinct.subList(from, Math.min(from + BATCH_GET_LIMIT, distinct.size()))) {
                chunk.add(schema.key(key));
            }
            readBatch(client, requests.getAll(chunk), values);
        }
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String key : distinct) {
            Long value = values.get(key);
            if (value != null) {
                ordered.put(key, value);
            }
        }
        return ordered;
    }

    private void readBatch(DynamoDbClient client, BatchGetItemRequest first, Map<String, Long> values) {
        BatchGetItemRequest request = first;
        for (int attempt = 1; request != null; attempt++) {
            if (attempt > BATCH_GET_ATTEMPTS) {
                throw new DistributedCounterException("BatchGetItem on table '" + schema.tableName()
                        + "' left keys unprocessed after " + BATCH_GET_ATTEMPTS + " attempts");
            }
            if (attempt > 1) {
                sleepBackoff(attempt);
            }
            BatchGetItemRequest sent = request;
            BatchGetItemResponse response = calls.call("BatchGetItem", null, () -> client.batchGetItem(sent));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(schema.tableName(), List.of())) {
                if (schema.holdsValue(item)) {
                    String key = item.get(schema.keyAttribute()).s();
                    values.put(key, schema.value(key, item));
                }
            }
            request = response.hasUnprocessedKeys() && !response.unprocessedKeys().isEmpty()
                    ? requests.getAll(response.unprocessedKeys()) : null;
        }
    }

    private static void sleepBackoff(int attempt) {
        try {
            TimeUnit.MILLISECONDS.sleep(Math.min(1000, 25L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DistributedCounterException("Interrupted while reading counters", e);
        }
    }

    void put(String key, long value) {
        put(key, TableSchema.number(value));
    }

    void put(String key, AttributeValue value) {
        DynamoDbClient client = client();
        calls.call("UpdateItem", key, () -> client.updateItem(requests.put(key, value)));
    }

    /**
     * Removes the value but keeps the exactly-once bookkeeping, so that an increment applied before and retried
     * after is recognised; the item goes entirely once its bookkeeping is older than the retention (now, or at a
     * later delete of the key).
     */
    boolean delete(String key) {
        DynamoDbClient client = client();
        knownKeys.remove(key);
        UpdateItemRequest request = requests.delete(key, ThreadLocalRandom.current().nextLong(Long.MAX_VALUE));
        try {
            removeIfStale(client, key, calls.call("UpdateItem", key, () -> client.updateItem(request)).attributes());
            return true;
        } catch (ConditionalCheckFailedException noCounter) {
            removeIfStale(client, key, noCounter.hasItem() ? noCounter.item() : Map.of());
            return false;
        }
    }

    /** Deletes the item {@code delete} left without a value, where no entry in it is younger than the retention. */
    private void removeIfStale(DynamoDbClient client, String key, Map<String, AttributeValue> tombstone) {
        AttributeValue token = tombstone.get(CounterRequests.TOMBSTONE_ATTRIBUTE);
        if (token == null || schema.holdsValue(tombstone) || !ExactlyOnce.allOlderThan(tombstone, retention)) {
            return;
        }
        try {
            calls.send("DeleteItem", () -> client.deleteItem(requests.deleteTombstone(key, token)));
        } catch (SdkException e) {
            // written or deleted again meanwhile, or DynamoDB failed: a later delete of the key tries again
        }
    }

    boolean compareAndSet(String key, long expected, long newValue) {
        DynamoDbClient client = client();
        try {
            calls.call("UpdateItem", key, () -> client.updateItem(requests.compareAndSet(key, expected, newValue)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    OptionalLong incrementIfAtMost(String key, long amount, long maximum) {
        DynamoDbClient client = client();
        if (maximum < Long.MIN_VALUE + amount) {
            return OptionalLong.empty();
        }
        UpdateItemRequest request = requests.incrementIfAtMost(key, amount, maximum);
        try {
            return OptionalLong.of(schema.value(key, calls.call("UpdateItem", key,
                    () -> client.updateItem(request)).attributes()));
        } catch (ConditionalCheckFailedException e) {
            return OptionalLong.empty();
        }
    }
}
