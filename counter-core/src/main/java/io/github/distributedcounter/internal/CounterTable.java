package io.github.distributedcounter.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.distributedcounter.CounterNotFoundException;
import io.github.distributedcounter.CounterObserver;
import io.github.distributedcounter.DistributedCounterException;
import io.github.distributedcounter.IncrementNotSentException;
import io.github.distributedcounter.OutcomeUnknownException;
import io.github.distributedcounter.TableNotFoundException;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The counter table: every DynamoDB request the counter sends, and the translation of its failures.
 */
public final class CounterTable {

    private static final int BATCH_GET_LIMIT = 100;
    private static final int BATCH_GET_ATTEMPTS = 10;
    /** Most keys remembered as written by this counter; past it the memory starts over. */
    private static final int KNOWN_COUNTERS_LIMIT = 10_000;

    private final DynamoDbClient client;
    private final String tableName;
    private final String keyAttribute;
    private final String valueAttribute;
    private final ProvisionedThroughput provisionedThroughput;
    private final Duration tableActiveTimeout;
    private final Map<String, String> valueName;
    private final CounterObserver observer;
    private final ExactlyOnce exactlyOnce;
    private final Executor pruneExecutor;
    private final Set<String> pruning = ConcurrentHashMap.newKeySet();
    private final Set<String> knownCounters = ConcurrentHashMap.newKeySet();
    private final AwsRequestOverrideConfiguration requestOverride;
    private volatile boolean awaitingActive;

    public CounterTable(DynamoDbClient client, String tableName, String keyAttribute, String valueAttribute,
            ProvisionedThroughput provisionedThroughput, Duration tableActiveTimeout, CounterObserver observer,
            ExactlyOnce exactlyOnce, Executor pruneExecutor) {
        this.client = client;
        this.tableName = tableName;
        this.keyAttribute = keyAttribute;
        this.valueAttribute = valueAttribute;
        this.provisionedThroughput = provisionedThroughput;
        this.tableActiveTimeout = tableActiveTimeout;
        this.valueName = Map.of("#v", valueAttribute);
        this.observer = observer;
        this.exactlyOnce = exactlyOnce;
        this.pruneExecutor = pruneExecutor;
        this.requestOverride = observer == CounterObserver.NONE ? null
                : AwsRequestOverrideConfiguration.builder().addMetricPublisher(new SdkMetricsBridge(observer)).build();
    }

    CounterObserver observer() {
        return observer;
    }

    private <T> T send(String operation, Supplier<T> request) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T response = request.get();
            outcome = "success";
            return response;
        } catch (ConditionalCheckFailedException e) {
            outcome = "condition_failed";
            throw e;
        } catch (SdkException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DistributedCounterException(operation + " on table '" + tableName + "' failed: " + e, e);
        } finally {
            observer.requestCompleted(operation, outcome, System.nanoTime() - start);
        }
    }

    public String tableName() {
        return tableName;
    }

    /**
     * Creates the table if missing; the next request waits until it is active. An existing table is only
     * described, so a role without {@code dynamodb:CreateTable} can start against a table that is already there.
     */
    public void createTable() {
        if (exists()) {
            awaitingActive = true;
            return;
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .keySchema(KeySchemaElement.builder().attributeName(keyAttribute).keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName(keyAttribute).attributeType(ScalarAttributeType.S).build());
        if (provisionedThroughput == null) {
            request.billingMode(BillingMode.PAY_PER_REQUEST);
        } else {
            request.billingMode(BillingMode.PROVISIONED).provisionedThroughput(provisionedThroughput);
        }
        try {
            CreateTableRequest create = request.overrideConfiguration(requestOverride).build();
            send("CreateTable", () -> client.createTable(create));
        } catch (ResourceInUseException alreadyThere) {
            // an existing table is fine; it may still be CREATING
        } catch (SdkException e) {
            throw failure("CreateTable", null, e);
        }
        awaitingActive = true;
    }

    /**
     * Whether DescribeTable finds the table; {@code false} where it is missing, and also where it cannot be
     * described (e.g. no {@code dynamodb:DescribeTable}), so that CreateTable decides and reports.
     */
    private boolean exists() {
        try {
            send("DescribeTable", () -> client.describeTable(b -> b.tableName(tableName)
                    .overrideConfiguration(requestOverride)));
            return true;
        } catch (ResourceNotFoundException missing) {
            return false;
        } catch (SdkException | DistributedCounterException cannotTell) {
            return false;
        }
    }

    /** The table's status, e.g. {@code ACTIVE}. */
    public TableStatus describeStatus() {
        try {
            return send("DescribeTable", () -> client.describeTable(b -> b.tableName(tableName)
                    .overrideConfiguration(requestOverride))).table().tableStatus();
        } catch (SdkException e) {
            throw failure("DescribeTable", null, e);
        }
    }

    private void awaitActive() {
        if (!awaitingActive) {
            return;
        }
        synchronized (this) {
            if (!awaitingActive) {
                return;
            }
            try (DynamoDbWaiter waiter = client.waiter()) {
                waiter.waitUntilTableExists(b -> b.tableName(tableName), o -> o.waitTimeout(tableActiveTimeout))
                        .matched().exception().ifPresent(e -> {
                            throw new TableNotFoundException(tableName, keyAttribute, e);
                        });
            } catch (SdkException e) {
                throw new DistributedCounterException("Table '" + tableName + "' did not become active within "
                        + tableActiveTimeout.toSeconds() + " s", e);
            }
            awaitingActive = false;
        }
    }

    public OptionalLong get(String key) {
        awaitActive();
        try {
            Map<String, AttributeValue> item = send("GetItem", () -> client.getItem(b -> b.tableName(tableName)
                    .key(key(key)).consistentRead(true).projectionExpression("#v")
                    .expressionAttributeNames(valueName).overrideConfiguration(requestOverride))).item();
            return item == null || !item.containsKey(valueAttribute)
                    ? OptionalLong.empty() : OptionalLong.of(value(key, item));
        } catch (SdkException e) {
            throw failure("GetItem", key, e);
        }
    }

    public Map<String, Long> getAll(Collection<String> keys) {
        awaitActive();
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        Map<String, Long> values = new LinkedHashMap<>();
        for (int from = 0; from < distinct.size(); from += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> chunk = new ArrayList<>();
            for (String key : distinct.subList(from, Math.min(from + BATCH_GET_LIMIT, distinct.size()))) {
                chunk.add(key(key));
            }
            readBatch(chunk, values);
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

    private void readBatch(List<Map<String, AttributeValue>> keys, Map<String, Long> values) {
        Map<String, String> names = Map.of("#k", keyAttribute, "#v", valueAttribute);
        Map<String, KeysAndAttributes> pending = Map.of(tableName, KeysAndAttributes.builder()
                .keys(keys).consistentRead(true).projectionExpression("#k, #v").expressionAttributeNames(names)
                .build());
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > BATCH_GET_ATTEMPTS) {
                throw new DistributedCounterException("BatchGetItem on table '" + tableName
                        + "' left keys unprocessed after " + BATCH_GET_ATTEMPTS + " attempts");
            }
            if (attempt > 1) {
                sleepBackoff(attempt);
            }
            BatchGetItemResponse response;
            try {
                Map<String, KeysAndAttributes> request = pending;
                response = send("BatchGetItem", () -> client.batchGetItem(b -> b.requestItems(request)
                        .overrideConfiguration(requestOverride)));
            } catch (SdkException e) {
                throw failure("BatchGetItem", null, e);
            }
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(tableName, List.of())) {
                if (item.containsKey(valueAttribute)) {
                    String key = item.get(keyAttribute).s();
                    values.put(key, value(key, item));
                }
            }
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
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

    public void put(String key, long value) {
        awaitActive();
        try {
            send("UpdateItem", () -> client.updateItem(b -> b.tableName(tableName).key(key(key))
                    .updateExpression("SET #v = :v").expressionAttributeNames(valueName)
                    .expressionAttributeValues(Map.of(":v", number(value))).overrideConfiguration(requestOverride)));
        } catch (SdkException e) {
            throw failure("UpdateItem", key, e);
        }
    }

    public boolean delete(String key) {
        awaitActive();
        knownCounters.remove(key);
        try {
            Map<String, AttributeValue> old = send("DeleteItem", () -> client.deleteItem(b -> b.tableName(tableName)
                    .key(key(key)).returnValues(ReturnValue.ALL_OLD).overrideConfiguration(requestOverride)))
                    .attributes();
            return old != null && old.containsKey(valueAttribute);
        } catch (SdkException e) {
            throw failure("DeleteItem", key, e);
        }
    }

    public boolean compareAndSet(String key, long expected, long newValue) {
        awaitActive();
        try {
            send("UpdateItem", () -> client.updateItem(b -> b.tableName(tableName).key(key(key))
                    .updateExpression("SET #v = :new").conditionExpression("#v = :expected")
                    .expressionAttributeNames(valueName)
                    .expressionAttributeValues(Map.of(":new", number(newValue), ":expected", number(expected)))
                    .overrideConfiguration(requestOverride)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw failure("UpdateItem", key, e);
        }
    }

    public OptionalLong incrementIfAtMost(String key, long amount, long maximum) {
        awaitActive();
        if (maximum < Long.MIN_VALUE + amount) {
            return OptionalLong.empty();
        }
        long threshold = maximum - amount;
        String condition = amount <= maximum ? "attribute_not_exists(#v) OR #v <= :t" : "#v <= :t";
        try {
            Map<String, AttributeValue> updated = send("UpdateItem", () -> client.updateItem(b -> b
                    .tableName(tableName).key(key(key))
                    .updateExpression("SET #v = if_not_exists(#v, :zero) + :d").conditionExpression(condition)
                    .expressionAttributeNames(valueName)
                    .expressionAttributeValues(Map.of(":zero", number(0), ":d", number(amount),
                            ":t", number(threshold)))
                    .returnValues(ReturnValue.UPDATED_NEW).overrideConfiguration(requestOverride))).attributes();
            return OptionalLong.of(value(key, updated));
        } catch (ConditionalCheckFailedException e) {
            return OptionalLong.empty();
        } catch (SdkException e) {
            throw failure("UpdateItem", key, e);
        }
    }

    /**
     * Adds {@code delta.sum()} in one request, under a condition that the counter exists (or starts at the
     * initial value) and that every caller's result stays in the long range. A counter that starts at 0 is
     * written with {@code ADD}, the cheapest update for DynamoDB to evaluate. Keys this counter has written
     * before get a shorter request that assumes the counter (and this instance's exactly-once entry) exists;
     * where that no longer holds, the full request follows with the same sequence number.
     *
     * @return the new value
     * @throws ConditionNotMetException if the condition failed; nothing was written
     * @throws IncrementNotSentException if the calling thread is interrupted, or the SDK failed before sending
     */
    long add(String key, Delta delta) throws ConditionNotMetException {
        awaitActive();
        if (Thread.currentThread().isInterrupted()) {
            throw NotSent.interrupted(key);
        }
        long sequence = exactlyOnce == null ? 0 : exactlyOnce.nextSequence();
        boolean known = knownCounters.contains(key);
        UpdateItemRequest request = addRequest(key, delta, sequence, known);
        long deadline = 0;
        for (int attempt = 1; ; attempt++) {
            UpdateItemRequest sent = request;
            try {
                Map<String, AttributeValue> item = send("UpdateItem", () -> client.updateItem(sent)).attributes();
                if (exactlyOnce != null) {
                    pruneStaleEntries(key, item);
                }
                remember(key, known);
                return value(key, item);
            } catch (ConditionalCheckFailedException e) {
                Map<String, AttributeValue> old = e.hasItem() ? e.item() : Map.of();
                AttributeValue recorded = exactlyOnce == null ? null : old.get(exactlyOnce.sequenceAttribute());
                if (recorded != null && Long.toString(sequence).equals(recorded.n())) {
                    remember(key, known);
                    return number(key, old.get(exactlyOnce.baseAttribute())) + delta.sum();
                }
                if (known && (!old.containsKey(valueAttribute) || exactlyOnce != null && recorded == null)) {
                    known = false;
                    knownCounters.remove(key);
                    request = addRequest(key, delta, sequence, false);
                    continue;
                }
                throw new ConditionNotMetException(old);
            } catch (SdkException e) {
                if (known && isValidationError(e)) {
                    known = false;
                    knownCounters.remove(key);
                    request = addRequest(key, delta, sequence, false);
                    continue;
                }
                if (deadline == 0 && NotSent.proves(e)) {
                    throw NotSent.failed(key, tableName, e);
                }
                if (exactlyOnce == null || !ExactlyOnce.worthResending(e)) {
                    throw failure("UpdateItem", key, e);
                }
                long now = System.nanoTime();
                if (deadline == 0) {
                    deadline = now + exactlyOnce.resolveTimeout().toNanos();
                }
                if (now >= deadline) {
                    throw new OutcomeUnknownException("Increment of key '" + key + "' in table '" + tableName
                            + "' may or may not have been applied: DynamoDB did not confirm it within "
                            + exactlyOnce.resolveTimeout().toMillis() + " ms of retries. Last error: "
                            + e.getMessage(), e);
                }
                sleep(Math.min(exactlyOnce.backoff(attempt).toNanos(), deadline - now));
            }
        }
    }

    /**
     * The increment request. {@code known}: the counter exists, and with exactly-once so does this instance's
     * entry, so the request adds with {@code ADD} and records the old value as it is; otherwise it creates what
     * is missing.
     */
    private UpdateItemRequest addRequest(String key, Delta delta, long sequence, boolean known) {
        Map<String, String> names = new HashMap<>(valueName);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":d", number(delta.sum()));
        List<String> range = new ArrayList<>(2);
        if (delta.maxPrefix() > 0) {
            range.add("#v <= :hi");
            values.put(":hi", number(Long.MAX_VALUE - delta.maxPrefix()));
        }
        if (delta.minPrefix() < 0) {
            range.add("#v >= :lo");
            values.put(":lo", number(Long.MIN_VALUE - delta.minPrefix()));
        }
        String existing = range.isEmpty() ? "attribute_exists(#v)" : String.join(" AND ", range);
        boolean adds = known || !delta.hasInitial() || delta.initialValue() == 0;
        String update = adds ? "ADD #v :d" : "SET #v = if_not_exists(#v, :init) + :d";
        String condition;
        if (known || !delta.initialFits()) {
            condition = existing;
        } else {
            condition = range.isEmpty() ? null : "attribute_not_exists(#v) OR (" + existing + ")";
        }
        if (!known && (!adds || exactlyOnce != null)) {
            values.put(":init", number(delta.hasInitial() ? delta.initialValue() : 0));
        }
        if (exactlyOnce != null) {
            names.put("#s", exactlyOnce.sequenceAttribute());
            names.put("#b", exactlyOnce.baseAttribute());
            values.put(":seq", number(sequence));
            update += (adds ? " SET " : ", ") + "#s = :seq, #b = " + (known ? "#v" : "if_not_exists(#v, :init)");
            String fresh = known ? "#s < :seq" : "(attribute_not_exists(#s) OR #s < :seq)";
            condition = condition == null ? fresh : fresh + " AND (" + condition + ")";
        }
        return UpdateItemRequest.builder().tableName(tableName).key(key(key))
                .updateExpression(update).conditionExpression(condition)
                .expressionAttributeNames(names).expressionAttributeValues(values)
                .returnValues(exactlyOnce == null ? ReturnValue.UPDATED_NEW : ReturnValue.ALL_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .overrideConfiguration(requestOverride)
                .build();
    }

    private void remember(String key, boolean known) {
        if (!known) {
            if (knownCounters.size() >= KNOWN_COUNTERS_LIMIT) {
                knownCounters.clear();
            }
            knownCounters.add(key);
        }
    }

    private static boolean isValidationError(SdkException e) {
        return e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && "ValidationException".equals(service.awsErrorDetails().errorCode());
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutcomeUnknownException("Interrupted while confirming an increment; it may or may not have "
                    + "been applied", e);
        }
    }

    /** Removes other instances' bookkeeping older than the retention, in the background, once per key at a time. */
    private void pruneStaleEntries(String key, Map<String, AttributeValue> item) {
        Map<String, String> stale = exactlyOnce.staleEntries(item);
        if (stale.isEmpty() || !pruning.add(key)) {
            return;
        }
        try {
            pruneExecutor.execute(() -> {
                try {
                    removeEntries(key, stale);
                } finally {
                    pruning.remove(key);
                }
            });
        } catch (RuntimeException rejected) {
            pruning.remove(key);
        }
    }

    private void removeEntries(String key, Map<String, String> stale) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> removals = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> entry : stale.entrySet()) {
            names.put("#s" + i, entry.getKey());
            names.put("#b" + i, ExactlyOnce.baseAttributeOf(entry.getKey()));
            values.put(":s" + i, AttributeValue.fromN(entry.getValue()));
            removals.add("#s" + i);
            removals.add("#b" + i);
            conditions.add("#s" + i + " = :s" + i);
            i++;
        }
        try {
            send("UpdateItem", () -> client.updateItem(b -> b.tableName(tableName).key(key(key))
                    .updateExpression("REMOVE " + String.join(", ", removals))
                    .conditionExpression(String.join(" AND ", conditions))
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .overrideConfiguration(requestOverride)));
        } catch (RuntimeException e) {
            // an instance wrote again, or DynamoDB failed: the next write of this key tries again
        }
    }

    /** The exception a single caller gets when its increment's condition failed. */
    RuntimeException conditionFailure(String key, long amount, boolean hasInitial, Map<String, AttributeValue> old) {
        if (!old.containsKey(valueAttribute)) {
            return hasInitial
                    ? new ArithmeticException("Initial value plus " + amount + " for key '" + key
                            + "' is outside the long range; nothing was written")
                    : new CounterNotFoundException(key);
        }
        return new ArithmeticException("Adding " + amount + " to counter '" + key + "' (" + value(key, old)
                + ") would leave the long range; nothing was written");
    }

    private Map<String, AttributeValue> key(String key) {
        return Map.of(keyAttribute, AttributeValue.fromS(key));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private long value(String key, Map<String, AttributeValue> item) {
        return number(key, item == null ? null : item.get(valueAttribute));
    }

    private long number(String key, AttributeValue value) {
        if (value == null || value.n() == null) {
            throw new DistributedCounterException("Item '" + key + "' in table '" + tableName
                    + "' has no Number attribute '" + valueAttribute + "'");
        }
        try {
            return Long.parseLong(value.n());
        } catch (NumberFormatException e) {
            throw new DistributedCounterException("Counter '" + key + "' holds " + value.n()
                    + ", which is not a whole number in the long range", e);
        }
    }

    /** Wraps an SDK failure; a missing table becomes a {@link TableNotFoundException}. */
    public DistributedCounterException failure(String operation, String key, SdkException e) {
        if (e instanceof ResourceNotFoundException) {
            return new TableNotFoundException(tableName, keyAttribute, e);
        }
        String target = key == null ? "table '" + tableName + "'" : "key '" + key + "' in table '" + tableName + "'";
        return new DistributedCounterException(operation + " on " + target + " failed: " + e.getMessage(), e);
    }
}
