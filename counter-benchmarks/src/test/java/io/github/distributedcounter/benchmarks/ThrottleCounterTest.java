package io.github.distributedcounter.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.github.distributedcounter.emulator.DynamoDbEmulator;
import io.github.distributedcounter.emulator.Limits;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The benchmark's count of throttled attempts is the engine's. */
class ThrottleCounterTest {

    @Test
    void countsEveryAttemptTheEngineThrottled() {
        ThrottleCounter throttles = new ThrottleCounter();
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().limits(Limits.perKey(100, 300)).start();
                DynamoDbClient client = DynamoDbClient.builder().endpointOverride(emulator.endpoint())
                        .region(DynamoDbEmulator.REGION).credentialsProvider(DynamoDbEmulator.credentialsProvider())
                        .overrideConfiguration(o -> o.addMetricPublisher(throttles)).build()) {
            client.createTable(b -> b.tableName("throttled").billingMode("PAY_PER_REQUEST")
                    .keySchema(k -> k.attributeName("key").keyType("HASH"))
                    .attributeDefinitions(a -> a.attributeName("key").attributeType("S")));
            Map<String, AttributeValue> item = Map.of("key", AttributeValue.fromS("hot"),
                    "padding", AttributeValue.fromS("x".repeat(99 * 1024)));
            for (int i = 0; i < 2; i++) {
                client.putItem(b -> b.tableName("throttled").item(item));
            }
            assertThat(emulator.throttledRequests()).as("writes of 100 units on a key admitting 100 a second")
                    .isPositive();
            assertThat(throttles.count()).isEqualTo(emulator.throttledRequests());
        }
    }
}
