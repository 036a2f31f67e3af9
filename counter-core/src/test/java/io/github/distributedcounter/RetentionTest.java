package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
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
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (StoredBookkeeping.entries(StoredBookkeeping.read(direct, table, "k")) != 1
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(StoredBookkeeping.entries(StoredBookkeeping.read(direct, table, "k")))
                    .as("the entry 61 s old was pruned, this instance's own kept").isEqualTo(1);
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
}
