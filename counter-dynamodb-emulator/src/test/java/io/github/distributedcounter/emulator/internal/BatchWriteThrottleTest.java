package io.github.distributedcounter.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * BatchWriteItem under a throttle that refuses some partition keys: each request is admitted on its own, the
 * refused ones come back in {@code UnprocessedItems} exactly as they were sent and are not written, the others
 * are; when every request is refused the batch fails with the throttle's error. TransactWriteItems under the same
 * throttle is cancelled as a whole, with the refused action's reason.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html">
 *     BatchWriteItem: requests that fail because of throughput are returned in UnprocessedItems; when none can be
 *     processed, ProvisionedThroughputExceededException</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html">
 *     TransactWriteItems: cancelled when there is insufficient provisioned capacity (ProvisionedThroughputExceeded)</a>
 */
class BatchWriteThrottleTest {

    private static final String TABLE = "tx-throttled";
    private static final Set<String> REFUSED = Set.of("hot-1", "hot-2");

    private final RefusingThrottle throttle = new RefusingThrottle();
    private EngineCalls calls;

    /** Once refusing, refuses every write to a partition key in {@link #REFUSED}. */
    private static final class RefusingThrottle implements Throttle {
        volatile boolean refusing;

        @Override
        public void admitWrite(Table table, Table.ItemKey key, double units) {
            if (refusing && key.hash() instanceof Value.S s && REFUSED.contains(s.value())) {
                throw ServiceError.provisionedThroughputExceeded("The level of configured provisioned throughput "
                        + "for the table was exceeded. Consider increasing your provisioning level with the "
                        + "UpdateTable API.");
            }
        }

        @Override
        public void admitRead(Table table, Table.ItemKey key, double units) {
        }
    }

    @BeforeEach
    void startEngine() {
        calls = new EngineCalls(new Engine(Clock.systemUTC(), throttle));
        calls.createTable(TABLE);
        calls.call("PutItem", """
                {"TableName": "%s", "Item": {"pk": {"S": "hot-2"}, "v": {"N": "1"}}}""".formatted(TABLE));
        throttle.refusing = true;
    }

    @Test
    void refusedRequestsComeBackUnprocessedAndTheOthersAreWritten() {
        Map<String, Object> response = calls.call("BatchWriteItem", """
                {"RequestItems": {"%s": [
                  {"PutRequest": {"Item": {"pk": {"S": "cold-1"}}}},
                  {"PutRequest": {"Item": {"pk": {"S": "hot-1"}, "v": {"N": "2"}}}},
                  {"DeleteRequest": {"Key": {"pk": {"S": "hot-2"}}}},
                  {"DeleteRequest": {"Key": {"pk": {"S": "cold-2"}}}}]},
                 "ReturnConsumedCapacity": "TOTAL"}""".formatted(TABLE));

        assertThat(response.get("UnprocessedItems")).isEqualTo(Map.of(TABLE, List.of(
                Map.of("PutRequest", Map.of("Item", Map.of("pk", Map.of("S", "hot-1"), "v", Map.of("N", "2")))),
                Map.of("DeleteRequest", Map.of("Key", Map.of("pk", Map.of("S", "hot-2")))))));
        assertThat(calls.getItem(TABLE, "cold-1")).isNotNull();
        assertThat(calls.getItem(TABLE, "hot-1")).isNull();
        assertThat(calls.getItem(TABLE, "hot-2")).isNotNull();
        assertThat(response.get("ConsumedCapacity")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(1);
    }

    @Test
    void whenEveryRequestIsRefusedTheBatchFailsWithTheThrottlesError() {
        assertThatThrownBy(() -> calls.call("BatchWriteItem", """
                {"RequestItems": {"%s": [
                  {"PutRequest": {"Item": {"pk": {"S": "hot-1"}}}},
                  {"PutRequest": {"Item": {"pk": {"S": "hot-2"}}}}]}}""".formatted(TABLE)))
                .isInstanceOfSatisfying(ServiceError.class, error ->
                        assertThat(error.shortType()).isEqualTo("ProvisionedThroughputExceededException"));
        assertThat(calls.getItem(TABLE, "hot-1")).isNull();
    }

    @Test
    void aRefusedActionCancelsTheWholeTransaction() {
        assertThatThrownBy(() -> calls.call("TransactWriteItems", """
                {"TransactItems": [
                  {"Put": {"TableName": "%1$s", "Item": {"pk": {"S": "cold-1"}}}},
                  {"Put": {"TableName": "%1$s", "Item": {"pk": {"S": "hot-1"}}}}]}""".formatted(TABLE)))
                .isInstanceOfSatisfying(ServiceError.class, error -> {
                    assertThat(error.shortType()).isEqualTo("TransactionCanceledException");
                    assertThat(error.getMessage()).isEqualTo("Transaction cancelled, please refer cancellation "
                            + "reasons for specific reasons [None, ProvisionedThroughputExceeded]");
                    assertThat(error.details()).isEqualTo(Map.of("CancellationReasons", List.of(
                            Map.of("Code", "None"),
                            Map.of("Code", "ProvisionedThroughputExceeded", "Message", "The level of configured "
                                    + "provisioned throughput for the table was exceeded. Consider increasing your "
                                    + "provisioning level with the UpdateTable API."))));
                });
        assertThat(calls.getItem(TABLE, "cold-1")).isNull();
    }
}
