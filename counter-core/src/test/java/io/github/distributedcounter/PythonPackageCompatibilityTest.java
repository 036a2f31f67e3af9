package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The Python package's own test cases and README examples, translated. */
class PythonPackageCompatibilityTest extends FreshCounterTest {

    PythonPackageCompatibilityTest(DynamoDbClient client) {
        super(client);
    }

    @Test
    void putThenGet() {
        counter.put("mykey", 0);
        assertThat(counter.get("mykey")).isEqualTo(OptionalLong.of(0));
        counter.put("mykey", 42);
        assertThat(counter.get("mykey")).isEqualTo(OptionalLong.of(42));
    }

    @Test
    void getOfMissingKeyIsEmpty() {
        assertThat(counter.get("nothing-here")).isEqualTo(OptionalLong.empty());
    }

    @Test
    void incrementAndDecrementReturnTheNewValue() {
        counter.put("mykey", 0);
        assertThat(counter.increment("mykey", 10)).isEqualTo(10);
        assertThat(counter.increment("mykey", 5)).isEqualTo(15);
        assertThat(counter.decrement("mykey", 14)).isEqualTo(1);
        assertThat(counter.get("mykey")).isEqualTo(OptionalLong.of(1));
    }

    @Test
    void incrementsWithInitialValues() {
        assertThat(counter.increment("nonexistantkey", 0, 0)).isEqualTo(0);
        assertThat(counter.increment("someotherkey", 0, 10)).isEqualTo(10);
        assertThat(counter.increment("yetanotherkey", 1, 10)).isEqualTo(11);
        assertThat(counter.increment("k", 0, 10)).isEqualTo(10);
        assertThat(counter.increment("k2", 5, 10)).isEqualTo(15);
        assertThat(counter.decrement("k2", 5, 10)).isEqualTo(10);
        assertThat(counter.decrement("k3", 5, 10)).isEqualTo(5);
        assertThat(counter.get("k3")).isEqualTo(OptionalLong.of(5));
    }

    @Test
    void initialValueIsIgnoredWhenTheCounterExists() {
        counter.put("existing", 100);
        assertThat(counter.increment("existing", 1, 10)).isEqualTo(101);
        assertThat(counter.decrement("existing", 1, 10)).isEqualTo(100);
    }

    @Test
    void incrementOfMissingKeyWithoutInitialValueFailsAndWritesNothing() {
        assertThatThrownBy(() -> counter.increment("missing", 1))
                .isExactlyInstanceOf(CounterNotFoundException.class)
                .hasMessage("No counter under key 'missing'; put a value first or pass an initial value");
        assertThatThrownBy(() -> counter.decrement("missing", 1))
                .isExactlyInstanceOf(CounterNotFoundException.class);
        assertThat(counter.get("missing")).isEmpty();
        assertThat(TestTables.itemCount(client, counter.tableName())).isZero();
    }

    @Test
    void missingTableFailsWithItsNameAndHowToCreateIt() {
        DynamoDbDistributedCounter noTable = DynamoDbDistributedCounter.builder()
                .dynamoDbClient(client).tableName("no-such-table").build();
        String message = "DynamoDB table 'no-such-table' does not exist or is not active. Create it with "
                + "DistributedCounter.createTable() (Spring Boot: distributed-counter.create-table=true), "
                + "or yourself with the String partition key 'key'";
        assertThatThrownBy(() -> noTable.get("k")).isExactlyInstanceOf(TableNotFoundException.class)
                .hasMessage(message)
                .hasCauseInstanceOf(software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException.class);
        assertThatThrownBy(() -> noTable.increment("k", 1, 0)).isExactlyInstanceOf(TableNotFoundException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> noTable.put("k", 1)).isExactlyInstanceOf(TableNotFoundException.class)
                .extracting(e -> ((TableNotFoundException) e).tableName()).isEqualTo("no-such-table");
        noTable.close();
    }

    @Test
    void itemsUseThePythonPackageAttributeNames() {
        counter.increment("shared", 7, 0);
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(counter.tableName())
                .key(Map.of("key", AttributeValue.fromS("shared")))).item();
        assertThat(item).containsEntry("key", AttributeValue.fromS("shared"))
                .containsEntry("counter_value", AttributeValue.fromN("7"));

        client.putItem(b -> b.tableName(counter.tableName()).item(Map.of(
                "key", AttributeValue.fromS("from-python"), "counter_value", AttributeValue.fromN("41"))));
        assertThat(counter.increment("from-python", 1)).isEqualTo(42);
    }

    @Test
    void createTableMakesAnOnDemandTableKeyedByKeyAndToleratesAnExistingOne() {
        counter.createTable();
        TableDescription table = client.describeTable(b -> b.tableName(counter.tableName())).table();
        assertThat(table.keySchema()).singleElement().satisfies(k -> {
            assertThat(k.attributeName()).isEqualTo("key");
            assertThat(k.keyType()).isEqualTo(KeyType.HASH);
        });
        assertThat(table.billingModeSummary().billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
        assertThat(counter.tableStatus().toString()).isEqualTo("ACTIVE");
    }
}
