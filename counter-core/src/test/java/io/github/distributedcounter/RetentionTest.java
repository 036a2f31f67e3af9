package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import io.github.distributedcounter.FaultInjectingProxy.Fault;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Pruning removes another instance's entry only once it is older than the retention, which is at least a minute,
 * so that a retry still in flight keeps its entry even where clocks disagree by seconds.
 */
@DynamoDbEmulatorTest
class RetentionTest {

    private final URI dynamoDb;
    private final DynamoDbClient direct;

    RetentionTest(URI endpoint, DynamoDbClient direct) {
        this.dynamoDb = endpoint;
        this.direct = direct;
    }

    @Test
    void aRetentionShorterThanAMinuteIsRefused() {
        assertThatThrownBy(() -> DynamoDbDistributedCounter.builder().dynamoDbClient(direct).tableName("t-retention")
                .exactlyOnceRetention(Duration.ofMillis(50)).outcomeResolutionTimeout(Duration.ofMillis(20)).build())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("exactlyOnceRetention must be at least PT1M, was PT0.05S: other instances remove an "
                        + "entry once it looks that old by their own clock, so it must cover the longest time a "
                        + "request stays in flight plus the difference between instances' clocks");
        assertThat(DynamoDbDistributedCounter.builder().dynamoDbClient(direct).tableName("t-retention")
                .exactlyOnceRetention(Duration.ofMinutes(1)).build()).isNotNull();
        assertThat(DynamoDbDistributedCounter.builder().dynamoDbClient(direct).tableName("t-retention")
                .exactlyOnce(false).exactlyOnceRetention(Duration.ofMillis(50)).build()).isNotNull();
    }

    @Test
    void anEntryIsPrunedOnlyOnceOlderThanTheRetention() throws Exception {
        String table = TestTables.uniqueName("retention");
        try (DynamoDbDistributedCounter counter = DynamoDbDistributedCounter.builder().dynamoDbClient(direct)
                .tableName(table).exactlyOnceRetention(Duration.ofMinutes(1)).build()) {
            counter.createTable();
            direct.putItem(b -> b.tableName(table).item(StoredBookkeeping.item("k", 0, 1, Duration.ofSeconds(50))));
            assertThat(counter.increment("k", 1)).isEqualTo(1);
            Thread.sleep(500);
            assertThat(StoredBookkeeping.entries(StoredBookkeeping.read(direct, table, "k")))
                    .as("an entry 50 s old stays with a retention of 1 min").isEqualTo(2);
            StoredBookkeeping.age(direct, table, "k", Duration.ofSeconds(61));
            assertThat(counter.increment("k", 1)).isEqualTo(2);
            assertThat(entriesOnceThereAre(1, table)).as("the entry 61 s old was pruned, this instance's own kept")
                    .isEqualTo(1);
        }
    }

    @Test
    void aRetryHeldWhileOtherInstancesWriteIsCountedOnce() throws Exception {
        String table = TestTables.uniqueName("held-retry");
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(dynamoDb);
                DynamoDbClient proxied = proxy.createClient(Duration.ofSeconds(5));
                DynamoDbDistributedCounter a = DynamoDbDistributedCounter.builder().dynamoDbClient(proxied)
                        .tableName(table).exactlyOnceRetention(Duration.ofMinutes(1)).build();
                DynamoDbDistributedCounter b = DynamoDbDistributedCounter.builder().dynamoDbClient(direct)
                        .tableName(table).exactlyOnceRetention(Duration.ofMinutes(1)).build()) {
            a.createTable();
            b.put("k", 0);
            proxy.setPolicy(FaultInjectingProxy.numberedUpdates(n -> {
                if (n == 2) {
                    try {
                        Thread.sleep(300);
                        b.increment("k", 1);
                        Thread.sleep(300);
                        b.increment("k", 1);
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return n == 1 ? Fault.CUT_AFTER_APPLY : Fault.NONE;
            }));
            assertThat(a.increment("k", 1)).isEqualTo(1);
            assertThat(b.get("k")).as("3 increments").isEqualTo(OptionalLong.of(3));
        }
    }

    /**
     * 2 threads on A, whose every fourth write is applied and its response lost and whose next write is held 100 ms,
     * and 1 thread each on B and C, on an item that also holds 250 entries past the retention: B and C prune after
     * every write while A's retries are held, and remove only the stale entries.
     */
    @Test
    void retriesHeldWhileOtherInstancesPruneAreCountedOnce() throws Exception {
        String table = TestTables.uniqueName("pruned-while-held");
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(dynamoDb);
                DynamoDbClient proxied = proxy.createClient(Duration.ofSeconds(5));
                DynamoDbDistributedCounter a = withOneMinuteRetention(proxied, table);
                DynamoDbDistributedCounter b = withOneMinuteRetention(direct, table);
                DynamoDbDistributedCounter c = withOneMinuteRetention(direct, table)) {
            a.createTable();
            StoredBookkeeping.write(direct, table, "k", 0, 250, Duration.ofMinutes(2));
            proxy.setDelayMillis(100);
            proxy.setPolicy(FaultInjectingProxy.numberedUpdates(
                    n -> n % 4 == 1 ? Fault.CUT_AFTER_APPLY : n % 4 == 2 ? Fault.DELAY : Fault.NONE));
            History history = new History();
            List<DistributedCounter> instances = List.of(a, a, b, c);
            ConcurrentWorkers.run(4, thread -> {
                for (int i = 0; i < 20; i++) {
                    history.increment(1, () -> instances.get(thread).increment("k", 1));
                }
            });
            history.assertLinearizable(0, b.get("k").orElseThrow());
            assertThat(proxy.injected(Fault.CUT_AFTER_APPLY)).as("responses lost").isGreaterThanOrEqualTo(4);
            assertThat(b.get("k")).isEqualTo(OptionalLong.of(80));
            assertThat(entriesOnceThereAre(3, table)).as("the stale entries were pruned, A's, B's and C's kept")
                    .isEqualTo(3);
        }
    }

    /** The entries of {@code table}'s "k", waiting up to 10 s for background pruning to leave {@code expected}. */
    private long entriesOnceThereAre(long expected, String table) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long entries = StoredBookkeeping.entries(StoredBookkeeping.read(direct, table, "k"));
        while (entries != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            entries = StoredBookkeeping.entries(StoredBookkeeping.read(direct, table, "k"));
        }
        return entries;
    }

    private static DynamoDbDistributedCounter withOneMinuteRetention(DynamoDbClient client, String table) {
        return DynamoDbDistributedCounter.builder().dynamoDbClient(client).tableName(table)
                .exactlyOnceRetention(Duration.ofMinutes(1)).build();
    }
}
