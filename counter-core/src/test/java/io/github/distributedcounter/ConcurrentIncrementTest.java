package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Many threads and asynchronous callers on one key: exact totals, distinct values, a serial order. */
@DynamoDbEmulatorTest
class ConcurrentIncrementTest {

    private final DynamoDbClient client;
    private final List<DynamoDbDistributedCounter> counters = new ArrayList<>();

    ConcurrentIncrementTest(DynamoDbClient client) {
        this.client = client;
    }

    @AfterEach
    void closeCounters() {
        counters.forEach(DynamoDbDistributedCounter::close);
    }

    private DynamoDbDistributedCounter counter(boolean coalescing) {
        DynamoDbDistributedCounter counter = TestTables.newCounter(client, b -> b.coalescing(coalescing));
        counters.add(counter);
        return counter;
    }

    @ParameterizedTest(name = "coalescing={0}")
    @ValueSource(booleans = {true, false})
    void everyHundredthCallRunsExactlyOnceAcrossThirtyTwoThreads(boolean coalescing) throws Exception {
        DynamoDbDistributedCounter counter = counter(coalescing);
        counter.put("hits", 0);
        AtomicInteger hits = new AtomicInteger();
        ConcurrentLinkedQueue<Long> returned = new ConcurrentLinkedQueue<>();
        ConcurrentWorkers.run(32, thread -> {
            for (int i = 0; i < 200; i++) {
                long value = counter.increment("hits", 1);
                returned.add(value);
                if (value % 100 == 0) {
                    hits.incrementAndGet();
                }
            }
        });
        assertThat(hits.get()).isEqualTo(64);
        assertThat(counter.get("hits")).isEqualTo(OptionalLong.of(6400));
        List<Long> sorted = new ArrayList<>(returned);
        Collections.sort(sorted);
        assertThat(sorted).isEqualTo(LongStream.rangeClosed(1, 6400).boxed().toList());
    }

    @Test
    void concurrentIncrementsWithInitialValueOnANewKeyLoseNothing() throws Exception {
        DynamoDbDistributedCounter counter = counter(true);
        ConcurrentLinkedQueue<Long> returned = new ConcurrentLinkedQueue<>();
        ConcurrentWorkers.run(16, thread -> {
            for (int i = 0; i < 50; i++) {
                returned.add(counter.increment("fresh", 1, 1000));
            }
        });
        assertThat(counter.get("fresh")).isEqualTo(OptionalLong.of(1800));
        assertThat(new ArrayList<>(returned)).hasSize(800).doesNotHaveDuplicates()
                .allSatisfy(v -> assertThat(v).isBetween(1001L, 1800L));
    }

    @Test
    void mixedAmountsSignsAndInitialValuesFormOneSerialOrder() throws Exception {
        DynamoDbDistributedCounter counter = counter(true);
        History history = new History();
        ConcurrentWorkers.run(24, thread -> {
            for (int i = 0; i < 100; i++) {
                long amount = (thread * 7 + i) % 11 - 4;
                int variant = i % 4;
                history.increment(amount, () -> switch (variant) {
                    case 0 -> counter.increment("mixed", amount, 500);
                    case 1 -> counter.decrement("mixed", -amount, 500);
                    case 2 -> counter.increment("mixed", amount, -77);
                    default -> counter.decrement("mixed", -amount, 12345);
                });
            }
        });
        assertThat(history.count(History.Outcome.ACKNOWLEDGED)).isEqualTo(2400);
        long total = history.calls().stream().mapToLong(History.Call::argument).sum();
        long stored = counter.get("mixed").orElseThrow();
        long initial = stored - total;
        assertThat(initial).as("the counter started at one of the initial values").isIn(500L, -77L, 12345L);
        history.assertLinearizable(initial, stored);
    }

    @Test
    void tenThousandOutstandingAsyncIncrementsAreExact() {
        DynamoDbDistributedCounter counter = counter(true);
        counter.put("async", 0);
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            futures.add(counter.async().increment("async", 1));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        List<Long> values = new ArrayList<>(futures.stream().map(CompletableFuture::join).toList());
        Collections.sort(values);
        assertThat(values).isEqualTo(LongStream.rangeClosed(1, 10_000).boxed().toList());
        assertThat(counter.get("async")).isEqualTo(OptionalLong.of(10_000));
    }

    @Test
    void syncAndAsyncCallersShareOneKey() throws Exception {
        DynamoDbDistributedCounter counter = counter(true);
        counter.put("both", 0);
        ConcurrentLinkedQueue<Long> returned = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Long>> futures = Collections.synchronizedList(new ArrayList<>());
        ConcurrentWorkers.run(8, thread -> {
            for (int i = 0; i < 250; i++) {
                if (thread % 2 == 0) {
                    returned.add(counter.increment("both", 2));
                } else {
                    futures.add(counter.async().increment("both", 2));
                }
            }
        });
        futures.forEach(f -> returned.add(f.join()));
        List<Long> sorted = new ArrayList<>(returned);
        Collections.sort(sorted);
        assertThat(sorted).isEqualTo(LongStream.rangeClosed(1, 2000).map(v -> v * 2).boxed().toList());
    }
}
