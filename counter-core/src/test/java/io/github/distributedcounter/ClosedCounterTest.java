package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * After {@code close()} every call fails the same way and sends nothing: synchronous calls throw
 * {@link CounterClosedException}, asynchronous calls return a future completed exceptionally with it.
 */
class ClosedCounterTest extends FreshCounterTest {

    ClosedCounterTest(DynamoDbClient client) {
        super(client);
    }

    private String closedMessage() {
        return "Counter on table '" + counter.tableName() + "' is closed; build a new one to use the table again";
    }

    private void assertUntouched() {
        assertThat(TestTables.itemCount(client, counter.tableName())).isEqualTo(1);
        try (DynamoDbDistributedCounter reader = DynamoDbDistributedCounter.builder().dynamoDbClient(client)
                .tableName(counter.tableName()).build()) {
            assertThat(reader.get("k")).isEqualTo(OptionalLong.of(5));
            assertThat(reader.get("new")).isEmpty();
        }
    }

    @Test
    void synchronousCallsThrowAndWriteNothing() {
        counter.put("k", 5);
        counter.close();
        List<Consumer<DistributedCounter>> calls = List.of(
                c -> c.get("k"), c -> c.put("k", 1), c -> c.put("new", 1), c -> c.increment("k", 1),
                c -> c.increment("new", 1, 0), c -> c.decrement("k", 1), c -> c.decrement("k", 1, 0),
                c -> c.incrementIfAtMost("k", 1, 10), c -> c.compareAndSet("k", 5, 6), c -> c.delete("k"),
                c -> c.getAll(List.of("k")), DistributedCounter::createTable, c -> c.decimal().get("k"),
                c -> c.decimal().put("new", BigDecimal.ONE), c -> c.decimal().increment("k", BigDecimal.ONE),
                c -> c.decimal().increment("new", BigDecimal.ONE, BigDecimal.ZERO),
                c -> c.decimal().decrement("k", BigDecimal.ONE),
                c -> c.decimal().decrement("new", BigDecimal.ONE, BigDecimal.ZERO));
        for (Consumer<DistributedCounter> call : calls) {
            assertThatThrownBy(() -> call.accept(counter)).isExactlyInstanceOf(CounterClosedException.class)
                    .isInstanceOf(IllegalStateException.class).hasMessage(closedMessage());
        }
        assertUntouched();
    }

    @Test
    void asynchronousCallsReturnFailedFuturesAndWriteNothing() {
        counter.put("k", 5);
        counter.close();
        List<Function<AsyncDistributedCounter, CompletableFuture<?>>> calls = List.of(
                a -> a.get("k"), a -> a.put("k", 1), a -> a.put("new", 1), a -> a.increment("k", 1),
                a -> a.increment("new", 1, 0), a -> a.decrement("k", 1), a -> a.decrement("k", 1, 0),
                a -> a.incrementIfAtMost("k", 1, 10), a -> a.compareAndSet("k", 5, 6), a -> a.delete("k"),
                a -> a.getAll(List.of("k")));
        for (Function<AsyncDistributedCounter, CompletableFuture<?>> call : calls) {
            CompletableFuture<?> future = call.apply(counter.async());
            assertThat(future).isCompletedExceptionally();
            assertThatThrownBy(future::join).isExactlyInstanceOf(CompletionException.class)
                    .cause().isExactlyInstanceOf(CounterClosedException.class).hasMessage(closedMessage());
        }
        assertUntouched();
    }

    @Test
    void badArgumentsStillThrowIllegalArgumentExceptionAfterClose() {
        counter.close();
        assertThatThrownBy(() -> counter.increment("", 1)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("key must not be empty");
        assertThatThrownBy(() -> counter.async().increment(null, 1))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("key must not be null");
    }

    @Test
    void closeIsIdempotentAndTableDescriptionStillWorks() {
        counter.close();
        counter.close();
        assertThat(counter.tableStatus()).hasToString("ACTIVE");
    }
}
