package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import io.github.distributedcounter.emulator.DynamoDbEmulator;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** Requests that fail before reaching DynamoDB fail exactly their callers; the count stays right. */
@DynamoDbEmulatorTest
class CoalescingUnderFailuresTest {

    /** Fails every fifth UpdateItem before it is sent, without retries. */
    static final class FailEveryFifthUpdate implements ExecutionInterceptor {

        final AtomicInteger updates = new AtomicInteger();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (context.request() instanceof UpdateItemRequest && updates.incrementAndGet() % 5 == 0) {
                throw new IllegalStateException("injected failure");
            }
        }
    }

    /** Records batch sizes and increments served, as the metrics do. */
    static final class RecordingObserver implements CounterObserver {

        final ConcurrentLinkedQueue<Integer> batches = new ConcurrentLinkedQueue<>();
        final AtomicLong served = new AtomicLong();
        final ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();

        @Override
        public void requestCompleted(String operation, String outcome, long nanos) {
            outcomes.add(operation + ":" + outcome);
        }

        @Override
        public void incrementBatchWritten(int size) {
            batches.add(size);
        }

        @Override
        public void incrementsServed(int count) {
            served.addAndGet(count);
        }
    }

    @Test
    void failedBatchesFailTheirCallersAndTheCountStaysExact(URI endpoint, DynamoDbClient setup) throws Exception {
        FailEveryFifthUpdate failures = new FailEveryFifthUpdate();
        RecordingObserver observer = new RecordingObserver();
        String table = TestTables.uniqueName("failing");
        try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(endpoint)
                .region(DynamoDbEmulator.REGION).credentialsProvider(DynamoDbEmulator.credentialsProvider())
                .overrideConfiguration(o -> o.addExecutionInterceptor(failures).retryStrategy(b -> b.maxAttempts(1)))
                .build();
                DynamoDbDistributedCounter counter = DynamoDbDistributedCounter.builder().dynamoDbClient(client)
                        .tableName(table).observer(observer).build()) {
            counter.createTable();
            setup.putItem(b -> b.tableName(table).item(java.util.Map.of(
                    "key", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("hot"),
                    "counter_value", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("0"))));
            ConcurrentLinkedQueue<Long> values = new ConcurrentLinkedQueue<>();
            History history = new History();
            AtomicInteger failed = new AtomicInteger();
            ConcurrentWorkers.run(16, thread -> {
                for (int i = 0; i < 200; i++) {
                    try {
                        values.add(history.increment(1, () -> counter.increment("hot", 1)));
                    } catch (DistributedCounterException e) {
                        assertThat(e).hasMessageContaining("injected failure");
                        failed.incrementAndGet();
                    }
                }
            });

            int succeeded = values.size();
            assertThat(succeeded + failed.get()).isEqualTo(3200);
            assertThat(failed.get()).isPositive();
            assertThat(counter.get("hot")).isEqualTo(OptionalLong.of(succeeded));
            List<Long> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            assertThat(sorted).isEqualTo(LongStream.rangeClosed(1, succeeded).boxed().toList());
            history.assertLinearizable(0, succeeded);

            assertThat(observer.served.get()).isEqualTo(succeeded);
            assertThat(observer.batches.stream().mapToLong(Integer::longValue).sum()).isEqualTo(succeeded);
            assertThat(observer.batches).as("concurrent callers were combined").anyMatch(size -> size > 1);
            assertThat(observer.batches.size()).as("fewer requests than increments").isLessThan(succeeded);
            assertThat(observer.outcomes).contains("UpdateItem:success", "UpdateItem:error", "CreateTable:success");
        }
    }
}
