package io.github.distributedcounter.emulator.conformance;

import static io.github.distributedcounter.emulator.conformance.Conformance.get;
import static io.github.distributedcounter.emulator.conformance.Conformance.item;
import static io.github.distributedcounter.emulator.conformance.Conformance.n;
import static io.github.distributedcounter.emulator.conformance.Conformance.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Atomicity under concurrency: conditional read-modify-write loops, ADD from many threads, a conditional create
 * race, and the same engine serving the synchronous and the asynchronous client at once.
 *
 * <p>Expected outcomes come from:
 * <ul>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithItems.html#WorkingWithItems.ConditionalUpdate">Conditional
 *       writes</a> and
 *       <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithItems.html#WorkingWithItems.AtomicCounters">Atomic
 *       counters</a> (a conditional write succeeds only if the condition holds on the item as it is when the write
 *       is applied; ADD increments are applied without interfering with other writes)</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.ReadConsistency.html">Read
 *       consistency</a> (a strongly consistent read returns the most up-to-date data)</li>
 * </ul>
 */
@DynamoDbEmulatorTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrencyConformanceTest {

    private static final int THREADS = 16;

    private final DynamoDbClient client;
    private final DynamoDbAsyncClient asyncClient;
    private String table;

    ConcurrencyConformanceTest(DynamoDbClient client, DynamoDbAsyncClient asyncClient) {
        this.client = client;
        this.asyncClient = asyncClient;
    }

    @BeforeAll
    void createTable() {
        table = Conformance.hashTable(client, "concurrency");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void conditionalReadModifyWriteLosesNoUpdate() throws Exception {
        Map<String, AttributeValue> key = item("pk", s("cas"));
        client.putItem(r -> r.tableName(table).item(item("pk", s("cas"), "v", n("0"))));
        int perThread = 25;
        AtomicInteger successes = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        runOnThreads(() -> {
            for (int done = 0; done < perThread; ) {
                long old = Long.parseLong(get(client, table, key).get("v").n());
                try {
                    client.updateItem(r -> r.tableName(table).key(key).updateExpression("SET v = :new")
                            .conditionExpression("v = :old")
                            .expressionAttributeValues(item(":new", n(Long.toString(old + 1)),
                                    ":old", n(Long.toString(old)))));
                    successes.incrementAndGet();
                    done++;
                } catch (ConditionalCheckFailedException e) {
                    conflicts.incrementAndGet();
                }
            }
        });
        assertThat(successes.get()).isEqualTo(THREADS * perThread);
        assertThat(get(client, table, key).get("v")).isEqualTo(n(Integer.toString(successes.get())));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void addFromManyThreadsSumsExactly() throws Exception {
        Map<String, AttributeValue> key = item("pk", s("add"));
        int perThread = 100;
        runOnThreads(() -> {
            for (int i = 0; i < perThread; i++) {
                client.updateItem(r -> r.tableName(table).key(key).updateExpression("ADD v :one, w :two")
                        .expressionAttributeValues(item(":one", n("1"), ":two", n("2"))));
            }
        });
        assertThat(get(client, table, key)).isEqualTo(item("pk", s("add"),
                "v", n(Integer.toString(THREADS * perThread)), "w", n(Integer.toString(2 * THREADS * perThread))));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void updatedNewValuesOfConcurrentAddsAreAllDistinct() throws Exception {
        Map<String, AttributeValue> key = item("pk", s("add-distinct"));
        int perThread = 50;
        List<Long> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        runOnThreads(() -> {
            for (int i = 0; i < perThread; i++) {
                seen.add(Long.parseLong(client.updateItem(r -> r.tableName(table).key(key)
                        .updateExpression("ADD v :one").expressionAttributeValues(item(":one", n("1")))
                        .returnValues(ReturnValue.UPDATED_NEW)).attributes().get("v").n()));
            }
        });
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= THREADS * perThread; i++) {
            expected.add(i);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void exactlyOneConditionalCreateWins() throws Exception {
        for (int round = 0; round < 20; round++) {
            Map<String, AttributeValue> key = item("pk", s("create-" + round));
            AtomicInteger winners = new AtomicInteger();
            AtomicInteger losers = new AtomicInteger();
            AtomicInteger writer = new AtomicInteger();
            runOnThreads(() -> {
                int me = writer.incrementAndGet();
                try {
                    client.putItem(r -> r.tableName(table).item(item("pk", key.get("pk"), "owner_id",
                            n(Integer.toString(me)))).conditionExpression("attribute_not_exists(pk)"));
                    winners.incrementAndGet();
                } catch (ConditionalCheckFailedException e) {
                    losers.incrementAndGet();
                }
            });
            assertThat(winners.get()).isEqualTo(1);
            assertThat(losers.get()).isEqualTo(THREADS - 1);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void syncAndAsyncClientsShareTheItemAndSumExactly() throws Exception {
        Map<String, AttributeValue> key = item("pk", s("mixed"));
        int perClient = 400;
        List<CompletableFuture<?>> futures = new ArrayList<>();
        for (int i = 0; i < perClient; i++) {
            futures.add(asyncClient.updateItem(r -> r.tableName(table).key(key).updateExpression("ADD v :one")
                    .expressionAttributeValues(item(":one", n("1")))));
        }
        runOnThreads(() -> {
            for (int i = 0; i < perClient / THREADS; i++) {
                client.updateItem(r -> r.tableName(table).key(key).updateExpression("ADD v :one")
                        .expressionAttributeValues(item(":one", n("1"))));
            }
        });
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw new AssertionError("an asynchronous update failed", e.getCause());
        }
        assertThat(get(client, table, key).get("v")).isEqualTo(n(Integer.toString(2 * perClient)));
        assertThat(asyncClient.getItem(r -> r.tableName(table).key(key).consistentRead(true)).join().item())
                .isEqualTo(item("pk", s("mixed"), "v", n(Integer.toString(2 * perClient))));
    }

    /** Runs the task on {@link #THREADS} threads released together, and rethrows the first failure. */
    private static void runOnThreads(ThrowingRunnable task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    task.run();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(110, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
