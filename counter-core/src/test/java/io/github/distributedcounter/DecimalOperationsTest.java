package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The decimal API: exact values in the form DynamoDB stores, its limits, and the long API on the same counters. */
class DecimalOperationsTest extends FreshCounterTest {

    private static final String MAX = "9.9999999999999999999999999999999999999E+125";
    private static final String NOT_STORABLE = " gives a number DynamoDB cannot store (more than 38 significant "
            + "digits, or a magnitude outside 1E-130 to 9.9999999999999999999999999999999999999E+125); nothing was "
            + "written";

    DecimalOperationsTest(DynamoDbClient client) {
        super(client);
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private DecimalCounter decimal() {
        return counter.decimal();
    }

    private AttributeValue stored(String key) {
        return client.getItem(b -> b.tableName(counter.tableName()).key(Map.of("key", AttributeValue.fromS(key)))
                .consistentRead(true)).item().get("counter_value");
    }

    @Test
    void putGetIncrementAndDecrementAreExact() {
        decimal().put("price", d("0.1"));
        assertThat(decimal().increment("price", d("0.2"))).isEqualTo(d("0.3"));
        assertThat(decimal().decrement("price", d("0.05"))).isEqualTo(d("0.25"));
        assertThat(decimal().get("price")).contains(d("0.25"));
        decimal().put("digits", d("12345678901234567890123456789012345678"));
        assertThat(decimal().increment("digits", BigDecimal.ONE)).isEqualTo(d("12345678901234567890123456789012345679"));
        decimal().put("fraction", d("0.1234567890123456789012345678901234567"));
        assertThat(decimal().increment("fraction", d("0.0000000000000000000000000000000000003")))
                .isEqualTo(d("0.123456789012345678901234567890123457"));
    }

    @Test
    void valuesHaveNoTrailingZerosAsDynamoDbStoresThemAndGetAgreesWithIncrement() {
        decimal().put("k", d("1.50"));
        assertThat(decimal().get("k")).contains(d("1.5"));
        BigDecimal sum = decimal().increment("k", BigDecimal.ONE);
        assertThat(sum).isEqualTo(d("2.5"));
        assertThat(decimal().get("k")).contains(sum);
        decimal().put("h", d("50"));
        BigDecimal hundred = decimal().increment("h", d("5E+1"));
        assertThat(hundred).isEqualTo(d("100"));
        assertThat(hundred.toString()).isEqualTo("100");
        assertThat(decimal().get("h")).contains(hundred);
        assertThat(decimal().increment("h", d("-100.00"))).isEqualTo(BigDecimal.ZERO);
        assertThat(decimal().get("h")).contains(BigDecimal.ZERO);
    }

    @Test
    void initialValuesStartMissingCountersInTheSameRequest() {
        assertThat(decimal().increment("new", d("0.5"), d("10.25"))).isEqualTo(d("10.75"));
        assertThat(decimal().increment("new", d("0.5"), d("99"))).isEqualTo(d("11.25"));
        assertThat(decimal().decrement("other", d("0.5"), BigDecimal.ZERO)).isEqualTo(d("-0.5"));
        assertThat(decimal().decrement("other", d("0.5"), d("7"))).isEqualTo(BigDecimal.ONE.negate());
        assertThat(decimal().increment("zero", BigDecimal.ZERO, d("1.5"))).isEqualTo(d("1.5"));
        assertThat(decimal().get("zero")).contains(d("1.5"));
    }

    @Test
    void anIncrementOfAMissingCounterWithoutInitialValueFailsAndWritesNothing() {
        assertThatThrownBy(() -> decimal().increment("missing", d("0.5")))
                .isExactlyInstanceOf(CounterNotFoundException.class)
                .hasMessage("No counter under key 'missing'; put a value first or pass an initial value");
        assertThatThrownBy(() -> decimal().decrement("missing", d("0.5")))
                .isExactlyInstanceOf(CounterNotFoundException.class);
        assertThat(decimal().get("missing")).isEqualTo(Optional.empty());
        assertThat(TestTables.itemCount(client, counter.tableName())).isZero();
    }

    @Test
    void theLongApiWorksOnWholeValuesTheDecimalApiWrote() {
        decimal().put("five", d("5.000"));
        assertThat(counter.get("five")).isEqualTo(OptionalLong.of(5));
        assertThat(counter.increment("five", 1)).isEqualTo(6);
        decimal().put("halves", d("2.5"));
        assertThat(decimal().increment("halves", d("2.5"))).isEqualTo(d("5"));
        assertThat(counter.increment("halves", 1)).isEqualTo(6);
        assertThat(stored("halves")).isEqualTo(AttributeValue.fromN("6"));
    }

    @Test
    void theDecimalApiReadsAndIncrementsLongCounters() {
        counter.put("n", 7);
        assertThat(decimal().get("n")).contains(d("7"));
        assertThat(decimal().increment("n", d("0.5"))).isEqualTo(d("7.5"));
        assertThat(decimal().decrement("n", d("0.5"))).isEqualTo(d("7"));
        assertThat(counter.increment("n", 1)).isEqualTo(8);
    }

    @Test
    void storedValuesAreDynamoDbNumbersInThePlainFormThePythonPackageReads() {
        decimal().put("py", d("1.2300E+3"));
        assertThat(stored("py")).isEqualTo(AttributeValue.fromN("1230"));
        decimal().increment("py", d("0.045"));
        assertThat(stored("py")).isEqualTo(AttributeValue.fromN("1230.045"));
        decimal().put("tiny", d("1E-130"));
        assertThat(stored("tiny")).isEqualTo(AttributeValue.fromN("0." + "0".repeat(129) + "1"));
        client.putItem(b -> b.tableName(counter.tableName()).item(Map.of(
                "key", AttributeValue.fromS("from-python"), "counter_value", AttributeValue.fromN("5.5"))));
        assertThat(decimal().increment("from-python", BigDecimal.ONE)).isEqualTo(d("6.5"));
        assertThat(stored("from-python")).isEqualTo(AttributeValue.fromN("6.5"));
    }

    @Test
    void amountsAndValuesDynamoDbCannotStoreAreRejectedBeforeAnyRequest() {
        String limits = " must be a number DynamoDB can store (at most 38 significant digits, magnitude 1E-130 to "
                + "9.9999999999999999999999999999999999999E+125, or 0), was ";
        List<Consumer<DecimalCounter>> nullAmounts = List.of(c -> c.increment("k", null),
                c -> c.increment("k", null, BigDecimal.ONE), c -> c.decrement("k", null),
                c -> c.decrement("k", null, BigDecimal.ONE));
        for (Consumer<DecimalCounter> call : nullAmounts) {
            assertThatThrownBy(() -> call.accept(decimal())).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("amount must not be null");
        }
        assertThatThrownBy(() -> decimal().increment("k", BigDecimal.ONE, null))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("initialValue must not be null");
        assertThatThrownBy(() -> decimal().put("k", null))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("value must not be null");
        for (String bad : List.of("123456789012345678901234567890123456789", "1E+126", "-1E+126", "1E-131",
                "0.0000000000000000000000000000000000000000001234567890123456789012345678901234567890")) {
            assertThatThrownBy(() -> decimal().increment("k", d(bad)))
                    .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("amount" + limits + d(bad));
            assertThatThrownBy(() -> decimal().decrement("k", d(bad), BigDecimal.ZERO))
                    .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("amount" + limits + d(bad));
            assertThatThrownBy(() -> decimal().increment("k", BigDecimal.ONE, d(bad)))
                    .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("initialValue" + limits + d(bad));
            assertThatThrownBy(() -> decimal().put("k", d(bad)))
                    .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("value" + limits + d(bad));
        }
        assertThat(TestTables.itemCount(client, counter.tableName())).isZero();
    }

    @Test
    void aResultDynamoDbCannotStoreThrowsArithmeticExceptionAndWritesNothing() {
        decimal().put("digits", d("12345678901234567890123456789012345678"));
        assertThatThrownBy(() -> decimal().increment("digits", d("0.1")))
                .isExactlyInstanceOf(ArithmeticException.class)
                .hasMessage("Adding 0.1 to counter 'digits'" + NOT_STORABLE);
        assertThat(stored("digits")).isEqualTo(AttributeValue.fromN("12345678901234567890123456789012345678"));

        decimal().put("largest", d(MAX));
        assertThatThrownBy(() -> decimal().increment("largest", d("1E+88")))
                .isExactlyInstanceOf(ArithmeticException.class)
                .hasMessage("Adding 1" + "0".repeat(88) + " to counter 'largest'" + NOT_STORABLE);
        assertThat(decimal().get("largest")).contains(d(MAX).setScale(0));

        decimal().put("smallest", d("1E-130"));
        assertThatThrownBy(() -> decimal().decrement("smallest", d("1.1E-130")))
                .isExactlyInstanceOf(ArithmeticException.class)
                .hasMessage("Adding -0." + "0".repeat(129) + "11 to counter 'smallest'" + NOT_STORABLE);
        assertThat(decimal().get("smallest")).contains(d("1E-130"));

        assertThatThrownBy(() -> decimal().increment("fresh", d("1E+88"), d(MAX)))
                .isExactlyInstanceOf(ArithmeticException.class)
                .hasMessage("Starting counter 'fresh' at " + d(MAX).toPlainString() + " and adding 1"
                        + "0".repeat(88) + NOT_STORABLE);
        assertThat(decimal().get("fresh")).isEmpty();
        assertThat(TestTables.itemCount(client, counter.tableName())).isEqualTo(3);
    }

    @Test
    void concurrentIncrementsOfOneKeyGetDistinctExactValuesAndAddUp() throws Exception {
        decimal().put("hot", BigDecimal.ZERO);
        ConcurrentLinkedQueue<BigDecimal> values = new ConcurrentLinkedQueue<>();
        ConcurrentWorkers.run(16, thread -> {
            for (int i = 0; i < 200; i++) {
                values.add(decimal().increment("hot", d("0.01")));
            }
        });
        assertThat(values).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 3200)
                .mapToObj(i -> BigDecimal.valueOf(i, 2).stripTrailingZeros())
                .map(v -> v.scale() < 0 ? v.setScale(0) : v).toList());
        assertThat(decimal().get("hot")).contains(d("32"));
    }

    @Test
    void longAndDecimalIncrementsOfOneKeyMayRunConcurrently() throws Exception {
        counter.put("mixed", 0);
        ConcurrentLinkedQueue<BigDecimal> values = new ConcurrentLinkedQueue<>();
        ConcurrentWorkers.run(16, thread -> {
            for (int i = 0; i < 200; i++) {
                values.add(thread % 2 == 0 ? BigDecimal.valueOf(counter.increment("mixed", 1))
                        : decimal().increment("mixed", BigDecimal.ONE));
            }
        });
        List<BigDecimal> expected = new ArrayList<>();
        for (int i = 1; i <= 3200; i++) {
            expected.add(BigDecimal.valueOf(i));
        }
        assertThat(values).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(counter.get("mixed")).isEqualTo(OptionalLong.of(3200));
    }
}
