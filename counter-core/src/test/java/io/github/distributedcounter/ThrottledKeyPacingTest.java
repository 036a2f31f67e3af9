package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.LongStream;

import io.github.distributedcounter.emulator.DynamoDbEmulator;
import io.github.distributedcounter.emulator.Limits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Instances counting on one key that DynamoDB throttles, on the engine with per-key limits and a network round
 * trip: paced increments stay exact and serial, no error reaches a caller, and the throttling the counters see is
 * the throttling the engine did. The key's item is padded so that each write consumes many write units: the key
 * then admits a few writes a second, and is throttled however slowly the machine runs.
 */
class ThrottledKeyPacingTest {

    private static final int INSTANCES = 8;
    private static final int THREADS = 8;
    private static final int PER_THREAD = 3;
    private static final long UNITS_PER_SECOND = 100;

    private DynamoDbEmulator emulator;
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        Collections.reverse(resources);
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    /** Counts what the counter reports. */
    static final class Recorder implements CounterObserver {

        final AtomicLong throttled = new AtomicLong();
        final AtomicLong retried = new AtomicLong();
        final AtomicLong paced = new AtomicLong();
        final AtomicLong pacedBatches = new AtomicLong();
        final AtomicLong pacedIncrements = new AtomicLong();

        @Override
        public void throttled(String operation) {
            throttled.incrementAndGet();
        }

        @Override
        public void retried(String operation, int retries) {
            retried.addAndGet(retries);
        }

        @Override
        public void paced(long nanos) {
            paced.incrementAndGet();
        }

        @Override
        public void pacedBatchWritten(int size) {
            pacedBatches.incrementAndGet();
            pacedIncrements.addAndGet(size);
        }
    }

    private DynamoDbClient start(Limits limits) {
        emulator = DynamoDbEmulator.builder().limits(limits).latency(Duration.ofMillis(2), Duration.ofMillis(1))
                .start();
        DynamoDbClient client = emulator.createClient();
        resources.add(client);
        return client;
    }

    /** The counter "hot" at 0, in an item whose every write consumes {@code units} write units. */
    private static void hotItemOfUnits(DynamoDbClient client, String table, int units) {
        client.putItem(b -> b.tableName(table).item(Map.of("key", AttributeValue.fromS("hot"),
                "counter_value", AttributeValue.fromN("0"),
                "padding", AttributeValue.fromS("x".repeat(units * 1024 - 600)))));
    }

    private DynamoDbDistributedCounter counter(DynamoDbClient client, String table, Recorder recorder,
            Consumer<DynamoDbDistributedCounter.Builder> options) {
        DynamoDbDistributedCounter.Builder builder = DynamoDbDistributedCounter.builder().dynamoDbClient(client)
                .tableName(table).observer(recorder);
        options.accept(builder);
        DynamoDbDistributedCounter counter = builder.build();
        resources.add(counter);
        return counter;
    }

    @Test
    void eightInstancesOnAThrottledKeyCountExactlyAndSeriallyWithoutErrors() throws Exception {
        DynamoDbClient setup = start(Limits.perKey(UNITS_PER_SECOND, 3 * UNITS_PER_SECOND));
        String table = TestTables.uniqueName("paced");
        DynamoDbDistributedCounter.builder().dynamoDbClient(setup).tableName(table).build().createTable();
        hotItemOfUnits(setup, table, 20);
        List<Recorder> recorders = new ArrayList<>();
        List<DynamoDbDistributedCounter> counters = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            Recorder recorder = new Recorder();
            recorders.add(recorder);
            DynamoDbClient own = emulator.createClient();
            resources.add(own);
            counters.add(counter(own, table, recorder, b -> { }));
        }
        List<Long> values = Collections.synchronizedList(new ArrayList<>());
        ConcurrentWorkers.run(INSTANCES * THREADS, thread -> {
            DynamoDbDistributedCounter counter = counters.get(thread / THREADS);
            for (int i = 0; i < PER_THREAD; i++) {
                values.add(counter.increment("hot", 1));
            }
        });
        int total = INSTANCES * THREADS * PER_THREAD;
        assertThat(counters.get(0).get("hot")).isEqualTo(OptionalLong.of(total));
        Collections.sort(values);
        assertThat(values).as("each value returned once, as a serial run would")
                .isEqualTo(LongStream.rangeClosed(1, total).boxed().toList());
        long throttled = recorders.stream().mapToLong(r -> r.throttled.get()).sum();
        assertThat(emulator.throttledRequests()).as("the key was throttled").isPositive();
        assertThat(throttled).as("throttled attempts seen by the counters").isEqualTo(emulator.throttledRequests());
        assertThat(recorders.stream().mapToLong(r -> r.retried.get()).sum())
                .as("only requests of one caller are retried by the AWS SDK; batches are paced").isLessThan(throttled);
        assertThat(recorders.stream().mapToLong(r -> r.paced.get()).sum()).as("requests that waited").isPositive();
        assertThat(recorders.stream().mapToLong(r -> r.pacedIncrements.get()).sum())
                .as("increments carried by paced requests")
                .isGreaterThan(recorders.stream().mapToLong(r -> r.pacedBatches.get()).sum());
    }

    @Test
    void withPacingOffAThrottledIncrementIsRetriedByTheSdkAndCountedOnce() {
        Recorder recorder = sixIncrementsInARow(b -> b.paceThrottledKeys(false));
        assertThat(recorder.retried.get()).as("retried by the AWS SDK").isEqualTo(emulator.throttledRequests());
        assertThat(recorder.paced.get()).isZero();
    }

    /** A key written one caller at a time has nothing to coalesce: its throttling is the AWS SDK's to retry. */
    @Test
    void withPacingOnIncrementsOfOneCallerAtATimeAreRetriedByTheSdkAndCountedOnce() {
        Recorder recorder = sixIncrementsInARow(b -> { });
        assertThat(recorder.retried.get()).as("retried by the AWS SDK").isEqualTo(emulator.throttledRequests());
        assertThat(recorder.paced.get()).isZero();
    }

    /** Once the AWS SDK's retries give up on a key's throttling, the counter paces the key and sends again. */
    @Test
    void whenTheSdkGivesUpOnAThrottledKeyTheCounterPacesItAndCountsOnce() {
        Recorder recorder = sixIncrementsInARow(b -> b.dynamoDbClient(oneAttemptClient()));
        assertThat(recorder.retried.get()).as("no SDK retries: one attempt each").isZero();
        assertThat(recorder.paced.get()).as("requests that waited for the key's pace").isPositive();
    }

    private DynamoDbClient oneAttemptClient() {
        DynamoDbClient client = DynamoDbClient.builder().endpointOverride(emulator.endpoint())
                .region(DynamoDbEmulator.REGION).credentialsProvider(DynamoDbEmulator.credentialsProvider())
                .overrideConfiguration(o -> o.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(1).build()))
                .build();
        resources.add(client);
        return client;
    }

    /** One instance increments a key that admits two writes a second six times in a row; all are counted once. */
    private Recorder sixIncrementsInARow(Consumer<DynamoDbDistributedCounter.Builder> options) {
        DynamoDbClient client = start(Limits.perKey(UNITS_PER_SECOND, 3 * UNITS_PER_SECOND));
        Recorder recorder = new Recorder();
        DynamoDbDistributedCounter counter = counter(client, TestTables.uniqueName("sequence"), recorder, options);
        counter.createTable();
        hotItemOfUnits(client, counter.tableName(), 50);
        for (int i = 1; i <= 6; i++) {
            assertThat(counter.increment("hot", 1)).isEqualTo(i);
        }
        assertThat(counter.get("hot")).isEqualTo(OptionalLong.of(6));
        assertThat(emulator.throttledRequests()).as("the key was throttled").isPositive();
        assertThat(recorder.throttled.get()).as("throttled attempts seen by the counter")
                .isEqualTo(emulator.throttledRequests());
        return recorder;
    }
}
