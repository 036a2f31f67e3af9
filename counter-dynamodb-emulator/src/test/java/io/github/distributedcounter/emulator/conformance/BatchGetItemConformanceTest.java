package io.github.distributedcounter.emulator.conformance;

import static io.github.distributedcounter.emulator.conformance.Conformance.assertError;
import static io.github.distributedcounter.emulator.conformance.Conformance.assertExactValidation;
import static io.github.distributedcounter.emulator.conformance.Conformance.assertValidation;
import static io.github.distributedcounter.emulator.conformance.Conformance.item;
import static io.github.distributedcounter.emulator.conformance.Conformance.m;
import static io.github.distributedcounter.emulator.conformance.Conformance.n;
import static io.github.distributedcounter.emulator.conformance.Conformance.names;
import static io.github.distributedcounter.emulator.conformance.Conformance.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * BatchGetItem: up to 100 keys over one or several tables, missing items left out, projections, and the errors for
 * too many keys, duplicate keys, an empty request, a missing table and a key that does not match the schema.
 *
 * <p>Expected outcomes come from:
 * <ul>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html">BatchGetItem</a>
 *       (at most 100 items: "Too many items requested for the BatchGetItem call"; a missing item is simply not
 *       returned; ProjectionExpression and ExpressionAttributeNames per table; ValidationException for duplicate
 *       keys)</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_KeysAndAttributes.html">KeysAndAttributes</a>
 *       (Keys: 1 to 100 items)</li>
 *   <li>the exact messages ("Provided list of item keys contains duplicates", the Keys length constraint message,
 *       "The requestItems parameter is required for BatchGetItem", "Requested resource not found") as DynamoDB
 *       returns them, recorded in users' reports and the public conformance captures against DynamoDB. The
 *       constraint message for 101 keys in one table has two recorded forms (the list of keys quoted after "Value",
 *       with lower-case member names, in older captures; no value and "RequestItems"/"Keys" in 2026); the test
 *       accepts those two.</li>
 * </ul>
 */
@DynamoDbEmulatorTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchGetItemConformanceTest {

    private final DynamoDbClient client;
    private String first;
    private String second;

    BatchGetItemConformanceTest(DynamoDbClient client) {
        this.client = client;
    }

    @BeforeAll
    void createTables() {
        first = Conformance.hashTable(client, "batchget");
        second = Conformance.rangeTable(client, "batchget");
        for (int i = 0; i < 100; i += 2) {
            int index = i;
            client.putItem(r -> r.tableName(first).item(item("pk", s("k" + index), "v", n(Integer.toString(index)),
                    "m", m(item("a", s("x"), "b", s("y"))), "name", s("n" + index))));
        }
        client.putItem(r -> r.tableName(second).item(item("pk", s("h"), "sk", s("1"), "v", s("one"))));
        client.putItem(r -> r.tableName(second).item(item("pk", s("h"), "sk", s("2"), "v", s("two"))));
    }

    @Test
    void oneHundredKeysReturnTheItemsThatExistAndLeaveOutTheOthers() {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            keys.add(item("pk", s("k" + i)));
        }
        BatchGetItemResponse response = client.batchGetItem(r -> r.requestItems(
                Map.of(first, KeysAndAttributes.builder().keys(keys).consistentRead(true).build())));
        List<Map<String, AttributeValue>> items = response.responses().get(first);
        assertThat(items).hasSize(50);
        assertThat(items).extracting(i -> i.get("pk").s())
                .containsExactlyInAnyOrderElementsOf(keys.stream().map(k -> k.get("pk").s())
                        .filter(pk -> Integer.parseInt(pk.substring(1)) % 2 == 0).toList());
        assertThat(items).allSatisfy(i -> assertThat(i).containsOnlyKeys("pk", "v", "m", "name"));
        assertThat(response.unprocessedKeys()).isEmpty();
    }

    @Test
    void keysOfSeveralTablesWithTheirOwnProjections() {
        BatchGetItemResponse response = client.batchGetItem(r -> r.requestItems(Map.of(
                first, KeysAndAttributes.builder().keys(item("pk", s("k2")), item("pk", s("k3")))
                        .projectionExpression("v, m.b, #n").expressionAttributeNames(names("#n", "name")).build(),
                second, KeysAndAttributes.builder().keys(item("pk", s("h"), "sk", s("2")), item("pk", s("h"),
                        "sk", s("9"))).build())));
        assertThat(response.responses()).containsOnlyKeys(first, second);
        assertThat(response.responses().get(first))
                .containsExactly(item("v", n("2"), "m", m(item("b", s("y"))), "name", s("n2")));
        assertThat(response.responses().get(second)).containsExactly(item("pk", s("h"), "sk", s("2"), "v", s("two")));
    }

    @Test
    void aTableWithNoFoundItemsIsPresentWithAnEmptyList() {
        BatchGetItemResponse response = client.batchGetItem(r -> r.requestItems(Map.of(
                first, KeysAndAttributes.builder().keys(item("pk", s("k1"))).build())));
        assertThat(response.responses()).containsOnlyKeys(first);
        assertThat(response.responses().get(first)).isEmpty();
    }

    @Test
    void moreThan100KeysInOneTableAreRejected() {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            keys.add(item("pk", s("k" + i)));
        }
        Throwable thrown = catchThrowable(() -> client.batchGetItem(r -> r.requestItems(
                Map.of(first, KeysAndAttributes.builder().keys(keys).build()))));
        assertThat(thrown).isExactlyInstanceOf(DynamoDbException.class);
        DynamoDbException e = (DynamoDbException) thrown;
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(e.statusCode()).isEqualTo(400);
        String table = Pattern.quote(first);
        assertThat(e.awsErrorDetails().errorMessage()).matches(
                "1 validation error detected: Value at 'RequestItems\\." + table + "\\.member\\.Keys' failed to "
                        + "satisfy constraint: Member must have length less than or equal to 100"
                        + "|1 validation error detected: Value '\\[.+\\]' at 'requestItems\\." + table
                        + "\\.member\\.keys' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 100");
    }

    @Test
    void moreThan100KeysOverSeveralTablesAreRejected() {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            keys.add(item("pk", s("k" + i)));
        }
        Map<String, KeysAndAttributes> request = new LinkedHashMap<>();
        request.put(first, KeysAndAttributes.builder().keys(keys).build());
        request.put(second, KeysAndAttributes.builder().keys(item("pk", s("h"), "sk", s("1"))).build());
        assertExactValidation(() -> client.batchGetItem(r -> r.requestItems(request)),
                "Too many items requested for the BatchGetItem call");
    }

    @Test
    void duplicateKeysAreRejected() {
        assertExactValidation(() -> client.batchGetItem(r -> r.requestItems(Map.of(first,
                        KeysAndAttributes.builder().keys(item("pk", s("k2")), item("pk", s("k4")), item("pk", s("k2")))
                                .build()))),
                "Provided list of item keys contains duplicates");
        assertExactValidation(() -> client.batchGetItem(r -> r.requestItems(Map.of(second,
                        KeysAndAttributes.builder().keys(item("pk", s("h"), "sk", s("1")),
                                item("sk", s("1"), "pk", s("h"))).build()))),
                "Provided list of item keys contains duplicates");
    }

    @Test
    void anEmptyRequestIsRejected() {
        assertValidation(() -> client.batchGetItem(r -> r.requestItems(Map.of())),
                "The requestItems parameter is required for BatchGetItem");
    }

    @Test
    void aMissingTableIsResourceNotFound() {
        String missing = Conformance.tableName("batchget-missing");
        assertError(() -> client.batchGetItem(r -> r.requestItems(Map.of(
                        first, KeysAndAttributes.builder().keys(item("pk", s("k2"))).build(),
                        missing, KeysAndAttributes.builder().keys(item("pk", s("a"))).build()))),
                ResourceNotFoundException.class, "ResourceNotFoundException", "Requested resource not found");
    }

    @Test
    void aKeyThatDoesNotMatchTheSchemaIsRejected() {
        assertExactValidation(() -> client.batchGetItem(r -> r.requestItems(Map.of(second,
                        KeysAndAttributes.builder().keys(item("pk", s("h"))).build()))),
                "The provided key element does not match the schema");
        assertExactValidation(() -> client.batchGetItem(r -> r.requestItems(Map.of(first,
                        KeysAndAttributes.builder().keys(item("pk", n("1"))).build()))),
                "The provided key element does not match the schema");
    }
}
