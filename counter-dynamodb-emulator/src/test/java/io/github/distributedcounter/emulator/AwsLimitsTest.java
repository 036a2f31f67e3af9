package io.github.distributedcounter.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** AWS limits mode over HTTP, through the AWS SDK with its retries off, so that every throttle reaches the test. */
class AwsLimitsTest {

    private static final String ON_DEMAND_MESSAGE = "Throughput exceeds the current capacity of your table or index. "
            + "DynamoDB is automatically scaling your table or index so please try again shortly. If exceptions "
            + "persist, check if you have a hot key: "
            + "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html";
    private static final String PROVISIONED_MESSAGE = "The level of configured provisioned throughput for the table "
            + "was exceeded. Consider increasing your provisioning level with the UpdateTable API.";
    /** Makes an item about 1 KB (1,015 bytes): a write of it is one write unit. */
    private static final String ONE_KB = "x".repeat(1_000);
    /**
     * Makes an item just under 100 KB (about 102,016 bytes): a write of it is 100 write units, so that 10 writes a
     * second reach a key's 1,000 units. Where CPUs are few or busy, the AWS SDK, the engine and the test in one
     * JVM manage a few dozen to a few hundred requests a second: too few to drive 1-KB writes past 1,000 a second
     * for 5 s, plenty to drive 100-KB writes several times past it.
     */
    private static final String HUNDRED_KB = "x".repeat(102_000);
    private static final int HUNDRED_KB_UNITS = 100;

    private static DynamoDbClient client(DynamoDbEmulator emulator, int connections) {
        return DynamoDbClient.builder().endpointOverride(emulator.endpoint()).region(DynamoDbEmulator.REGION)
                .credentialsProvider(DynamoDbEmulator.credentialsProvider())
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(connections))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static void createTable(DynamoDbClient client, String name, BillingMode mode, long read, long write) {
        client.createTable(b -> {
            b.tableName(name).billingMode(mode)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                            .attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build());
            if (mode == BillingMode.PROVISIONED) {
                b.provisionedThroughput(p -> p.readCapacityUnits(read).writeCapacityUnits(write));
            }
        });
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }

    /** A write that adds 1 to the item's count and pads the item; returns the write units it consumed. */
    private static double increment(DynamoDbClient client, String table, String pk, String padding) {
        return client.updateItem(b -> b.tableName(table).key(key(pk)).updateExpression("SET #p = :pad ADD #c :one")
                .expressionAttributeNames(Map.of("#p", "pad", "#c", "count"))
                .expressionAttributeValues(Map.of(":pad", AttributeValue.fromS(padding),
                        ":one", AttributeValue.fromN("1")))
                .returnConsumedCapacity("TOTAL")).consumedCapacity().capacityUnits();
    }

    private static long count(DynamoDbClient client, String table, String pk) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key(pk)).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? 0 : Long.parseLong(item.get("count").n());
    }

    private static List<String> reasons(DynamoDbException e) {
        List<ThrottlingReason> reasons = e instanceof ThrottlingException t ? t.throttlingReasons()
                : ((ProvisionedThroughputExceededException) e).throttlingReasons();
        return reasons.stream().map(r -> r.reason() + " " + r.resource()).toList();
    }

    @Test
    void aHotKeyGetsItsPerSecondLimitAndTheRestIsThrottledWithNothingWritten() throws Exception {
        // more threads than the machine can serve at once only lengthen each request, and so blur the window
        int threads = 8;
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().limits(Limits.aws().withoutBurst()).start();
                DynamoDbClient client = client(emulator, threads + 4)) {
            createTable(client, "hot_key", BillingMode.PAY_PER_REQUEST, 0, 0);
            for (int i = 0; i < 20; i++) {
                increment(client, "hot_key", "warm-up " + i, HUNDRED_KB);
            }
            AtomicLong accepted = new AtomicLong();
            AtomicLong acceptedUnits = new AtomicLong();
            AtomicLong throttled = new AtomicLong();
            AtomicLong coldAccepted = new AtomicLong();
            Map<String, Long> otherErrors = new ConcurrentHashMap<>();
            List<String> wrongThrottles = Collections.synchronizedList(new ArrayList<>());
            // the engine's bucket is made when the first request arrives: between the first send and first answer
            AtomicLong firstSent = new AtomicLong(Long.MAX_VALUE);
            AtomicLong firstAnswered = new AtomicLong(Long.MAX_VALUE);
            // the last admission: between the send and the answer of the last accepted request
            AtomicLong lastAcceptedSent = new AtomicLong(Long.MIN_VALUE);
            AtomicLong lastAcceptedAnswered = new AtomicLong(Long.MIN_VALUE);
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
            List<Future<?>> workers = new ArrayList<>();
            long[] window = new long[2];
            try {
                for (int t = 0; t < threads; t++) {
                    workers.add(pool.submit(() -> {
                        go.await();
                        while (System.nanoTime() - window[1] < 0) {
                            long sent = System.nanoTime();
                            firstSent.accumulateAndGet(sent, Math::min);
                            try {
                                acceptedUnits.addAndGet((long) increment(client, "hot_key", "hot", HUNDRED_KB));
                                accepted.incrementAndGet();
                                lastAcceptedSent.accumulateAndGet(sent, Math::max);
                                lastAcceptedAnswered.accumulateAndGet(System.nanoTime(), Math::max);
                            } catch (ThrottlingException e) {
                                throttled.incrementAndGet();
                                if (!e.awsErrorDetails().errorMessage().equals(ON_DEMAND_MESSAGE)
                                        || e.statusCode() != 400 || !reasons(e).equals(List.of(
                                        "TableWriteKeyRangeThroughputExceeded "
                                                + "arn:aws:dynamodb:us-east-1:000000000000:table/hot_key"))) {
                                    wrongThrottles.add(e + " " + reasons(e));
                                }
                            } catch (RuntimeException e) {
                                otherErrors.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                            }
                            firstAnswered.accumulateAndGet(System.nanoTime(), Math::min);
                        }
                        return null;
                    }));
                }
                // a second key at up to 200 1-KB writes a second, at the same time: never throttled
                workers.add(pool.submit(() -> {
                    go.await();
                    while (System.nanoTime() - window[1] < 0) {
                        increment(client, "hot_key", "cold", ONE_KB);
                        coldAccepted.incrementAndGet();
                        Thread.sleep(5);
                    }
                    return null;
                }));
                window[0] = System.nanoTime();
                window[1] = window[0] + Duration.ofSeconds(5).toNanos();
                go.countDown();
                for (Future<?> worker : workers) {
                    worker.get();
                }
            } finally {
                pool.shutdownNow();
            }
            // the seconds in which the bucket refilled, at most and at least
            double most = (lastAcceptedAnswered.get() - firstSent.get()) / 1e9;
            double least = (lastAcceptedSent.get() - firstAnswered.get()) / 1e9;

            assertThat(otherErrors).isEmpty();
            assertThat(wrongThrottles).isEmpty();
            assertThat(throttled.get()).as("the hot key was pushed past its limit").isPositive();
            assertThat(acceptedUnits.get()).as("100 units a write").isEqualTo(HUNDRED_KB_UNITS * accepted.get());
            // the bucket starts with one second's worth (1,000 units), then refills at 1,000 units a second, and
            // is kept nearly empty by the hammering: past the first 1,000 units, 1,000 a second were accepted
            // (where requests take milliseconds, the refill lasted 5 s give or take a few milliseconds)
            String counts = String.format("%d writes accepted, %d throttled, refilling between %.3f and %.3f s",
                    accepted.get(), throttled.get(), least, most);
            double pastFirstSecond = acceptedUnits.get() - 1_000.0;
            assertThat(least).as(counts).isGreaterThan(4.0);
            assertThat(most).as(counts).isLessThan(6.0);
            assertThat(pastFirstSecond).as("never more than the refill; %s", counts)
                    .isLessThanOrEqualTo(1_000 * most);
            assertThat(pastFirstSecond).as("within 5%% of the refill, but for the last write; %s", counts)
                    .isBetween(0.95 * 1_000 * least - HUNDRED_KB_UNITS, 1.05 * 1_000 * most);
            assertThat(count(client, "hot_key", "hot")).as("only accepted increments were written")
                    .isEqualTo(accepted.get());
            assertThat(count(client, "hot_key", "cold")).isEqualTo(coldAccepted.get()).isPositive();
            assertThat(emulator.throttledRequests()).as("the engine's count").isEqualTo(throttled.get());
        }
    }

    @Test
    void aProvisionedTableIsThrottledAtItsCapacityWithProvisionedThroughputExceeded() {
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().limits(Limits.aws().withoutBurst()).start();
                DynamoDbClient client = client(emulator, 4)) {
            createTable(client, "provisioned", BillingMode.PROVISIONED, 1, 1);
            List<String> written = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                String pk = "k" + i;
                try {
                    client.putItem(b -> b.tableName("provisioned").item(key(pk)));
                    written.add(pk);
                } catch (ProvisionedThroughputExceededException e) {
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(PROVISIONED_MESSAGE);
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(reasons(e)).containsExactly("TableWriteProvisionedThroughputExceeded "
                            + "arn:aws:dynamodb:us-east-1:000000000000:table/provisioned");
                    refused.add(pk);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // the table's bucket starts with its 1 unit and gains 1 a second; 20 puts take far less than 20 s
            assertThat(written).hasSizeBetween(1, 1 + (int) Math.ceil(seconds));
            assertThat(refused).hasSize(20 - written.size()).isNotEmpty();
            assertThat(emulator.throttledRequests()).isEqualTo(refused.size());
            // the table's single read unit a second would throttle reads of every refused key; its item count
            // (DescribeTable, which consumes no capacity) shows that nothing was written for them
            assertThat(client.describeTable(b -> b.tableName("provisioned")).table().itemCount())
                    .as("only the written items").isEqualTo(written.size());
        }
    }

    @Test
    void aFailedConditionalWriteConsumesCapacityAndAThrottledOneIsNotEvaluated() {
        // a key's write bucket holds 30 units and gains 1 a second; a write of the 10-KB item is 10 units
        Limits thirtyUnits = Limits.perKey(1, 100).withBurstSeconds(30).withBurstOnPartitionKeys(true);
        Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("k"),
                "pad", AttributeValue.fromS("x".repeat(10_000)));
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().limits(thirtyUnits).start();
                DynamoDbClient client = client(emulator, 4)) {
            createTable(client, "conditional", BillingMode.PAY_PER_REQUEST, 0, 0);
            double units = client.putItem(b -> b.tableName("conditional").item(item)
                    .conditionExpression("attribute_not_exists(pk)").returnConsumedCapacity("TOTAL"))
                    .consumedCapacity().capacityUnits();
            assertThat(units).isEqualTo(10);
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> client.putItem(b -> b.tableName("conditional").item(item)
                        .conditionExpression("attribute_not_exists(pk)")))
                        .isInstanceOf(ConditionalCheckFailedException.class);
            }
            assertThatThrownBy(() -> client.putItem(b -> b.tableName("conditional").item(item)
                    .conditionExpression("attribute_not_exists(pk)")))
                    .as("the two failed conditions used the key's other 20 units")
                    .isInstanceOf(ThrottlingException.class);
            assertThat(emulator.throttledRequests()).isEqualTo(1);
        }
    }

    @Test
    void aBatchGetReturnsThrottledKeysAsUnprocessedAndFailsOnlyWhenAllAre() {
        // a key's read bucket holds 10 units and gains 1 a second; a consistent read of a 40-KB item is 10 units
        Limits tenUnits = Limits.perKey(1_000, 1).withBurstSeconds(10).withBurstOnPartitionKeys(true);
        String padding = "x".repeat(40_000);
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().limits(tenUnits).start();
                DynamoDbClient client = client(emulator, 4)) {
            createTable(client, "batch", BillingMode.PAY_PER_REQUEST, 0, 0);
            for (String pk : List.of("a", "b")) {
                client.putItem(b -> b.tableName("batch").item(Map.of("pk", AttributeValue.fromS(pk),
                        "pad", AttributeValue.fromS(padding))));
            }
            assertThat(client.getItem(b -> b.tableName("batch").key(key("a")).consistentRead(true)
                    .returnConsumedCapacity("TOTAL")).consumedCapacity().capacityUnits()).isEqualTo(10);

            BatchGetItemResponse response = client.batchGetItem(b -> b.requestItems(Map.of("batch",
                    KeysAndAttributes.builder().keys(key("a"), key("b")).consistentRead(true)
                            .projectionExpression("pk").build())));
            assertThat(response.responses().get("batch")).containsExactly(key("b"));
            assertThat(response.unprocessedKeys()).containsOnlyKeys("batch");
            KeysAndAttributes unprocessed = response.unprocessedKeys().get("batch");
            assertThat(unprocessed.keys()).containsExactly(key("a"));
            assertThat(unprocessed.consistentRead()).isTrue();
            assertThat(unprocessed.projectionExpression()).isEqualTo("pk");

            assertThatThrownBy(() -> client.batchGetItem(b -> b.requestItems(Map.of("batch",
                    KeysAndAttributes.builder().keys(key("a"), key("b")).consistentRead(true).build()))))
                    .as("both keys' buckets are empty").isInstanceOf(ThrottlingException.class);
            assertThat(emulator.throttledRequests()).as("a partly processed batch is not a throttled request")
                    .isEqualTo(1);
        }
    }

    @Test
    void batchWritesAndTransactionsAreThrottledPerKeyToo() {
        // a key's write bucket holds 10 units and gains 1 a second; a write of the 10-KB item is 10 units
        Limits tenUnits = Limits.perKey(1, 1_000).withBurstSeconds(10).withBurstOnPartitionKeys(true);
        AttributeValue tenKb = AttributeValue.fromS("x".repeat(10_000));
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().limits(tenUnits).start();
                DynamoDbClient client = client(emulator, 4)) {
            createTable(client, "batch_write", BillingMode.PAY_PER_REQUEST, 0, 0);
            WriteRequest putA = WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", AttributeValue.fromS("a"),
                    "pad", tenKb))).build();
            WriteRequest putB = WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", AttributeValue.fromS("b"),
                    "pad", tenKb))).build();
            WriteRequest putC = WriteRequest.builder().putRequest(p -> p.item(key("c"))).build();
            assertThat(client.batchWriteItem(b -> b.requestItems(Map.of("batch_write", List.of(putA, putB))))
                    .unprocessedItems()).as("two keys, 10 units each").isEmpty();

            BatchWriteItemResponse partly = client.batchWriteItem(b -> b.requestItems(Map.of("batch_write",
                    List.of(putA, putC))));
            assertThat(partly.unprocessedItems()).containsOnlyKeys("batch_write");
            assertThat(partly.unprocessedItems().get("batch_write")).containsExactly(putA);
            assertThat(client.getItem(b -> b.tableName("batch_write").key(key("c"))).hasItem()).isTrue();

            assertThatThrownBy(() -> client.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName("batch_write").item(key("d"))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName("batch_write").item(Map.of(
                            "pk", AttributeValue.fromS("b"), "pad", tenKb))).build())))
                    .isInstanceOfSatisfying(TransactionCanceledException.class, e -> assertThat(
                            e.cancellationReasons().stream().map(CancellationReason::code).toList())
                            .containsExactly("None", "ThrottlingError"));
            assertThat(client.getItem(b -> b.tableName("batch_write").key(key("d"))).hasItem())
                    .as("nothing of a cancelled transaction is written").isFalse();
            assertThat(emulator.throttledRequests()).as("neither is a throttling error").isZero();
        }
    }

    @Test
    void latencyAddsTheRoundTrip() {
        Duration latency = Duration.ofMillis(20);
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().awsLimits(true).latency(latency, Duration.ZERO)
                .start(); DynamoDbClient client = client(emulator, 4)) {
            createTable(client, "latency", BillingMode.PAY_PER_REQUEST, 0, 0);
            List<Long> nanos = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                long start = System.nanoTime();
                increment(client, "latency", "k", ONE_KB);
                nanos.add(System.nanoTime() - start);
            }
            Collections.sort(nanos);
            assertThat(Duration.ofNanos(nanos.get(nanos.size() / 2))).as("p50").isGreaterThanOrEqualTo(latency);
            assertThat(count(client, "latency", "k")).isEqualTo(25);
        }
    }
}
