package io.github.distributedcounter.emulator.conformance;

import static io.github.distributedcounter.emulator.conformance.TxTables.item;
import static io.github.distributedcounter.emulator.conformance.TxTables.key;
import static io.github.distributedcounter.emulator.conformance.TxTables.n;
import static io.github.distributedcounter.emulator.conformance.TxTables.s;
import static io.github.distributedcounter.emulator.conformance.TxTables.uniqueKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.github.distributedcounter.emulator.DynamoDbEmulator;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * TransactGetItems: the items in request order, an empty response for an item that does not exist, projections,
 * two read units per item, the validation errors (two reads of one item, more than 100 reads, a read without
 * {@code Get}, a missing table), and a consistent snapshot of several items while transactions write them.
 *
 * <p>Expected outcomes come from:
 * <ul>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html">
 *       TransactGetItems</a>: up to 100 Get actions, no two on the same item; {@code Responses} ordered as the
 *       request, an empty ItemResponse when the item does not exist</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Get.html">Get</a> and
 *       <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ItemResponse.html">
 *       ItemResponse</a></li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html">
 *       Amazon DynamoDB Transactions: how it works</a>: serializable isolation between TransactWriteItems and
 *       TransactGetItems; two read units per item of up to 4 KB</li>
 *   <li>the exact messages as DynamoDB returns them: "Transaction request cannot include multiple operations on one
 *       item", the 100-member constraint message on 'transactItems', "Requested resource not found"</li>
 * </ul>
 */
@DynamoDbEmulatorTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactGetItemsConformanceTest {

    private final DynamoDbClient client;
    private String first;
    private String second;

    TransactGetItemsConformanceTest(DynamoDbClient client) {
        this.client = client;
    }

    @BeforeAll
    void createTables() {
        first = TxTables.create(client, "get");
        second = TxTables.create(client, "get");
    }

    private static TransactGetItem get(String table, String pk) {
        return TransactGetItem.builder().get(Get.builder().tableName(table).key(key(pk)).build()).build();
    }

    private TransactGetItemsResponse transact(TransactGetItem... reads) {
        return client.transactGetItems(b -> b.transactItems(reads));
    }

    private DynamoDbException validationError(TransactGetItem... reads) {
        DynamoDbException error = catchThrowableOfType(DynamoDbException.class, () -> transact(reads));
        assertThat(error).isNotNull();
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        return error;
    }

    @Test
    void itemsComeBackInRequestOrderWithAnEmptyResponseForAMissingItem() {
        String a = uniqueKey("a");
        String b = uniqueKey("b");
        client.putItem(r -> r.tableName(first).item(item(a, "v", n(1))));
        client.putItem(r -> r.tableName(second).item(item(b, "v", s("two"))));

        TransactGetItemsResponse response = transact(get(second, b), get(first, uniqueKey("missing")), get(first, a));

        assertThat(response.responses()).hasSize(3);
        assertThat(response.responses().get(0).item()).isEqualTo(item(b, "v", s("two")));
        assertThat(response.responses().get(1).hasItem()).isFalse();
        assertThat(response.responses().get(1)).isEqualTo(ItemResponse.builder().build());
        assertThat(response.responses().get(2).item()).isEqualTo(item(a, "v", n(1)));
        assertThat(response.hasConsumedCapacity()).isFalse();
    }

    @Test
    void aProjectionExpressionReturnsOnlyTheNamedAttributes() {
        String pk = uniqueKey("projected");
        client.putItem(r -> r.tableName(first).item(item(pk, "name", s("ann"), "age", n(30), "city", s("x"))));

        TransactGetItemsResponse response = client.transactGetItems(b -> b.transactItems(TransactGetItem.builder()
                .get(Get.builder().tableName(first).key(key(pk)).projectionExpression("#n, age")
                        .expressionAttributeNames(Map.of("#n", "name")).build()).build()));

        assertThat(response.responses().get(0).item()).isEqualTo(Map.of("name", s("ann"), "age", n(30)));
    }

    @Test
    void consumedCapacityIsTwoReadUnitsPerItem() {
        String pk = uniqueKey("cap");
        client.putItem(r -> r.tableName(first).item(item(pk, "blob", s("x".repeat(5000)))));

        TransactGetItemsResponse response = client.transactGetItems(TransactGetItemsRequest.builder()
                .transactItems(get(first, pk), get(first, uniqueKey("none")), get(second, uniqueKey("none")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());

        // 5 KB is two strongly consistent read units, doubled; a missing item still costs one, doubled
        assertThat(response.consumedCapacity()).containsExactly(
                ConsumedCapacity.builder().tableName(first).capacityUnits(6.0).build(),
                ConsumedCapacity.builder().tableName(second).capacityUnits(2.0).build());
    }

    @Test
    void twoReadsOfOneItemAreRejected() {
        String pk = uniqueKey("twice");

        DynamoDbException error = validationError(get(first, pk), get(second, pk), get(first, pk));

        assertThat(error.awsErrorDetails().errorMessage())
                .isEqualTo("Transaction request cannot include multiple operations on one item");
    }

    @Test
    void oneHundredReadsAreAcceptedAndMoreAreRejected() {
        List<TransactGetItem> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add(get(first, uniqueKey("r")));
        }
        assertThat(transact(hundred.toArray(TransactGetItem[]::new)).responses()).hasSize(100);

        hundred.add(get(first, uniqueKey("r")));
        DynamoDbException error = validationError(hundred.toArray(TransactGetItem[]::new));

        assertThat(error.awsErrorDetails().errorMessage())
                .startsWith("1 validation error detected: Value '[com.amazonaws.dynamodb.v20120810.TransactGetItem@")
                .endsWith("]' at 'transactItems' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 100");
    }

    @Test
    void aReadWithoutGetIsRejected() {
        DynamoDbException error = validationError(get(first, uniqueKey("ok")), TransactGetItem.builder().build());

        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value null at "
                + "'transactItems.2.member.get' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void aTableThatDoesNotExistIsResourceNotFound() {
        ResourceNotFoundException error = catchThrowableOfType(ResourceNotFoundException.class,
                () -> transact(get(first, uniqueKey("x")), get("tx-get-no-such-table", uniqueKey("x"))));

        assertThat(error).isNotNull();
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Requested resource not found");
    }

    /**
     * Transfers between two items by TransactWriteItems run while other threads read both items with
     * TransactGetItems: every read must see the same total, never one item written and the other not yet.
     */
    @Test
    void readsSeeAConsistentSnapshotWhileTransactionsWrite(DynamoDbEmulator emulator) throws Exception {
        String a = uniqueKey("snap-a");
        String b = uniqueKey("snap-b");
        client.putItem(r -> r.tableName(first).item(item(a, "balance", n(500))));
        client.putItem(r -> r.tableName(second).item(item(b, "balance", n(500))));
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> writers = new ArrayList<>();
        List<Future<Integer>> readers = new ArrayList<>();
        try (DynamoDbClient writerClient = emulator.createClient()) {
            for (int t = 0; t < 4; t++) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        long amount = ThreadLocalRandom.current().nextInt(-20, 21);
                        writerClient.transactWriteItems(r -> r.transactItems(move(first, a, -amount),
                                move(second, b, amount)));
                    }
                    return null;
                }));
            }
            for (int t = 0; t < 4; t++) {
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    while (writing.get()) {
                        TransactGetItemsResponse response = transact(get(first, a), get(second, b));
                        long total = Long.parseLong(response.responses().get(0).item().get("balance").n())
                                + Long.parseLong(response.responses().get(1).item().get("balance").n());
                        assertThat(total).isEqualTo(1000);
                        reads++;
                    }
                    return reads;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(30, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
    }

    private static TransactWriteItem move(String table, String pk, long amount) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(pk))
                .updateExpression("ADD balance :amount").expressionAttributeValues(Map.of(":amount", n(amount)))
                .build()).build();
    }
}
