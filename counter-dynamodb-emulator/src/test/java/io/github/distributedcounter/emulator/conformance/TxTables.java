package io.github.distributedcounter.emulator.conformance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Tables and values for the batch, transaction and time-to-live conformance tests: each test class creates tables
 * of its own, named {@code tx-<area>-<process>-<n>}, with a string partition key {@code pk}.
 */
final class TxTables {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TxTables() {
    }

    /** A new on-demand table with a string partition key {@code pk}; returns its name. */
    static String create(DynamoDbClient client, String area) {
        String name = "tx-" + area + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        client.createTable(CreateTableRequest.builder().tableName(name)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST).build());
        return name;
    }

    /** A key no other test uses. */
    static String uniqueKey(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    static AttributeValue n(String value) {
        return AttributeValue.builder().n(value).build();
    }

    static AttributeValue n(long value) {
        return n(Long.toString(value));
    }

    static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", s(pk));
    }

    /** An item of key {@code pk} and the given attributes, as name-value pairs. */
    static Map<String, AttributeValue> item(String pk, Object... attributes) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", s(pk));
        for (int i = 0; i < attributes.length; i += 2) {
            item.put((String) attributes[i], (AttributeValue) attributes[i + 1]);
        }
        return item;
    }
}
