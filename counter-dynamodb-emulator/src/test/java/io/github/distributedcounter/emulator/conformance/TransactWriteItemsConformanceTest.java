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
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.github.distributedcounter.emulator.DynamoDbEmulator;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * TransactWriteItems: Put, Update, Delete and ConditionCheck applied all together or not at all; the
 * TransactionCanceledException with its message and one cancellation reason per action, in order; the item
 * returned with a failed condition when asked; the validation errors (two actions on one item, more than 100
 * actions, an action with two operations, a missing UpdateExpression or ConditionExpression, a missing table);
 * idempotency with a client request token; twice the capacity of the same writes outside a transaction; and
 * atomicity against concurrent single-item writes.
 *
 * <p>Expected outcomes come from:
 * <ul>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html">
 *       TransactWriteItems</a>: up to 100 actions, no two on the same item, all-or-nothing; the
 *       ClientRequestToken valid 10 minutes, IdempotentParameterMismatch for the same token with other
 *       parameters, read capacity reported on a repeat</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CancellationReason.html">
 *       CancellationReason</a> and
 *       <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactionCanceledException.html">
 *       TransactionCanceledException</a>: an ordered list of reasons, one per action, {@code None} where the
 *       action had no error, {@code ConditionalCheckFailed} with the item when ReturnValuesOnConditionCheckFailure
 *       is ALL_OLD</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html">
 *       Amazon DynamoDB Transactions: how it works</a>: serializable isolation against PutItem, UpdateItem and
 *       DeleteItem; a repeated successful request with the same token returns success without changes; two
 *       write units per item</li>
 *   <li>the exact messages as DynamoDB returns them, in users' reports: "Transaction cancelled, please refer
 *       cancellation reasons for specific reasons [ConditionalCheckFailed, None]", "Transaction request cannot
 *       include multiple operations on one item", "TransactItems can only contain one of Check, Put, Update or
 *       Delete", the 100-member constraint message on 'transactItems', "The conditional request failed"</li>
 * </ul>
 */
@DynamoDbEmulatorTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactWriteItemsConformanceTest {

    private final DynamoDbClient client;
    private String accounts;
    private String ledger;

    TransactWriteItemsConformanceTest(DynamoDbClient client) {
        this.client = client;
    }

    @BeforeAll
    void createTables() {
        accounts = TxTables.create(client, "write");
        ledger = TxTables.create(client, "write");
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
    }

    private static TransactWriteItem putIfAbsent(String table, Map<String, AttributeValue> item,
            ReturnValuesOnConditionCheckFailure onFailure) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").returnValuesOnConditionCheckFailure(onFailure)
                .build()).build();
    }

    private static TransactWriteItem add(String table, String pk, long amount) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(pk))
                .updateExpression("ADD balance :amount").expressionAttributeValues(Map.of(":amount", n(amount)))
                .build()).build();
    }

    private static TransactWriteItem withdraw(String table, String pk, long amount) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(pk))
                .updateExpression("SET balance = balance - :amount").conditionExpression("balance >= :amount")
                .expressionAttributeValues(Map.of(":amount", n(amount))).build()).build();
    }

    private static TransactWriteItem delete(String table, String pk) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key(pk)).build()).build();
    }

    private static TransactWriteItem exists(String table, String pk) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table).key(key(pk))
                .conditionExpression("attribute_exists(pk)").build()).build();
    }

    private TransactWriteItemsResponse transact(TransactWriteItem... actions) {
        return client.transactWriteItems(b -> b.transactItems(actions));
    }

    private Map<String, AttributeValue> get(String table, String pk) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key(pk)).consistentRead(true))
                .item();
        return item.isEmpty() ? null : item;
    }

    private TransactionCanceledException cancelled(TransactWriteItem... actions) {
        TransactionCanceledException error = catchThrowableOfType(TransactionCanceledException.class,
                () -> transact(actions));
        assertThat(error).isNotNull();
        assertThat(error.statusCode()).isEqualTo(400);
        return error;
    }

    private DynamoDbException validationError(TransactWriteItemsRequest request) {
        DynamoDbException error = catchThrowableOfType(DynamoDbException.class,
                () -> client.transactWriteItems(request));
        assertThat(error).isNotNull();
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        return error;
    }

    private DynamoDbException validationError(TransactWriteItem... actions) {
        return validationError(TransactWriteItemsRequest.builder().transactItems(actions).build());
    }

    private static CancellationReason none() {
        return CancellationReason.builder().code("None").build();
    }

    private static CancellationReason conditionalCheckFailed(Map<String, AttributeValue> item) {
        return CancellationReason.builder().code("ConditionalCheckFailed").message("The conditional request failed")
                .item(item).build();
    }

    @Test
    void putUpdateDeleteAndConditionCheckAreAppliedTogether() {
        String created = uniqueKey("created");
        String updated = uniqueKey("updated");
        String deleted = uniqueKey("deleted");
        String checked = uniqueKey("checked");
        client.putItem(b -> b.tableName(accounts).item(item(updated, "balance", n(10))));
        client.putItem(b -> b.tableName(accounts).item(item(deleted, "balance", n(1))));
        client.putItem(b -> b.tableName(ledger).item(item(checked, "open", s("yes"))));

        TransactWriteItemsResponse response = transact(put(ledger, item(created, "entry", s("new"))),
                add(accounts, updated, 5), delete(accounts, deleted), exists(ledger, checked));

        assertThat(response.hasConsumedCapacity()).isFalse();
        assertThat(get(ledger, created)).isEqualTo(item(created, "entry", s("new")));
        assertThat(get(accounts, updated)).isEqualTo(item(updated, "balance", n(15)));
        assertThat(get(accounts, deleted)).isNull();
        assertThat(get(ledger, checked)).isEqualTo(item(checked, "open", s("yes")));
    }

    @Test
    void aFailedConditionCancelsTheTransactionWithTheDocumentedMessageAndReasons() {
        String existing = uniqueKey("existing");
        String fresh = uniqueKey("fresh");
        client.putItem(b -> b.tableName(accounts).item(item(existing, "balance", n(3))));

        TransactionCanceledException error = cancelled(
                putIfAbsent(accounts, item(existing, "balance", n(99)), ReturnValuesOnConditionCheckFailure.NONE),
                put(accounts, item(fresh, "balance", n(1))));

        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("TransactionCanceledException");
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Transaction cancelled, please refer "
                + "cancellation reasons for specific reasons [ConditionalCheckFailed, None]");
        assertThat(error.cancellationReasons()).containsExactly(conditionalCheckFailed(null), none());
        assertThat(error.cancellationReasons().get(0).hasItem()).isFalse();
        assertThat(error.cancellationReasons().get(1).message()).isNull();
        assertThat(get(accounts, existing)).isEqualTo(item(existing, "balance", n(3)));
        assertThat(get(accounts, fresh)).isNull();
    }

    @Test
    void aFailedConditionOnTheLastActionLeavesTheFirstActionsItemsUntouched() {
        String updated = uniqueKey("first");
        String created = uniqueKey("second");
        String missing = uniqueKey("missing");
        client.putItem(b -> b.tableName(accounts).item(item(updated, "balance", n(10))));

        TransactionCanceledException error = cancelled(add(accounts, updated, 5),
                put(ledger, item(created, "entry", s("x"))), exists(ledger, missing));

        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Transaction cancelled, please refer "
                + "cancellation reasons for specific reasons [None, None, ConditionalCheckFailed]");
        assertThat(error.cancellationReasons()).containsExactly(none(), none(), conditionalCheckFailed(null));
        assertThat(get(accounts, updated)).isEqualTo(item(updated, "balance", n(10)));
        assertThat(get(ledger, created)).isNull();
    }

    @Test
    void everyFailedConditionHasItsOwnReason() {
        String poor = uniqueKey("poor");
        String missing = uniqueKey("missing");
        client.putItem(b -> b.tableName(accounts).item(item(poor, "balance", n(1))));

        TransactionCanceledException error = cancelled(withdraw(accounts, poor, 5), exists(ledger, missing));

        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Transaction cancelled, please refer "
                + "cancellation reasons for specific reasons [ConditionalCheckFailed, ConditionalCheckFailed]");
        assertThat(error.cancellationReasons()).containsExactly(conditionalCheckFailed(null),
                conditionalCheckFailed(null));
    }

    @Test
    void returnValuesOnConditionCheckFailureAllOldReturnsTheItemInItsReason() {
        String existing = uniqueKey("old");
        Map<String, AttributeValue> old = item(existing, "balance", n(7), "owner", s("ann"));
        client.putItem(b -> b.tableName(accounts).item(old));

        TransactionCanceledException error = cancelled(put(ledger, item(uniqueKey("other"))),
                putIfAbsent(accounts, item(existing), ReturnValuesOnConditionCheckFailure.ALL_OLD));

        assertThat(error.cancellationReasons()).containsExactly(none(), conditionalCheckFailed(old));
    }

    @Test
    void aConditionCheckWithReturnValuesOnAMissingItemReturnsNoItem() {
        TransactionCanceledException error = cancelled(TransactWriteItem.builder().conditionCheck(
                ConditionCheck.builder().tableName(ledger).key(key(uniqueKey("absent")))
                        .conditionExpression("attribute_exists(pk)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build())
                .build());

        assertThat(error.cancellationReasons()).containsExactly(conditionalCheckFailed(null));
        assertThat(error.cancellationReasons().get(0).hasItem()).isFalse();
    }

    @Test
    void twoActionsOnOneItemAreRejected() {
        String pk = uniqueKey("twice");
        String other = uniqueKey("other");

        DynamoDbException error = validationError(put(ledger, item(other)), put(accounts, item(pk)),
                exists(accounts, pk));

        assertThat(error.awsErrorDetails().errorMessage())
                .isEqualTo("Transaction request cannot include multiple operations on one item");
        assertThat(get(ledger, other)).isNull();
        assertThat(get(accounts, pk)).isNull();
    }

    @Test
    void oneHundredActionsAreAcceptedAndMoreAreRejected() {
        List<TransactWriteItem> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add(put(ledger, item(uniqueKey("hundred"))));
        }
        transact(hundred.toArray(TransactWriteItem[]::new));
        for (TransactWriteItem action : hundred) {
            assertThat(get(ledger, action.put().item().get("pk").s())).isNotNull();
        }

        List<TransactWriteItem> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(put(ledger, item(uniqueKey("too-many"))));
        }
        DynamoDbException error = validationError(tooMany.toArray(TransactWriteItem[]::new));

        assertThat(error.awsErrorDetails().errorMessage())
                .startsWith("1 validation error detected: Value '[com.amazonaws.dynamodb.v20120810."
                        + "TransactWriteItem@")
                .endsWith("]' at 'transactItems' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 100");
        assertThat(get(ledger, tooMany.get(0).put().item().get("pk").s())).isNull();
    }

    @Test
    void anActionWithTwoOperationsOrNoneIsRejected() {
        String pk = uniqueKey("both");
        TransactWriteItem both = TransactWriteItem.builder()
                .put(Put.builder().tableName(ledger).item(item(pk)).build())
                .delete(Delete.builder().tableName(ledger).key(key(pk)).build()).build();

        DynamoDbException twoOperations = validationError(both);
        DynamoDbException noOperation = validationError(TransactWriteItem.builder().build());

        assertThat(twoOperations.awsErrorDetails().errorMessage())
                .isEqualTo("TransactItems can only contain one of Check, Put, Update or Delete");
        assertThat(noOperation.awsErrorDetails().errorMessage())
                .isEqualTo("TransactItems can only contain one of Check, Put, Update or Delete");
    }

    @Test
    void anUpdateWithoutUpdateExpressionAndAConditionCheckWithoutConditionAreRejected() {
        DynamoDbException update = validationError(put(ledger, item(uniqueKey("x"))),
                TransactWriteItem.builder().update(Update.builder().tableName(ledger).key(key(uniqueKey("u")))
                        .build()).build());
        DynamoDbException check = validationError(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                .tableName(ledger).key(key(uniqueKey("c"))).build()).build());

        assertThat(update.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value null at "
                + "'transactItems.2.member.update.updateExpression' failed to satisfy constraint: "
                + "Member must not be null");
        assertThat(check.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value null at "
                + "'transactItems.1.member.conditionCheck.conditionExpression' failed to satisfy constraint: "
                + "Member must not be null");
    }

    @Test
    void anEmptyTransactionIsRejected() {
        DynamoDbException error = validationError(TransactWriteItemsRequest.builder()
                .transactItems(List.of()).build());

        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '[]' at "
                + "'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
    }

    @Test
    void aTableThatDoesNotExistIsResourceNotFound() {
        String pk = uniqueKey("before-missing");

        ResourceNotFoundException error = catchThrowableOfType(ResourceNotFoundException.class,
                () -> transact(put(ledger, item(pk)), put("tx-write-no-such-table", item(pk))));

        assertThat(error).isNotNull();
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Requested resource not found");
        assertThat(get(ledger, pk)).isNull();
    }

    @Test
    void anItemOverFourHundredKilobytesIsRejected() {
        DynamoDbException error = validationError(put(ledger, item(uniqueKey("big"), "blob",
                s("x".repeat(400 * 1024)))));

        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Item size has exceeded the maximum allowed size");
    }

    @Test
    void aRepeatWithTheSameClientRequestTokenSucceedsWithoutWritingAgain() {
        String pk = uniqueKey("token");
        client.putItem(b -> b.tableName(accounts).item(item(pk, "balance", n(0))));
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder().transactItems(add(accounts, pk, 1))
                .clientRequestToken(uniqueKey("t").substring(0, 36)).build();

        client.transactWriteItems(request);
        client.transactWriteItems(request);
        client.transactWriteItems(request);

        assertThat(get(accounts, pk)).isEqualTo(item(pk, "balance", n(1)));
    }

    @Test
    void theSameClientRequestTokenWithAnotherRequestIsAMismatch() {
        String pk = uniqueKey("mismatch");
        String token = uniqueKey("t").substring(0, 36);
        client.transactWriteItems(b -> b.transactItems(put(ledger, item(pk, "v", n(1)))).clientRequestToken(token));

        IdempotentParameterMismatchException error = catchThrowableOfType(IdempotentParameterMismatchException.class,
                () -> client.transactWriteItems(b -> b.transactItems(put(ledger, item(pk, "v", n(2))))
                        .clientRequestToken(token)));

        assertThat(error).isNotNull();
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("IdempotentParameterMismatchException");
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(get(ledger, pk)).isEqualTo(item(pk, "v", n(1)));
    }

    @Test
    void aCancelledTransactionDoesNotUseUpItsClientRequestToken() {
        String pk = uniqueKey("retry");
        String token = uniqueKey("t").substring(0, 36);
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder()
                .transactItems(exists(accounts, pk), put(ledger, item(pk))).clientRequestToken(token).build();

        assertThat(catchThrowableOfType(TransactionCanceledException.class,
                () -> client.transactWriteItems(request))).isNotNull();
        client.putItem(b -> b.tableName(accounts).item(item(pk)));
        client.transactWriteItems(request);

        assertThat(get(ledger, pk)).isEqualTo(item(pk));
    }

    @Test
    void aClientRequestTokenLongerThanThirtySixCharactersIsRejected() {
        String token = "x".repeat(37);

        DynamoDbException error = validationError(TransactWriteItemsRequest.builder()
                .transactItems(put(ledger, item(uniqueKey("long")))).clientRequestToken(token).build());

        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '" + token
                + "' at 'clientRequestToken' failed to satisfy constraint: Member must have length less than or "
                + "equal to 36");
    }

    @Test
    void consumedCapacityIsTwiceThatOfTheSameWritesAndAReadOnARepeat() {
        String token = uniqueKey("t").substring(0, 36);
        String small = uniqueKey("small");
        String large = uniqueKey("large");
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder()
                .transactItems(put(ledger, item(small)), put(ledger, item(large, "blob", s("x".repeat(1500)))),
                        put(accounts, item(small)))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).clientRequestToken(token).build();

        TransactWriteItemsResponse first = client.transactWriteItems(request);
        TransactWriteItemsResponse repeat = client.transactWriteItems(request);

        // a write unit per started KB, doubled: 2 + 4 in the ledger, 2 in accounts
        assertThat(first.consumedCapacity()).containsExactly(
                ConsumedCapacity.builder().tableName(ledger).capacityUnits(6.0).build(),
                ConsumedCapacity.builder().tableName(accounts).capacityUnits(2.0).build());
        // a read unit per started 4 KB, doubled: 2 + 2 in the ledger, 2 in accounts
        assertThat(repeat.consumedCapacity()).containsExactly(
                ConsumedCapacity.builder().tableName(ledger).capacityUnits(4.0).build(),
                ConsumedCapacity.builder().tableName(accounts).capacityUnits(2.0).build());
    }

    /**
     * Transfers between two accounts by TransactWriteItems run while other threads ADD to the same two items with
     * UpdateItem. Were a transaction's reads and writes not atomic with respect to the single-item writes, an ADD
     * landing between them would be lost and the sum would drift; it must equal the initial sum plus every ADD.
     */
    @Test
    void transfersRunAtomicallyAgainstConcurrentSingleItemWrites(DynamoDbEmulator emulator) throws Exception {
        String from = uniqueKey("from");
        String to = uniqueKey("to");
        client.putItem(b -> b.tableName(accounts).item(item(from, "balance", n(1_000))));
        client.putItem(b -> b.tableName(accounts).item(item(to, "balance", n(1_000))));
        int transferThreads = 6;
        int adderThreads = 6;
        int operationsPerThread = 150;
        AtomicLong added = new AtomicLong();
        AtomicLong transfers = new AtomicLong();
        AtomicLong cancellations = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(transferThreads + adderThreads);
        List<Future<?>> futures = new ArrayList<>();
        try (DynamoDbClient second = emulator.createClient()) {
            for (int t = 0; t < transferThreads; t++) {
                boolean forward = t % 2 == 0;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < operationsPerThread; i++) {
                        long amount = 1 + ThreadLocalRandom.current().nextInt(50);
                        String source = forward ? from : to;
                        String target = forward ? to : from;
                        try {
                            second.transactWriteItems(b -> b.transactItems(withdraw(accounts, source, amount),
                                    add(accounts, target, amount)));
                            transfers.incrementAndGet();
                        } catch (TransactionCanceledException e) {
                            cancellations.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (int t = 0; t < adderThreads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < operationsPerThread; i++) {
                        long amount = 1 + ThreadLocalRandom.current().nextInt(5);
                        String target = ThreadLocalRandom.current().nextBoolean() ? from : to;
                        client.updateItem(b -> b.tableName(accounts).key(key(target))
                                .updateExpression("ADD balance :amount")
                                .expressionAttributeValues(Map.of(":amount", n(amount))));
                        added.addAndGet(amount);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        long fromBalance = Long.parseLong(get(accounts, from).get("balance").n());
        long toBalance = Long.parseLong(get(accounts, to).get("balance").n());
        assertThat(fromBalance + toBalance).isEqualTo(2_000 + added.get());
        assertThat(fromBalance).isNotNegative();
        assertThat(toBalance).isNotNegative();
        assertThat(transfers.get() + cancellations.get()).isEqualTo((long) transferThreads * operationsPerThread);
        assertThat(transfers.get()).isPositive();
    }
}
