package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Delete, compare-and-set, batch reads, bounded increments, table options and the async view. */
class CounterOperationsTest extends FreshCounterTest {

    CounterOperationsTest(DynamoDbClient client) {
        super(client);
    }

    @Test
    void deleteRemovesTheCounterAndSaysWhetherThereWasOne() {
        counter.put("gone", 3);
        assertThat(counter.delete("gone")).isTrue();
        assertThat(counter.get("gone")).isEmpty();
        assertThat(counter.delete("gone")).isFalse();
        assertThatThrownBy(() -> counter.increment("gone", 1)).isExactlyInstanceOf(CounterNotFoundException.class)
                .extracting(e -> ((CounterNotFoundException) e).key()).isEqualTo("gone");
    }

    @Test
    void compareAndSetSetsOnlyOnTheExpectedValue() {
        counter.put("cas", 10);
        assertThat(counter.compareAndSet("cas", 9, 100)).isFalse();
        assertThat(counter.get("cas")).isEqualTo(OptionalLong.of(10));
        assertThat(counter.compareAndSet("cas", 10, 100)).isTrue();
        assertThat(counter.get("cas")).isEqualTo(OptionalLong.of(100));
        assertThat(counter.compareAndSet("absent", 0, 1)).isFalse();
        assertThat(counter.get("absent")).isEmpty();
    }

    @Test
    void getAllReadsManyKeysAndLeavesOutMissingOnes() {
        List<String> keys = new ArrayList<>();
        Map<String, Long> expected = new LinkedHashMap<>();
        for (int i = 0; i < 250; i++) {
            String key = "many-" + i;
            keys.add(key);
            if (i % 3 != 0) {
                counter.put(key, i * 10L);
                expected.put(key, i * 10L);
            }
        }
        keys.add("many-1");
        Map<String, Long> values = counter.getAll(keys);
        assertThat(values).containsExactlyEntriesOf(expected);
        assertThat(counter.getAll(List.of())).isEmpty();
    }

    @Test
    void incrementIfAtMostStopsAtTheBoundAndWritesNothingPastIt() {
        assertThat(counter.incrementIfAtMost("quota", 3, 5)).isEqualTo(OptionalLong.of(3));
        assertThat(counter.incrementIfAtMost("quota", 2, 5)).isEqualTo(OptionalLong.of(5));
        assertThat(counter.incrementIfAtMost("quota", 1, 5)).isEqualTo(OptionalLong.empty());
        assertThat(counter.get("quota")).isEqualTo(OptionalLong.of(5));
        assertThat(counter.incrementIfAtMost("quota", 0, 5)).isEqualTo(OptionalLong.of(5));
        assertThat(counter.incrementIfAtMost("other", 6, 5)).isEqualTo(OptionalLong.empty());
        assertThat(counter.get("other")).isEmpty();
        assertThat(counter.incrementIfAtMost("other", 1, Long.MIN_VALUE)).isEqualTo(OptionalLong.empty());
        counter.put("near-max", Long.MAX_VALUE - 1);
        assertThat(counter.incrementIfAtMost("near-max", 1, Long.MAX_VALUE)).isEqualTo(OptionalLong.of(Long.MAX_VALUE));
    }

    @Test
    void customAttributeNamesAndProvisionedCapacity() {
        DynamoDbDistributedCounter custom = DynamoDbDistributedCounter.builder().dynamoDbClient(client)
                .tableName(TestTables.uniqueName("custom")).keyAttribute("pk").valueAttribute("n")
                .provisionedThroughput(5, 7).build();
        custom.createTable();
        assertThat(custom.increment("a", 2, 40)).isEqualTo(42);
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(custom.tableName())
                .key(Map.of("pk", AttributeValue.fromS("a")))).item();
        assertThat(item).containsEntry("pk", AttributeValue.fromS("a")).containsEntry("n", AttributeValue.fromN("42"))
                .hasSize(4);
        assertThat(item.keySet()).filteredOn(name -> name.startsWith("dcs_")).hasSize(1);
        assertThat(item).hasEntrySatisfying(item.keySet().stream().filter(name -> name.startsWith("dcb_"))
                .findFirst().orElseThrow(), before -> assertThat(before).as("value before the write")
                        .isEqualTo(AttributeValue.fromN("40")));
        TableDescription table = client.describeTable(b -> b.tableName(custom.tableName())).table();
        assertThat(table.provisionedThroughput().readCapacityUnits()).isEqualTo(5);
        assertThat(table.provisionedThroughput().writeCapacityUnits()).isEqualTo(7);
        custom.close();
    }

    @Test
    void nonIntegerValueWrittenByAnotherClientGivesAClearError() {
        client.putItem(b -> b.tableName(counter.tableName()).item(Map.of(
                "key", AttributeValue.fromS("decimal"), "counter_value", AttributeValue.fromN("1.5"))));
        assertThatThrownBy(() -> counter.get("decimal")).isExactlyInstanceOf(DistributedCounterException.class)
                .hasMessage("Counter 'decimal' holds 1.5, which is not a whole number in the long range");
    }

    @Test
    void asyncViewDoesEveryOperation() {
        AsyncDistributedCounter async = counter.async();
        async.put("a", 1).join();
        assertThat(async.get("a").join()).isEqualTo(OptionalLong.of(1));
        assertThat(async.increment("a", 4).join()).isEqualTo(5);
        assertThat(async.decrement("a", 2).join()).isEqualTo(3);
        assertThat(async.increment("b", 1, 10).join()).isEqualTo(11);
        assertThat(async.decrement("c", 1, 10).join()).isEqualTo(9);
        assertThat(async.incrementIfAtMost("a", 2, 4).join()).isEqualTo(OptionalLong.empty());
        assertThat(async.compareAndSet("a", 3, 30).join()).isTrue();
        assertThat(async.getAll(List.of("a", "b", "zzz")).join()).isEqualTo(Map.of("a", 30L, "b", 11L));
        assertThat(async.delete("c").join()).isTrue();
        assertThatThrownBy(() -> async.increment("missing", 1).join())
                .isExactlyInstanceOf(CompletionException.class)
                .hasCauseExactlyInstanceOf(CounterNotFoundException.class);
    }
}
