package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A counter holding a decimal, as the Python package can write: an increment through the long API is applied, and
 * its caller is told so, with the value it produced, never given a generic failure it might retry.
 */
class DecimalCounterTest extends FreshCounterTest {

    DecimalCounterTest(DynamoDbClient client) {
        super(client);
    }

    private void pythonPuts(String key, String value) {
        client.putItem(b -> b.tableName(counter.tableName()).item(Map.of(
                "key", AttributeValue.fromS(key), "counter_value", AttributeValue.fromN(value))));
    }

    private BigDecimal stored(String key) {
        return new BigDecimal(client.getItem(b -> b.tableName(counter.tableName())
                .key(Map.of("key", AttributeValue.fromS(key))).consistentRead(true)).item().get("counter_value").n());
    }

    @Test
    void anIncrementOfADecimalCounterSaysItWasAppliedAndWhatItProduced() {
        pythonPuts("price", "5.5");
        DecimalCounterException applied = catchThrowableOfType(DecimalCounterException.class,
                () -> counter.increment("price", 1));
        assertThat(applied).hasMessage("The increment of counter 'price' was applied, but the counter holds a "
                + "decimal: it is now 6.5, which a long cannot hold. Do not retry it");
        assertThat(applied.key()).isEqualTo("price");
        assertThat(applied.value()).isEqualByComparingTo("6.5");
        assertThat(stored("price")).isEqualByComparingTo("6.5");
        assertThat(catchThrowableOfType(DecimalCounterException.class, () -> counter.decrement("price", 2, 0))
                .value()).isEqualByComparingTo("4.5");
        assertThat(stored("price")).isEqualByComparingTo("4.5");
    }

    @Test
    void everyCallerOfABatchGetsItsOwnValue() {
        pythonPuts("price", "5.5");
        List<CompletableFuture<Long>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(counter.async().increment("price", 1));
        }
        List<BigDecimal> values = new ArrayList<>();
        for (CompletableFuture<Long> call : calls) {
            CompletionException failed = catchThrowableOfType(CompletionException.class, call::join);
            assertThat(failed).hasCauseExactlyInstanceOf(DecimalCounterException.class);
            values.add(((DecimalCounterException) failed.getCause()).value());
        }
        assertThat(values).extracting(BigDecimal::toPlainString).containsExactlyInAnyOrder("6.5", "7.5", "8.5",
                "9.5", "10.5", "11.5", "12.5", "13.5", "14.5", "15.5", "16.5", "17.5", "18.5", "19.5", "20.5", "21.5",
                "22.5", "23.5", "24.5", "25.5");
        assertThat(stored("price")).isEqualByComparingTo("25.5");
    }
}
