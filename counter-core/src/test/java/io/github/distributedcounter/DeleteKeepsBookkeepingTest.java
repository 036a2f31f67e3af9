package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.distributedcounter.FaultInjectingProxy.Fault;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code delete} and {@code put} keep the exactly-once bookkeeping, so an increment that was applied before them
 * and is retried after them is recognised: it returns the value it produced and counts nothing again.
 */
@DynamoDbEmulatorTest
class DeleteKeepsBookkeepingTest {

    private final URI dynamoDb;
    private final DynamoDbClient direct;
    private FaultInjectingProxy proxy;
    private DynamoDbClient proxied;
    private String table;
    private DynamoDbDistributedCounter a;
    private DynamoDbDistributedCounter b;
    private DynamoDbDistributedCounter c;

    DeleteKeepsBookkeepingTest(URI endpoint, DynamoDbClient direct) {
        this.dynamoDb = endpoint;
        this.direct = direct;
    }

    @BeforeEach
    void start() throws Exception {
        proxy = new FaultInjectingProxy(dynamoDb);
        proxied = proxy.createClient(Duration.ofSeconds(2));
        table = TestTables.uniqueName("tombstones");
        a = DynamoDbDistributedCounter.builder().dynamoDbClient(proxied).tableName(table).build();
        a.createTable();
        b = DynamoDbDistributedCounter.builder().dynamoDbClient(direct).tableName(table).build();
        c = DynamoDbDistributedCounter.builder().dynamoDbClient(direct).tableName(table).build();
        b.put("k", 100);
    }

    @AfterEach
    void stop() throws Exception {
        a.close();
        b.close();
        c.close();
        proxied.close();
        proxy.close();
    }

    /**
     * A's first UpdateItem is applied and its response lost; before A's retry reaches DynamoDB, {@code between}
     * runs on other instances.
     */
    private void loseAFirstResponseThen(Runnable between) {
        proxy.setPolicy(FaultInjectingProxy.numberedUpdates(n -> {
            if (n == 2) {
                between.run();
            }
            return n == 1 ? Fault.CUT_AFTER_APPLY : Fault.NONE;
        }));
    }

    @Test
    void anIncrementRetriedAfterADeleteReturnsTheValueItProduced() {
        AtomicReference<Long> cGot = new AtomicReference<>();
        AtomicReference<Boolean> bDeleted = new AtomicReference<>();
        loseAFirstResponseThen(() -> {
            cGot.set(c.increment("k", 1));
            bDeleted.set(b.delete("k"));
        });
        assertThat(a.increment("k", 1, 0)).isEqualTo(101);
        assertThat(cGot.get()).isEqualTo(102);
        assertThat(bDeleted.get()).isTrue();
        assertThat(proxy.injected(Fault.CUT_AFTER_APPLY)).isEqualTo(1);
        assertThat(b.get("k")).isEmpty();
    }

    @Test
    void anIncrementWithoutInitialValueRetriedAfterADeleteReturnsTheValueItProduced() {
        loseAFirstResponseThen(() -> b.delete("k"));
        assertThat(a.increment("k", 1)).isEqualTo(101);
        assertThat(b.get("k")).isEmpty();
        assertThat(catchThrowable(() -> a.increment("k", 1))).isExactlyInstanceOf(CounterNotFoundException.class);
    }

    @Test
    void anIncrementRetriedAfterAPutReturnsTheValueItProduced() {
        loseAFirstResponseThen(() -> b.put("k", 5));
        assertThat(a.increment("k", 1, 0)).isEqualTo(101);
        assertThat(b.get("k")).isEqualTo(OptionalLong.of(5));
        assertThat(a.increment("k", 1)).isEqualTo(6);
    }

    /**
     * 3 threads on A and 1 on C increment, half of the calls with an initial value; every 4th UpdateItem of A is
     * applied and its response lost, and before its retry B deletes the counter or puts a value, alternately.
     */
    @Test
    void concurrentIncrementsDeletesAndPutsBetweenLostResponsesAndRetriesAreLinearizable() throws Exception {
        History history = new History();
        AtomicInteger betweens = new AtomicInteger();
        proxy.setPolicy(FaultInjectingProxy.numberedUpdates(n -> {
            if (n % 4 == 2) {
                int between = betweens.incrementAndGet();
                if (between % 2 == 1) {
                    history.delete(() -> b.delete("k"));
                } else {
                    history.put(1000L * between, () -> b.put("k", 1000L * between));
                }
            }
            return n % 4 == 1 ? Fault.CUT_AFTER_APPLY : Fault.NONE;
        }));
        ConcurrentWorkers.run(4, thread -> {
            DistributedCounter counter = thread < 3 ? a : c;
            for (int i = 0; i < 60; i++) {
                try {
                    if (i % 2 == 0) {
                        history.increment(1, 0, () -> counter.increment("k", 1, 0));
                    } else {
                        history.increment(1, () -> counter.increment("k", 1));
                    }
                } catch (CounterNotFoundException deleted) {
                    // recorded: the counter was deleted when it took effect
                }
            }
        });
        assertThat(proxy.injected(Fault.CUT_AFTER_APPLY)).as("responses lost").isGreaterThanOrEqualTo(10);
        assertThat(history.calls()).filteredOn(call -> call.operation() == History.Operation.DELETE)
                .as("deletes between an applied write and its retry").hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(call -> assertThat(call.outcome()).isEqualTo(History.Outcome.ACKNOWLEDGED));
        assertThat(history.count(History.Outcome.UNKNOWN) + history.count(History.Outcome.FAILED)).isZero();
        history.assertLinearizable(OptionalLong.of(100), b.get("k"));
    }

    @Test
    void aDeletedCounterIsAbsentForEveryCall() {
        a.increment("k", 1);
        assertThat(b.delete("k")).isTrue();
        assertThat(a.get("k")).isEmpty();
        assertThat(a.getAll(List.of("k"))).isEmpty();
        assertThat(catchThrowable(() -> a.increment("k", 1))).isExactlyInstanceOf(CounterNotFoundException.class);
        assertThat(a.compareAndSet("k", 101, 5)).isFalse();
        assertThat(a.delete("k")).isFalse();
        assertThat(a.incrementIfAtMost("k", 2, 10)).isEqualTo(OptionalLong.of(2));
        assertThat(b.delete("k")).isTrue();
        assertThat(a.increment("k", 1, 40)).isEqualTo(41);
        assertThat(c.increment("k", 1)).isEqualTo(42);
    }

    @Test
    void deletingACounterWithoutRecentBookkeepingLeavesNoItem() {
        b.put("plain", 3);
        assertThat(b.delete("plain")).isTrue();
        assertThat(StoredBookkeeping.read(direct, table, "plain")).isNull();
        StoredBookkeeping.write(direct, table, "stale", 3, 5, Duration.ofMinutes(11));
        assertThat(b.delete("stale")).isTrue();
        assertThat(StoredBookkeeping.read(direct, table, "stale")).isNull();
        assertThat(TestTables.itemCount(direct, table)).as("only k is left").isEqualTo(1);
    }

    @Test
    void aDeletedCounterKeepsRecentBookkeepingUntilItIsStale() {
        c.increment("k", 1);
        assertThat(b.delete("k")).isTrue();
        Map<String, AttributeValue> tombstone = StoredBookkeeping.read(direct, table, "k");
        assertThat(tombstone).doesNotContainKey("counter_value");
        assertThat(StoredBookkeeping.entries(tombstone)).isEqualTo(1);
        StoredBookkeeping.age(direct, table, "k", Duration.ofMinutes(11));
        assertThat(b.delete("k")).isFalse();
        assertThat(StoredBookkeeping.read(direct, table, "k")).isNull();
    }
}
