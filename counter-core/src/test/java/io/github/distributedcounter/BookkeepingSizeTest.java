package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.distributedcounter.FaultInjectingProxy.Fault;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items stay within DynamoDB's limits however many instances wrote them: other instances' exactly-once entries
 * past the retention are pruned in requests that each fit DynamoDB's 4 KB expression limit, also when the item is
 * too large to take another increment, and an item never keeps more than 4,000 of them once they are a minute old.
 */
@DynamoDbEmulatorTest
class BookkeepingSizeTest {

    private static final Duration STALE = Duration.ofMinutes(11);
    private static final int ITEM_LIMIT = 400 * 1024;

    private final DynamoDbClient client;
    private final URI endpoint;
    private String table;
    private DynamoDbDistributedCounter counter;

    BookkeepingSizeTest(DynamoDbClient client, URI endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    @BeforeEach
    void createTable() {
        table = TestTables.uniqueName("bookkeeping");
        counter = DynamoDbDistributedCounter.builder().dynamoDbClient(client).tableName(table).build();
        counter.createTable();
    }

    @AfterEach
    void close() {
        counter.close();
    }

    @Test
    void threeHundredStaleEntriesArePruned() throws Exception {
        StoredBookkeeping.write(client, table, "k", 300, 300, STALE);
        assertThat(counter.increment("k", 1)).isEqualTo(301);
        assertThat(awaitEntries(1)).containsEntry("counter_value", AttributeValue.fromN("301")).hasSize(4);
    }

    @Test
    void threeThousandStaleEntriesArePruned() throws Exception {
        StoredBookkeeping.write(client, table, "k", 3000, 3000, STALE);
        assertThat(counter.increment("k", 1)).isEqualTo(3001);
        assertThat(awaitEntries(1)).containsEntry("counter_value", AttributeValue.fromN("3001")).hasSize(4);
    }

    @Test
    void anItemFilledToTheSizeLimitRecovers() throws Exception {
        Map<String, AttributeValue> full = new HashMap<>(StoredBookkeeping.item("k", 7, 7900, STALE));
        int padding = ITEM_LIMIT - 10 - StoredBookkeeping.size(full) - "padding".length();
        full.put("padding", AttributeValue.fromS("x".repeat(padding)));
        client.putItem(b -> b.tableName(table).item(full));
        assertThat(StoredBookkeeping.size(StoredBookkeeping.read(client, table, "k")))
                .as("the item is too large to take this instance's entry").isEqualTo(ITEM_LIMIT - 10);
        List<String> requests = new CopyOnWriteArrayList<>();
        CounterObserver observer = new CounterObserver() {
            @Override
            public void requestCompleted(String operation, String outcome, long nanos) {
                requests.add(operation + " " + outcome);
            }
        };
        try (DynamoDbDistributedCounter observed = DynamoDbDistributedCounter.builder().dynamoDbClient(client)
                .tableName(table).observer(observer).build()) {
            assertThat(observed.increment("k", 1)).isEqualTo(8);
            assertThat(observed.increment("k", 1)).isEqualTo(9);
        }
        assertThat(requests.subList(0, 2)).as("refused as too large, then the item is read to prune it")
                .containsExactly("UpdateItem error", "GetItem success");
        assertThat(requests).filteredOn("UpdateItem success"::equals).as("79 pruning requests of 100 entries and 2 increments")
                .hasSize(81);
        assertThat(awaitEntries(1)).containsEntry("counter_value", AttributeValue.fromN("9")).hasSize(5);
    }

    @Test
    void threeHundredInstancesWritingOneKeyLeaveAnItemOfAbout16Kilobytes() {
        for (int i = 0; i < 300; i++) {
            try (DynamoDbDistributedCounter instance = DynamoDbDistributedCounter.builder().dynamoDbClient(client)
                    .tableName(table).build()) {
                assertThat(instance.increment("k", 1, 0)).isEqualTo(i + 1);
            }
        }
        Map<String, AttributeValue> item = StoredBookkeeping.read(client, table, "k");
        assertThat(StoredBookkeeping.entries(item)).isEqualTo(300);
        assertThat(StoredBookkeeping.size(item)).isBetween(14_000, 17_000);
    }

    @Test
    void threeThousandRecentEntriesLeaveRoomForMoreInstances() {
        StoredBookkeeping.write(client, table, "k", 0, 3000, Duration.ofSeconds(5));
        assertThat(StoredBookkeeping.size(StoredBookkeeping.read(client, table, "k"))).isBetween(150_000, 170_000);
        assertThat(counter.increment("k", 1)).isEqualTo(1);
        Map<String, AttributeValue> item = StoredBookkeeping.read(client, table, "k");
        assertThat(StoredBookkeeping.entries(item)).as("recent entries are kept").isEqualTo(3001);
    }

    @Test
    void entriesBeyondFourThousandAreRemovedOldestFirstOnceAMinuteOld() throws Exception {
        StoredBookkeeping.write(client, table, "k", 0, 4500, Duration.ofMinutes(2));
        assertThat(counter.increment("k", 1)).isEqualTo(1);
        Map<String, AttributeValue> item = awaitEntries(4001);
        assertThat(item).as("the newest 4,000 other entries are kept")
                .containsKey("dcs_" + String.format("%016x", 0xa000_0000_0000L))
                .containsKey("dcs_" + String.format("%016x", 0xa000_0000_0000L + 3999))
                .doesNotContainKey("dcs_" + String.format("%016x", 0xa000_0000_0000L + 4000));
    }

    /**
     * 4 threads, each starting 5 short-lived instances in turn that increment 3 times, on an item holding 1,000
     * stale entries, with every fourth UpdateItem applied and its response lost and the next one held 100 ms: the
     * instances prune concurrently with each other's increments and retries, the history is linearizable, and only
     * the stale entries go.
     */
    @Test
    void shortLivedInstancesPruningConcurrentlyWithLostResponsesCountExactly() throws Exception {
        StoredBookkeeping.write(client, table, "k", 0, 1000, STALE);
        History history = new History();
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(endpoint);
                DynamoDbClient proxied = proxy.createClient(Duration.ofSeconds(5))) {
            proxy.setDelayMillis(100);
            proxy.setPolicy(FaultInjectingProxy.numberedUpdates(
                    n -> n % 4 == 0 ? Fault.CUT_AFTER_APPLY : n % 4 == 1 ? Fault.DELAY : Fault.NONE));
            ConcurrentWorkers.run(4, thread -> {
                for (int i = 0; i < 5; i++) {
                    try (DynamoDbDistributedCounter instance = DynamoDbDistributedCounter.builder()
                            .dynamoDbClient(proxied).tableName(table).build()) {
                        for (int j = 0; j < 3; j++) {
                            history.increment(1, 0, () -> instance.increment("k", 1, 0));
                        }
                    }
                }
            });
            assertThat(proxy.injected(Fault.CUT_AFTER_APPLY)).as("responses lost").isGreaterThanOrEqualTo(10);
        }
        history.assertLinearizable(0, counter.get("k").orElseThrow());
        assertThat(counter.increment("k", 1)).isEqualTo(61);
        assertThat(awaitEntries(21)).as("the 20 instances' entries and this one's")
                .containsEntry("counter_value", AttributeValue.fromN("61"));
    }

    /** The item once it holds {@code entries} entries, waiting for background pruning for up to 20 s. */
    private Map<String, AttributeValue> awaitEntries(long entries) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Map<String, AttributeValue> item = StoredBookkeeping.read(client, table, "k");
        while (StoredBookkeeping.entries(item) != entries && System.nanoTime() < deadline) {
            Thread.sleep(20);
            item = StoredBookkeeping.read(client, table, "k");
        }
        assertThat(StoredBookkeeping.entries(item)).as("entries left").isEqualTo(entries);
        return item;
    }
}
