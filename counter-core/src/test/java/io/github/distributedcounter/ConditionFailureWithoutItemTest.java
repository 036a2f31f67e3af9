package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.distributedcounter.FaultInjectingProxy.Fault;
import io.github.distributedcounter.emulator.DynamoDbEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An engine that answers failed conditions without the item: a retried increment that had been applied is
 * recognised from a consistent read of the bookkeeping, never taken for a missing counter or sent again.
 */
class ConditionFailureWithoutItemTest {

    private DynamoDbEmulator emulator;
    private FaultInjectingProxy proxy;
    private DynamoDbClient client;
    private DynamoDbDistributedCounter counter;

    @BeforeEach
    void start() throws Exception {
        emulator = DynamoDbEmulator.builder().omitItemOnConditionFailure(true).start();
        proxy = new FaultInjectingProxy(emulator.endpoint());
        client = proxy.createClient(Duration.ofSeconds(2));
        counter = DynamoDbDistributedCounter.builder().dynamoDbClient(client).tableName("no-item-on-failure").build();
        counter.createTable();
        counter.put("k", 100);
    }

    @AfterEach
    void stop() throws Exception {
        counter.close();
        client.close();
        proxy.close();
        emulator.close();
    }

    @Test
    void aLoneIncrementWhoseResponseWasLostGetsItsValue() {
        proxy.setPolicy(FaultInjectingProxy.numberedUpdates(n -> n == 1 ? Fault.CUT_AFTER_APPLY : Fault.NONE));
        assertThat(counter.increment("k", 1)).isEqualTo(101);
        assertThat(counter.increment("k", 1, 0)).isEqualTo(102);
        assertThat(proxy.injected(Fault.CUT_AFTER_APPLY)).isEqualTo(1);
        assertThat(counter.get("k")).isEqualTo(OptionalLong.of(102));
    }

    @Test
    void aBatchWhoseResponseWasLostIsCountedOnce() throws Exception {
        proxy.setDelayMillis(300);
        proxy.setPolicy(FaultInjectingProxy.numberedUpdates(
                n -> n == 1 ? Fault.DELAY : n == 2 ? Fault.CUT_AFTER_APPLY : Fault.NONE));
        CompletableFuture<Long> first = counter.async().increment("k", 1);
        List<CompletableFuture<Long>> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batch.add(counter.async().increment("k", 1));
        }
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(101);
        List<Long> values = new ArrayList<>();
        for (CompletableFuture<Long> call : batch) {
            values.add(call.get(10, TimeUnit.SECONDS));
        }
        assertThat(proxy.injected(Fault.CUT_AFTER_APPLY)).as("the batch's response was cut").isEqualTo(1);
        assertThat(values).containsExactly(102L, 103L, 104L, 105L);
        assertThat(counter.get("k")).isEqualTo(OptionalLong.of(105));
    }

    /** 4 threads × 100 increments, blocking and asynchronous, with every third response lost. */
    @Test
    void concurrentIncrementsWithLostResponsesAreLinearizable() throws Exception {
        proxy.setPolicy(FaultInjectingProxy.numberedUpdates(n -> n % 3 == 1 ? Fault.CUT_AFTER_APPLY : Fault.NONE));
        History history = new History();
        AtomicInteger failures = new AtomicInteger();
        ConcurrentWorkers.run(4, thread -> {
            List<CompletableFuture<Long>> pending = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                if (i % 2 == 0) {
                    pending.add(history.incrementAsync(1, () -> counter.async().increment("k", 1)));
                    continue;
                }
                try {
                    history.increment(1, () -> counter.increment("k", 1));
                } catch (DistributedCounterException e) {
                    failures.incrementAndGet();
                }
            }
            for (CompletableFuture<Long> call : pending) {
                call.handle((value, failure) -> failure == null ? 0 : failures.incrementAndGet())
                        .get(30, TimeUnit.SECONDS);
            }
        });
        history.assertLinearizable(OptionalLong.of(100), counter.get("k"));
        assertThat(proxy.injected(Fault.CUT_AFTER_APPLY)).as("responses lost").isGreaterThanOrEqualTo(10);
        assertThat(failures.get()).isZero();
        assertThat(counter.get("k")).isEqualTo(OptionalLong.of(500));
    }

    @Test
    void aConditionThatReallyFailedStillSaysSo() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> counter.increment("missing", 1)))
                .isExactlyInstanceOf(CounterNotFoundException.class);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> counter.increment("k", Long.MAX_VALUE)))
                .isExactlyInstanceOf(ArithmeticException.class)
                .hasMessage("Adding 9223372036854775807 to counter 'k' (100) would leave the long range; nothing "
                        + "was written");
        assertThat(counter.get("k")).isEqualTo(OptionalLong.of(100));
        assertThat(counter.get("missing")).isEmpty();
    }
}
