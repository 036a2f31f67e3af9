package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.github.distributedcounter.FaultInjectingProxy.Fault;
import io.github.distributedcounter.emulator.DynamoDbEmulator;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Keys a counter has written before get a shorter increment request; where its assumptions no longer hold
 * (counter deleted, this instance's exactly-once entry removed) the full request follows, and the result is the
 * same as without the shortcut.
 */
@DynamoDbEmulatorTest
class KnownCounterTest {

    private static final String FULL = "(attribute_not_exists(#s) OR #s < :seq) AND (attribute_not_exists(#v) OR "
            + "(#v <= :hi))";
    private static final String SHORT = "#s < :seq AND (#v <= :hi)";

    private final URI endpoint;
    private final DynamoDbClient direct;
    private final List<String> conditions = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private String table;

    KnownCounterTest(URI endpoint, DynamoDbClient direct) {
        this.endpoint = endpoint;
        this.direct = direct;
    }

    @BeforeEach
    void newTable() {
        table = TestTables.uniqueName("known");
        try (DynamoDbDistributedCounter creator = DynamoDbDistributedCounter.builder().dynamoDbClient(direct)
                .tableName(table).build()) {
            creator.createTable();
            creator.get("any");
        }
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    /** A counter on the test's table whose client records the condition of every UpdateItem it sends. */
    private DynamoDbDistributedCounter counter(URI through, Consumer<DynamoDbDistributedCounter.Builder> options) {
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof UpdateItemRequest update && update.updateExpression() != null
                        && !update.updateExpression().startsWith("REMOVE")) {
                    conditions.add(String.valueOf(update.conditionExpression()));
                }
            }
        };
        DynamoDbClient client = DynamoDbClient.builder().endpointOverride(through).region(DynamoDbEmulator.REGION)
                .credentialsProvider(DynamoDbEmulator.credentialsProvider())
                .overrideConfiguration(o -> o.addExecutionInterceptor(recorder)).build();
        DynamoDbDistributedCounter.Builder builder = DynamoDbDistributedCounter.builder().dynamoDbClient(client)
                .tableName(table);
        options.accept(builder);
        DynamoDbDistributedCounter counter = builder.build();
        closeables.add(client);
        closeables.add(counter);
        return counter;
    }

    private DynamoDbDistributedCounter counter() {
        return counter(endpoint, b -> { });
    }

    private Map<String, AttributeValue> item(String key) {
        return direct.getItem(b -> b.tableName(table).key(Map.of("key", AttributeValue.fromS(key)))
                .consistentRead(true)).item();
    }

    private static String valueOf(Map<String, AttributeValue> item, String prefix) {
        return item.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(e -> e.getValue().n())
                .findFirst().orElse(null);
    }

    @Test
    void aKeyWrittenBeforeGetsTheShortRequestAndRecordsTheValueBeforeIt() {
        DynamoDbDistributedCounter counter = counter();
        assertThat(counter.increment("k", 1, 0)).isEqualTo(1);
        assertThat(counter.increment("k", 1, 0)).isEqualTo(2);
        assertThat(counter.decrement("k", 5)).isEqualTo(-3);
        assertThat(conditions).containsExactly(FULL, SHORT, "#s < :seq AND (#v >= :lo)");
        Map<String, AttributeValue> item = item("k");
        assertThat(item.get("counter_value").n()).isEqualTo("-3");
        assertThat(valueOf(item, "dcb_")).as("value before the last write").isEqualTo("2");
        assertThat(item).hasSize(4);
    }

    @Test
    void aCounterDeletedByAnotherInstanceStartsAgainAndIsNotCreatedWithoutAnInitialValue() {
        DynamoDbDistributedCounter counter = counter();
        DynamoDbDistributedCounter other = counter();
        counter.increment("k", 1, 0);
        counter.increment("k", 1, 0);
        assertThat(other.delete("k")).isTrue();
        assertThat(counter.increment("k", 1, 10)).isEqualTo(11);
        assertThat(conditions).containsExactly(FULL, SHORT, SHORT,
                "(attribute_not_exists(#s) OR #s < :seq) AND (attribute_not_exists(#v) OR (#v <= :hi))");
        assertThat(other.delete("k")).isTrue();
        assertThatThrownBy(() -> counter.increment("k", 1)).isExactlyInstanceOf(CounterNotFoundException.class);
        assertThat(counter.get("k")).isEmpty();
        assertThat(item("k")).as("the value is gone, the recent bookkeeping stays").doesNotContainKey("counter_value")
                .hasSize(4);
    }

    @Test
    void anEntryRemovedByAnotherInstanceIsWrittenAgain() {
        DynamoDbDistributedCounter counter = counter();
        counter.increment("k", 1, 0);
        counter.increment("k", 1, 0);
        List<String> bookkeeping = item("k").keySet().stream().filter(name -> name.startsWith("dc")).toList();
        assertThat(bookkeeping).hasSize(2);
        direct.updateItem(b -> b.tableName(table).key(Map.of("key", AttributeValue.fromS("k")))
                .updateExpression("REMOVE #a, #b")
                .expressionAttributeNames(Map.of("#a", bookkeeping.get(0), "#b", bookkeeping.get(1))));
        assertThat(counter.increment("k", 1, 0)).isEqualTo(3);
        assertThat(conditions.subList(2, 4)).containsExactly(SHORT, FULL);
        Map<String, AttributeValue> item = item("k");
        assertThat(item.keySet()).containsAll(bookkeeping);
        assertThat(valueOf(item, "dcb_")).isEqualTo("2");
        assertThat(counter.increment("k", 1, 0)).isEqualTo(4);
        assertThat(conditions.get(4)).isEqualTo(SHORT);
    }

    @Test
    void aKnownCounterThatWouldLeaveTheLongRangeIsRefusedInOneRequest() {
        DynamoDbDistributedCounter counter = counter();
        counter.increment("k", 1, 0);
        counter.put("k", Long.MAX_VALUE - 1);
        int before = conditions.size();
        assertThatThrownBy(() -> counter.increment("k", 5)).isExactlyInstanceOf(ArithmeticException.class)
                .hasMessage("Adding 5 to counter 'k' (9223372036854775806) would leave the long range; "
                        + "nothing was written");
        assertThat(conditions.subList(before, conditions.size())).containsExactly(SHORT);
        assertThat(counter.get("k")).isEqualTo(OptionalLong.of(Long.MAX_VALUE - 1));
    }

    @Test
    void withExactlyOnceOffAKnownCounterIsAGuardedAddWithTheSameFallback() {
        DynamoDbDistributedCounter counter = counter(endpoint, b -> b.exactlyOnce(false));
        assertThat(counter.increment("k", 1, 0)).isEqualTo(1);
        assertThat(counter.increment("k", 1, 0)).isEqualTo(2);
        assertThat(counter.increment("k", -4)).isEqualTo(-2);
        assertThat(conditions).containsExactly("attribute_not_exists(#v) OR (#v <= :hi)", "#v <= :hi", "#v >= :lo");
        assertThat(item("k")).hasSize(2);
        assertThat(counter().delete("k")).isTrue();
        assertThat(counter.increment("k", 1, 7)).isEqualTo(8);
        assertThat(conditions.subList(3, 5)).containsExactly("#v <= :hi", "attribute_not_exists(#v) OR (#v <= :hi)");
    }

    @Test
    void aShortRequestRejectedAsInvalidIsSentInFull() throws Exception {
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(endpoint)) {
            DynamoDbDistributedCounter counter = counter(proxy.endpoint(), b -> { });
            assertThat(counter.increment("k", 1, 0)).isEqualTo(1);
            AtomicInteger updates = new AtomicInteger();
            proxy.setPolicy(operation -> operation.equals("UpdateItem") && updates.getAndIncrement() == 0
                    ? Fault.REJECT : Fault.NONE);
            assertThat(counter.increment("k", 1, 0)).isEqualTo(2);
            assertThat(proxy.injected(Fault.REJECT)).isEqualTo(1);
            assertThat(conditions).containsExactly(FULL, SHORT, FULL);
            assertThat(counter.increment("k", 1, 0)).isEqualTo(3);
            assertThat(conditions.get(3)).isEqualTo(SHORT);
        }
    }
}
