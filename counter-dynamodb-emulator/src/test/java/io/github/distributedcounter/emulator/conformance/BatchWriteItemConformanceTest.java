package io.github.distributedcounter.emulator.conformance;

import static io.github.distributedcounter.emulator.conformance.TxTables.item;
import static io.github.distributedcounter.emulator.conformance.TxTables.key;
import static io.github.distributedcounter.emulator.conformance.TxTables.n;
import static io.github.distributedcounter.emulator.conformance.TxTables.s;
import static io.github.distributedcounter.emulator.conformance.TxTables.uniqueKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * BatchWriteItem: puts and deletes across tables, each applied on its own; an empty {@code UnprocessedItems} when
 * all were applied; consumed capacity per table; and the errors that fail the whole batch before anything is
 * written: more than 25 requests in one table or in all, two requests on one item, an item over 400 KB, a key that
 * does not match the schema, a table that does not exist. (The throttled requests returned in
 * {@code UnprocessedItems} are tested with a throttle in {@code internal.BatchWriteThrottleTest}.)
 *
 * <p>Expected outcomes come from:
 * <ul>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html">
 *       BatchWriteItem</a>: up to 25 put or delete requests; items up to 400 KB; the whole batch is rejected
 *       for a missing table, a key that does not match the schema, two operations on one item, more than 25
 *       requests, an item over 400 KB; {@code UnprocessedItems} in the form of {@code RequestItems};
 *       {@code ConsumedCapacity} per table</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_WriteRequest.html">
 *       WriteRequest</a></li>
 *   <li>the exact messages as DynamoDB returns them, in users' reports
 *       (<a href="https://github.com/99x/serverless-dynamodb-local/issues/175">"Too many items requested for the
 *       BatchWriteItem call"</a>, <a href="https://github.com/dtan4/valec/pull/46">the 25-member constraint
 *       message</a>) and in the tests dynalite runs against DynamoDB ("Provided list of item keys contains
 *       duplicates", "The provided key element does not match the schema" for a PutRequest too, "Item size has
 *       exceeded the maximum allowed size", "Requested resource not found")</li>
 * </ul>
 */
@DynamoDbEmulatorTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchWriteItemConformanceTest {

    private final DynamoDbClient client;
    private String first;
    private String second;

    BatchWriteItemConformanceTest(DynamoDbClient client) {
        this.client = client;
    }

    @BeforeAll
    void createTables() {
        first = TxTables.create(client, "batch");
        second = TxTables.create(client, "batch");
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private static WriteRequest delete(Map<String, AttributeValue> key) {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build();
    }

    private BatchWriteItemResponse batch(Map<String, List<WriteRequest>> requests) {
        return client.batchWriteItem(BatchWriteItemRequest.builder().requestItems(requests).build());
    }

    private Map<String, AttributeValue> get(String table, String pk) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key(pk)).consistentRead(true))
                .item();
        return item.isEmpty() ? null : item;
    }

    private DynamoDbException validationError(Map<String, List<WriteRequest>> requests) {
        DynamoDbException error = catchThrowableOfType(DynamoDbException.class, () -> batch(requests));
        assertThat(error).isNotNull();
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(error.statusCode()).isEqualTo(400);
        return error;
    }

    private static List<WriteRequest> puts(String prefix, int count) {
        List<WriteRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(put(item(uniqueKey(prefix + i))));
        }
        return requests;
    }

    @Test
    void putsAndDeletesInSeveralTablesAreAllAppliedAndNothingIsLeftUnprocessed() {
        String existing = uniqueKey("existing");
        String added = uniqueKey("added");
        String other = uniqueKey("other");
        client.putItem(b -> b.tableName(first).item(item(existing, "v", n(1))));
        Map<String, List<WriteRequest>> requests = new LinkedHashMap<>();
        requests.put(first, List.of(put(item(added, "v", s("new"))), delete(key(existing))));
        requests.put(second, List.of(put(item(other, "v", n(2)))));

        BatchWriteItemResponse response = batch(requests);

        assertThat(response.unprocessedItems()).isEmpty();
        assertThat(response.hasConsumedCapacity()).isFalse();
        assertThat(get(first, added)).isEqualTo(item(added, "v", s("new")));
        assertThat(get(first, existing)).isNull();
        assertThat(get(second, other)).isEqualTo(item(other, "v", n(2)));
    }

    @Test
    void aPutReplacesTheWholeItemAndADeleteOfAMissingItemSucceeds() {
        String pk = uniqueKey("replace");
        client.putItem(b -> b.tableName(first).item(item(pk, "old", s("x"), "kept", s("no"))));

        BatchWriteItemResponse response = batch(Map.of(first,
                List.of(put(item(pk, "new", s("y"))), delete(key(uniqueKey("missing"))))));

        assertThat(response.unprocessedItems()).isEmpty();
        assertThat(get(first, pk)).isEqualTo(item(pk, "new", s("y")));
    }

    @Test
    void consumedCapacityIsReportedPerTable() {
        Map<String, List<WriteRequest>> requests = new LinkedHashMap<>();
        requests.put(first, puts("cap", 2));
        requests.put(second, puts("cap", 1));

        BatchWriteItemResponse total = client.batchWriteItem(BatchWriteItemRequest.builder().requestItems(requests)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());

        assertThat(total.consumedCapacity()).containsExactly(
                ConsumedCapacity.builder().tableName(first).capacityUnits(2.0).build(),
                ConsumedCapacity.builder().tableName(second).capacityUnits(1.0).build());

        requests.put(first, puts("cap", 1));
        BatchWriteItemResponse indexes = client.batchWriteItem(BatchWriteItemRequest.builder()
                .requestItems(requests).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build());
        assertThat(indexes.consumedCapacity()).extracting(c -> c.tableName(), c -> c.capacityUnits(),
                c -> c.table().capacityUnits())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first, 1.0, 1.0),
                        org.assertj.core.groups.Tuple.tuple(second, 1.0, 1.0));
    }

    @Test
    void twentyFiveRequestsAreAccepted() {
        Map<String, List<WriteRequest>> requests = new LinkedHashMap<>();
        requests.put(first, puts("max", 20));
        requests.put(second, puts("max", 5));

        assertThat(batch(requests).unprocessedItems()).isEmpty();
    }

    @Test
    void moreThanTwentyFiveRequestsForOneTableAreRejected() {
        List<WriteRequest> requests = puts("over", 26);

        DynamoDbException error = validationError(Map.of(first, requests));

        assertThat(error.awsErrorDetails().errorMessage())
                .startsWith("1 validation error detected: Value '{" + first + "=[com.amazonaws.dynamodb.v20120810"
                        + ".WriteRequest@")
                .endsWith("]}' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: "
                        + "[Member must have length less than or equal to 25, "
                        + "Member must have length greater than or equal to 1]");
        assertThat(get(first, requests.get(0).putRequest().item().get("pk").s())).isNull();
    }

    @Test
    void moreThanTwentyFiveRequestsInAllAreRejected() {
        Map<String, List<WriteRequest>> requests = new LinkedHashMap<>();
        requests.put(first, puts("over", 13));
        requests.put(second, puts("over", 13));

        DynamoDbException error = validationError(requests);

        assertThat(error.awsErrorDetails().errorMessage())
                .isEqualTo("Too many items requested for the BatchWriteItem call");
        assertThat(get(first, requests.get(first).get(0).putRequest().item().get("pk").s())).isNull();
    }

    @Test
    void anEmptyListOfRequestsForATableIsRejected() {
        DynamoDbException error = validationError(Map.of(first, List.of()));

        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '{" + first
                + "=[]}' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: "
                + "[Member must have length less than or equal to 25, "
                + "Member must have length greater than or equal to 1]");
    }

    @Test
    void twoRequestsOnOneItemAreRejectedAndNothingIsWritten() {
        String pk = uniqueKey("dup");
        String other = uniqueKey("dup-other");

        DynamoDbException putFirst = validationError(Map.of(first,
                List.of(put(item(other)), put(item(pk, "v", n(1))), delete(key(pk)))));
        DynamoDbException deleteFirst = validationError(Map.of(first,
                List.of(delete(key(pk)), put(item(pk, "v", n(1))))));

        assertThat(putFirst.awsErrorDetails().errorMessage())
                .isEqualTo("Provided list of item keys contains duplicates");
        assertThat(deleteFirst.awsErrorDetails().errorMessage())
                .isEqualTo("Provided list of item keys contains duplicates");
        assertThat(get(first, other)).isNull();
        assertThat(get(first, pk)).isNull();
    }

    @Test
    void theSameKeyInTwoTablesIsNotADuplicate() {
        String pk = uniqueKey("both");
        Map<String, List<WriteRequest>> requests = new LinkedHashMap<>();
        requests.put(first, List.of(put(item(pk))));
        requests.put(second, List.of(put(item(pk))));

        assertThat(batch(requests).unprocessedItems()).isEmpty();
        assertThat(get(first, pk)).isNotNull();
        assertThat(get(second, pk)).isNotNull();
    }

    @Test
    void anItemOverFourHundredKilobytesIsRejectedAndNothingIsWritten() {
        String small = uniqueKey("small");
        String large = uniqueKey("large");

        DynamoDbException error = validationError(Map.of(first, List.of(put(item(small)),
                put(item(large, "blob", s("x".repeat(400 * 1024)))))));

        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Item size has exceeded the maximum allowed size");
        assertThat(get(first, small)).isNull();
    }

    @Test
    void aKeyThatDoesNotMatchTheSchemaIsRejected() {
        DynamoDbException missingKey = validationError(Map.of(first, List.of(put(Map.of("other", s("x"))))));
        DynamoDbException wrongType = validationError(Map.of(first, List.of(put(Map.of("pk", n(1))))));
        DynamoDbException deleteWrongType = validationError(Map.of(first, List.of(delete(Map.of("pk", n(1))))));
        DynamoDbException deleteExtra = validationError(Map.of(first,
                List.of(delete(Map.of("pk", s("a"), "other", s("b"))))));

        for (DynamoDbException error : List.of(missingKey, wrongType, deleteWrongType, deleteExtra)) {
            assertThat(error.awsErrorDetails().errorMessage())
                    .isEqualTo("The provided key element does not match the schema");
        }
    }

    @Test
    void aTableThatDoesNotExistFailsTheWholeBatch() {
        String pk = uniqueKey("before-missing");
        Map<String, List<WriteRequest>> requests = new LinkedHashMap<>();
        requests.put(first, List.of(put(item(pk))));
        requests.put("tx-batch-no-such-table", List.of(put(item(uniqueKey("x")))));

        ResourceNotFoundException error = catchThrowableOfType(ResourceNotFoundException.class,
                () -> batch(requests));

        assertThat(error).isNotNull();
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Requested resource not found");
        assertThat(get(first, pk)).isNull();
    }

    @Test
    void anInvalidReturnConsumedCapacityIsRejected() {
        DynamoDbException error = catchThrowableOfType(DynamoDbException.class,
                () -> client.batchWriteItem(BatchWriteItemRequest.builder()
                        .requestItems(Map.of(first, puts("rcc", 1))).returnConsumedCapacity("hi").build()));

        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value 'hi' at "
                + "'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: "
                + "[INDEXES, TOTAL, NONE]");
    }
}
