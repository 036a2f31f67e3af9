package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.LongStream;

import io.github.distributedcounter.FaultInjectingProxy.Fault;
import io.github.distributedcounter.emulator.DynamoDbEmulator;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Exactly-once increments through a proxy that loses responses, resets, throttles and goes down. */
@DynamoDbEmulatorTest
class ExactlyOnceUnderFaultsTest {

    private final URI dynamoDb;
    private final DynamoDbClient direct;
    private FaultInjectingProxy proxy;
    private DynamoDbClient client;

    ExactlyOnceUnderFaultsTest(URI endpoint, DynamoDbClient direct) {
        this.dynamoDb = endpoint;
        this.direct = direct;
    }

    @BeforeEach
    void startProxy() throws Exception {
        proxy = new FaultInjectingProxy(dynamoDb);
        client = DynamoDbClient.builder().endpointOverride(proxy.endpoint()).region(DynamoDbEmulator.REGION)
                .credentialsProvider(DynamoDbEmulator.credentialsProvider())
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(Duration.ofMillis(1500))
                        .apiCallTimeout(Duration.ofSeconds(4)))
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        proxy.close();
    }

    private DynamoDbDistributedCounter counter(Consumer<DynamoDbDistributedCounter.Builder> options) {
        DynamoDbDistributedCounter counter = TestTables.newCounter(client, options);
        counter.put("hot", 0);
        return counter;
    }

    private static Fault cutUpdates(String operation, int percent) {
        return operation.equals("UpdateItem") && ThreadLocalRandom.current().nextInt(100) < percent
                ? Fault.CUT_AFTER_APPLY : Fault.NONE;
    }

    private List<Long> eightThousandIncrements(DistributedCounter counter, History history, AtomicInteger failures)
            throws Exception {
        return onEightThreads(1000, counter, history, failures);
    }

    /**
     * 8 threads × {@code perThread} increments of 1, recorded in {@code history}; returns the values acknowledged,
     * counting failures.
     */
    private List<Long> onEightThreads(int perThread, DistributedCounter counter, History history,
            AtomicInteger failures) throws Exception {
        ConcurrentLinkedQueue<Long> values = new ConcurrentLinkedQueue<>();
        ConcurrentWorkers.start(8, thread -> {
            for (int i = 0; i < perThread; i++) {
                try {
                    values.add(history.increment(1, () -> counter.increment("hot", 1)));
                } catch (DistributedCounterException e) {
                    failures.incrementAndGet();
                }
            }
        }).await(Duration.ofSeconds(300));
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }

    @Test
    void lostResponsesAreNotCountedTwice() throws Exception {
        proxy.setPolicy(operation -> cutUpdates(operation, 20));
        try (DynamoDbDistributedCounter counter = counter(b -> { })) {
            AtomicInteger failures = new AtomicInteger();
            History history = new History();
            List<Long> values = eightThousandIncrements(counter, history, failures);
            assertThat(proxy.injected(Fault.CUT_AFTER_APPLY)).as("responses cut").isGreaterThan(50);
            assertThat(failures.get()).isZero();
            assertThat(values).isEqualTo(LongStream.rangeClosed(1, 8000).boxed().toList());
            assertThat(counter.get("hot")).isEqualTo(OptionalLong.of(8000));
            history.assertLinearizable(0, 8000);
        }
    }

    @Test
    void withoutExactlyOnceTheSameFaultsCountTwice() throws Exception {
        proxy.setPolicy(operation -> cutUpdates(operation, 20));
        try (DynamoDbDistributedCounter counter = counter(b -> b.exactlyOnce(false))) {
            AtomicInteger failures = new AtomicInteger();
            History history = new History();
            List<Long> values = eightThousandIncrements(counter, history, failures);
            assertThat(values.size() + failures.get()).isEqualTo(8000);
            long stored = counter.get("hot").orElseThrow();
            assertThat(stored).as("the store counted retried requests again").isGreaterThan(values.size());
            assertThat(History.violation(0, stored, history.calls())).as("the checker sees the double counts")
                    .hasValueSatisfying(violation -> assertThat(violation).startsWith("final value " + stored
                            + " is not the start value 0 plus the " + values.size() + " acknowledged increments"));
        }
    }

    @Test
    void resetConnectionsAndDelaysNeitherLoseNorDoubleCount() throws Exception {
        proxy.setDelayMillis(30);
        proxy.setPolicy(operation -> {
            int roll = ThreadLocalRandom.current().nextInt(100);
            return roll < 10 ? Fault.RESET : roll < 20 ? Fault.DELAY : roll < 30 ? Fault.CUT_AFTER_APPLY : Fault.NONE;
        });
        try (DynamoDbDistributedCounter counter = counter(b -> { })) {
            AtomicInteger failures = new AtomicInteger();
            History history = new History();
            List<Long> values = eightThousandIncrements(counter, history, failures);
            assertThat(proxy.injected(Fault.RESET)).isPositive();
            assertThat(proxy.injected(Fault.DELAY)).isPositive();
            assertThat(failures.get()).isZero();
            assertThat(values).isEqualTo(LongStream.rangeClosed(1, 8000).boxed().toList());
            assertThat(counter.get("hot")).isEqualTo(OptionalLong.of(8000));
            history.assertLinearizable(0, 8000);
        }
    }

    /**
     * Throttling that gives no per-key reason (here at random, whatever the rate) is the AWS SDK's to retry: the
     * counter paces only keys throttled for their own rate.
     */
    @Test
    void throttledWritesAreRetriedWithoutAnErrorAndStayLinearizable() throws Exception {
        AtomicInteger paced = new AtomicInteger();
        try (DynamoDbClient quickRetries = DynamoDbClient.builder().endpointOverride(proxy.endpoint())
                .region(DynamoDbEmulator.REGION).credentialsProvider(DynamoDbEmulator.credentialsProvider())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(5),
                                Duration.ofMillis(50)))
                        .build()))
                .build();
                DynamoDbDistributedCounter counter = counter(b -> b.dynamoDbClient(quickRetries).observer(
                        new CounterObserver() {
                            @Override
                            public void paced(long nanos) {
                                paced.incrementAndGet();
                            }
                        }))) {
            proxy.setPolicy(operation -> operation.equals("UpdateItem")
                    && ThreadLocalRandom.current().nextInt(100) < 50 ? Fault.THROTTLE : Fault.NONE);
            AtomicInteger failures = new AtomicInteger();
            History history = new History();
            List<Long> values = onEightThreads(250, counter, history, failures);
            assertThat(proxy.injected(Fault.THROTTLE)).as("writes throttled").isGreaterThan(100);
            assertThat(paced.get()).as("requests that waited for a pace").isZero();
            assertThat(failures.get()).isZero();
            assertThat(values).isEqualTo(LongStream.rangeClosed(1, 2000).boxed().toList());
            assertThat(counter.get("hot")).isEqualTo(OptionalLong.of(2000));
            history.assertLinearizable(0, 2000);
        }
    }

    @Test
    void dynamoDbGoingDownFailsCallersInBoundedTimeAndLosesNothingAcknowledged() throws Exception {
        Duration resolution = Duration.ofSeconds(2);
        try (DynamoDbDistributedCounter counter = counter(b -> b.outcomeResolutionTimeout(resolution))) {
            ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
            History history = new History();
            AtomicInteger unknown = new AtomicInteger();
            AtomicInteger otherFailures = new AtomicInteger();
            AtomicLong slowestFailureMillis = new AtomicLong();
            AtomicInteger afterRestart = new AtomicInteger();
            AtomicInteger phase = new AtomicInteger();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(14);
            ConcurrentWorkers workers = ConcurrentWorkers.start(4, thread -> {
                while (System.nanoTime() < end) {
                    long started = System.nanoTime();
                    try {
                        acknowledged.add(history.increment(1, () -> counter.increment("hot", 1)));
                        if (phase.get() == 2) {
                            afterRestart.incrementAndGet();
                        }
                    } catch (OutcomeUnknownException e) {
                        unknown.incrementAndGet();
                        slowestFailureMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                    } catch (DistributedCounterException e) {
                        otherFailures.incrementAndGet();
                        slowestFailureMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                    }
                }
            });
            Thread.sleep(1500);
            proxy.setDown(true);
            phase.set(1);
            Thread.sleep(9000);
            proxy.setDown(false);
            phase.set(2);
            workers.await(Duration.ofSeconds(60));
            assertThat(unknown.get() + otherFailures.get()).as("callers failed while DynamoDB was down").isPositive();
            assertThat(slowestFailureMillis.get()).as("failures arrive within the API call timeout plus the "
                    + "resolution timeout, with slack").isLessThan(4000 + resolution.toMillis() + 3000);
            assertThat(afterRestart.get()).as("counting resumed").isPositive();
            long stored = counter.get("hot").orElseThrow();
            assertThat(new java.util.HashSet<>(acknowledged)).hasSameSizeAs(acknowledged);
            assertThat(stored).as("nothing acknowledged is lost").isGreaterThanOrEqualTo(acknowledged.size());
            assertThat(stored).as("only increments of unknown outcome may have been added unacknowledged")
                    .isLessThanOrEqualTo(acknowledged.size() + unknown.get());
            history.assertLinearizable(0, stored);
        }
    }

    @Test
    void itemSizeStaysBoundedAfterAHundredInstancesWroteOneKey() throws Exception {
        String table = TestTables.uniqueName("bounded");
        int largest = 0;
        for (int i = 0; i < 100; i++) {
            try (DynamoDbDistributedCounter instance = DynamoDbDistributedCounter.builder().dynamoDbClient(direct)
                    .tableName(table).build()) {
                if (i == 0) {
                    instance.createTable();
                }
                assertThat(instance.increment("shared", 1, 0)).isEqualTo(i + 1);
                largest = Math.max(largest, item(table).size());
            }
        }
        assertThat(largest).as("key, value and one pair per instance written within the retention")
                .isEqualTo(2 + 2 * 100);
        StoredBookkeeping.age(direct, table, "shared", Duration.ofMinutes(10).plusSeconds(1));
        try (DynamoDbDistributedCounter last = DynamoDbDistributedCounter.builder().dynamoDbClient(direct)
                .tableName(table).build()) {
            assertThat(last.increment("shared", 1, 0)).isEqualTo(101);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (item(table).size() > 4 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Map<String, AttributeValue> item = item(table);
            assertThat(item).hasSize(4).containsEntry("counter_value", AttributeValue.fromN("101"));
            assertThat(StoredBookkeeping.size(item)).as("item size in bytes as DynamoDB counts it").isLessThan(100);
            assertThat(last.get("shared")).isEqualTo(OptionalLong.of(101));
        }
    }

    private Map<String, AttributeValue> item(String table) {
        return direct.getItem(b -> b.tableName(table).key(Map.of("key", AttributeValue.fromS("shared")))
                .consistentRead(true)).item();
    }
}
