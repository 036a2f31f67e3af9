package io.github.distributedcounter.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A stand-in for DynamoDB that only adds: each {@code UpdateItem} waits a fixed time, without using the CPU, then
 * adds {@code :d} to the key's value in memory and returns it. It ignores conditions and the exactly-once
 * attributes, so it measures what coalescing costs the client (waking and re-queuing callers) apart from
 * DynamoDB; not a store to test against.
 */
final class InMemoryDynamoDbClient implements DynamoDbClient {

    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();
    private final long delayNanos;
    private final RequestCounter requests;

    InMemoryDynamoDbClient(Duration delay, RequestCounter requests) {
        this.delayNanos = delay.toNanos();
        this.requests = requests;
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        requests.sent();
        LockSupport.parkNanos(delayNanos);
        long amount = Long.parseLong(request.expressionAttributeValues().get(":d").n());
        long value = values.computeIfAbsent(request.key().get("key").s(), k -> new AtomicLong()).addAndGet(amount);
        return UpdateItemResponse.builder()
                .attributes(Map.of("counter_value", AttributeValue.fromN(Long.toString(value)))).build();
    }

    long value(String key) {
        AtomicLong value = values.get(key);
        return value == null ? 0 : value.get();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
