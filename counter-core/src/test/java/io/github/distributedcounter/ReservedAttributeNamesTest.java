package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Attribute names that the exactly-once bookkeeping uses ({@code dcs_<id>}, {@code dcb_<id>}) are refused for the
 * key and the value: pruning of stale bookkeeping would otherwise remove the counter's own value.
 */
@DynamoDbEmulatorTest
class ReservedAttributeNamesTest {

    private static final String RESERVED = "prefixes 'dcs_' and 'dcb_' are reserved for the counter's "
            + "exactly-once bookkeeping";

    private final DynamoDbClient client;

    ReservedAttributeNamesTest(DynamoDbClient client) {
        this.client = client;
    }

    private void assertRejected(String keyAttribute, String valueAttribute, boolean exactlyOnce, String message) {
        String table = TestTables.uniqueName("reserved");
        assertThatThrownBy(() -> DynamoDbDistributedCounter.builder().dynamoDbClient(client).tableName(table)
                .keyAttribute(keyAttribute).valueAttribute(valueAttribute).exactlyOnce(exactlyOnce).build())
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThatThrownBy(() -> client.describeTable(b -> b.tableName(table)))
                .as("nothing created").isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void valueAttributeWithSequencePrefixIsRejected() {
        assertRejected("key", "dcs_count", true,
                "valueAttribute 'dcs_count' must not start with 'dcs_': the " + RESERVED);
    }

    @Test
    void valueAttributeWithBasePrefixIsRejected() {
        assertRejected("key", "dcb_0123456789abcdef", true,
                "valueAttribute 'dcb_0123456789abcdef' must not start with 'dcb_': the " + RESERVED);
    }

    @Test
    void keyAttributeWithReservedPrefixIsRejected() {
        assertRejected("dcs_key", "counter_value", true,
                "keyAttribute 'dcs_key' must not start with 'dcs_': the " + RESERVED);
        assertRejected("dcb_", "counter_value", true,
                "keyAttribute 'dcb_' must not start with 'dcb_': the " + RESERVED);
    }

    @Test
    void reservedPrefixIsRejectedWithExactlyOnceOffToo() {
        // other instances sharing the table may have it on, and they prune the item
        assertRejected("key", "dcs_count", false,
                "valueAttribute 'dcs_count' must not start with 'dcs_': the " + RESERVED);
    }

    @Test
    void valueAttributeEqualToKeyAttributeIsRejected() {
        assertRejected("k", "k", true, "keyAttribute and valueAttribute must differ, both were 'k'");
    }

    @Test
    void namesThatOnlyResembleThePrefixesWork() {
        for (String name : new String[] {"dcs", "DCS_count", "dc_s", "counter_dcs_", "dcbvalue"}) {
            assertThatCode(() -> DynamoDbDistributedCounter.builder().dynamoDbClient(client).tableName("tbl")
                    .valueAttribute(name).build().close()).as(name).doesNotThrowAnyException();
        }
    }
}
