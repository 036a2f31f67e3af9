package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Bad input fails before any request, with a clear message, and writes nothing. */
class ArgumentValidationTest extends FreshCounterTest {

    private static final String KEY_2049_BYTES = "€".repeat(683);
    private static final String KEY_2048_BYTES = "€".repeat(682) + "ab";

    ArgumentValidationTest(DynamoDbClient client) {
        super(client);
    }

    private void assertRejectedKey(String key, String message) {
        List<Consumer<DistributedCounter>> calls = List.of(
                c -> c.get(key), c -> c.put(key, 1), c -> c.increment(key, 1), c -> c.increment(key, 1, 0),
                c -> c.decrement(key, 1), c -> c.decrement(key, 1, 0), c -> c.incrementIfAtMost(key, 1, 10),
                c -> c.compareAndSet(key, 0, 1), c -> c.delete(key), c -> c.getAll(Arrays.asList("ok", key)),
                c -> c.async().get(key), c -> c.async().put(key, 1), c -> c.async().increment(key, 1),
                c -> c.async().increment(key, 1, 0), c -> c.async().decrement(key, 1),
                c -> c.async().decrement(key, 1, 0), c -> c.async().incrementIfAtMost(key, 1, 10),
                c -> c.async().compareAndSet(key, 0, 1), c -> c.async().delete(key),
                c -> c.async().getAll(Arrays.asList(key)), c -> c.decimal().get(key),
                c -> c.decimal().put(key, BigDecimal.ONE), c -> c.decimal().increment(key, BigDecimal.ONE),
                c -> c.decimal().increment(key, BigDecimal.ONE, BigDecimal.ZERO),
                c -> c.decimal().decrement(key, BigDecimal.ONE),
                c -> c.decimal().decrement(key, BigDecimal.ONE, BigDecimal.ZERO));
        for (Consumer<DistributedCounter> call : calls) {
            assertThatThrownBy(() -> call.accept(counter)).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage(message);
        }
        assertThat(TestTables.itemCount(client, counter.tableName())).isZero();
    }

    @Test
    void nullKeyIsRejected() {
        assertRejectedKey(null, "key must not be null");
    }

    @Test
    void emptyKeyIsRejected() {
        assertRejectedKey("", "key must not be empty");
    }

    @Test
    void keyOverDynamoDbsPartitionKeyLimitIsRejected() {
        assertThat(KEY_2049_BYTES).hasSize(683);
        assertRejectedKey(KEY_2049_BYTES, "key must be at most 2048 bytes in UTF-8, was 2049 bytes");
    }

    @Test
    void keyWithUnpairedHighSurrogateAtEndIsRejected() {
        assertRejectedKey("a\uD800", "key must be well-formed UTF-16 (unpaired surrogate at index 1)");
        assertRejectedKey("a\uDBFF", "key must be well-formed UTF-16 (unpaired surrogate at index 1)");
    }

    @Test
    void keyWithUnpairedLowSurrogateIsRejected() {
        assertRejectedKey("\uDC00b", "key must be well-formed UTF-16 (unpaired surrogate at index 0)");
        assertRejectedKey("x\uD83D\uDE00\uDE00", "key must be well-formed UTF-16 (unpaired surrogate at index 3)");
    }

    @Test
    void keyWithHighSurrogateFollowedByNonSurrogateIsRejected() {
        assertRejectedKey("a\uD800b", "key must be well-formed UTF-16 (unpaired surrogate at index 1)");
        assertRejectedKey("\uD800\uD800\uDC00", "key must be well-formed UTF-16 (unpaired surrogate at index 0)");
    }

    @Test
    void overlongKeyWithUnpairedSurrogateIsRejectedForTheSurrogate() {
        assertRejectedKey("€".repeat(683) + "\uD800",
                "key must be well-formed UTF-16 (unpaired surrogate at index 683)");
    }

    /**
     * 4 threads × 90 increments, by turns on {@code "a?"} and on two keys that UTF-8 would turn into it: the
     * malformed keys are refused and write nothing, and the increments of {@code "a?"} form one serial order.
     */
    @Test
    void keysThatWouldAliasOneItemLeaveItsCountExactUnderConcurrentIncrements() throws Exception {
        counter.put("a?", 0);
        List<String> keys = List.of("a?", "a\uD800", "a\uDBFF");
        History history = new History();
        ConcurrentWorkers.run(4, thread -> {
            for (int i = 0; i < 90; i++) {
                String key = keys.get(i % 3);
                try {
                    history.increment(1, () -> counter.increment(key, 1));
                } catch (IllegalArgumentException malformed) {
                    assertThat(malformed).hasMessage("key must be well-formed UTF-16 (unpaired surrogate at index 1)");
                } catch (DistributedCounterException recorded) {
                    // the history tells
                }
            }
        });
        history.assertLinearizable(0, counter.get("a?").orElseThrow());
        assertThat(history.count(History.Outcome.ACKNOWLEDGED)).isEqualTo(120);
        assertThat(history.count(History.Outcome.FAILED)).isEqualTo(240);
        assertThat(counter.get("a?")).isEqualTo(OptionalLong.of(120));
    }

    @Test
    void keyWithSurrogatePairsWorks() {
        String emoji = "\uD83D\uDE00";
        assertThat(counter.increment("a" + emoji, 2, 0)).isEqualTo(2);
        assertThat(counter.async().increment(emoji + "b", 3, 0).join()).isEqualTo(3);
        assertThat(counter.getAll(List.of("a" + emoji, emoji + "b")))
                .containsExactly(java.util.Map.entry("a" + emoji, 2L), java.util.Map.entry(emoji + "b", 3L));
    }

    @Test
    void keyOfExactly2048BytesWorks() {
        assertThat(counter.increment(KEY_2048_BYTES, 3, 0)).isEqualTo(3);
        assertThat(counter.get(KEY_2048_BYTES)).isEqualTo(OptionalLong.of(3));
    }

    @Test
    void nullKeyCollectionIsRejected() {
        assertThatThrownBy(() -> counter.getAll(null)).isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("keys must not be null");
    }

    @Test
    void incrementPastLongMaxFailsAndWritesNothing() {
        counter.put("big", Long.MAX_VALUE - 1);
        assertThatThrownBy(() -> counter.increment("big", 2)).isExactlyInstanceOf(ArithmeticException.class)
                .hasMessage("Adding 2 to counter 'big' (9223372036854775806) would leave the long range; "
                        + "nothing was written");
        assertThatThrownBy(() -> counter.increment("big", 2, 0)).isExactlyInstanceOf(ArithmeticException.class);
        assertThat(counter.get("big")).isEqualTo(OptionalLong.of(Long.MAX_VALUE - 1));
        assertThat(counter.increment("big", 1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void decrementPastLongMinFailsAndWritesNothing() {
        counter.put("small", Long.MIN_VALUE + 1);
        assertThatThrownBy(() -> counter.decrement("small", 2)).isExactlyInstanceOf(ArithmeticException.class)
                .hasMessage("Adding -2 to counter 'small' (-9223372036854775807) would leave the long range; "
                        + "nothing was written");
        assertThat(counter.get("small")).isEqualTo(OptionalLong.of(Long.MIN_VALUE + 1));
    }

    @Test
    void initialValuePlusAmountOutOfRangeFailsAndWritesNothing() {
        assertThatThrownBy(() -> counter.increment("fresh", 1, Long.MAX_VALUE))
                .isExactlyInstanceOf(ArithmeticException.class)
                .hasMessage("Initial value plus 1 for key 'fresh' is outside the long range; nothing was written");
        assertThat(counter.get("fresh")).isEmpty();
        counter.put("fresh", 5);
        assertThat(counter.increment("fresh", 1, Long.MAX_VALUE)).as("initial value unused").isEqualTo(6);
    }

    @Test
    void decrementByLongMinValueIsRejected() {
        assertThatThrownBy(() -> counter.decrement("k", Long.MIN_VALUE))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must be greater than Long.MIN_VALUE to be negated");
        assertThat(TestTables.itemCount(client, counter.tableName())).isZero();
    }

    @Test
    void negativeAmountForBoundedIncrementIsRejected() {
        assertThatThrownBy(() -> counter.incrementIfAtMost("k", -1, 10))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("amount must be at least 0, was -1");
        assertThat(TestTables.itemCount(client, counter.tableName())).isZero();
    }

    @Test
    void exactlyOnceTimingsAreCheckedOnlyWithExactlyOnceOn() {
        assertThatThrownBy(() -> DynamoDbDistributedCounter.builder().dynamoDbClient(client).tableName("tbl")
                .outcomeResolutionTimeout(Duration.ofMinutes(15)).build())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("exactlyOnceRetention (PT10M) must be longer than outcomeResolutionTimeout (PT15M)");
        DynamoDbDistributedCounter.builder().dynamoDbClient(client).tableName("tbl").exactlyOnce(false)
                .outcomeResolutionTimeout(Duration.ofMinutes(15)).build().close();
    }

    @Test
    void outcomeResolutionTimeoutIsCheckedWherePacingUsesIt() {
        assertThatThrownBy(() -> DynamoDbDistributedCounter.builder().dynamoDbClient(client).tableName("tbl")
                .exactlyOnce(false).outcomeResolutionTimeout(Duration.ZERO).build())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("outcomeResolutionTimeout must be positive, was PT0S");
        DynamoDbDistributedCounter.builder().dynamoDbClient(client).tableName("tbl").exactlyOnce(false)
                .paceThrottledKeys(false).outcomeResolutionTimeout(Duration.ZERO).build().close();
    }

    @Test
    void builderRejectsMissingAndInvalidOptions() {
        assertThatThrownBy(() -> DynamoDbDistributedCounter.builder().tableName("t12").build())
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("dynamoDbClient is required");
        assertThatThrownBy(() -> DynamoDbDistributedCounter.builder().dynamoDbClient(client).build())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("tableName must not be null or blank");
        assertThatThrownBy(() -> DynamoDbDistributedCounter.builder().dynamoDbClient(client).tableName("a b").build())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("tableName must be 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.', was 'a b'");
        assertThatThrownBy(() -> DynamoDbDistributedCounter.builder().dynamoDbClient(client).tableName("tbl")
                .keyAttribute("x").valueAttribute("x").build())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("keyAttribute and valueAttribute must differ, both were 'x'");
        assertThatThrownBy(() -> DynamoDbDistributedCounter.builder().dynamoDbClient(client).tableName("tbl")
                .maxBatchSize(0).build())
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("maxBatchSize must be at least 1, was 0");
        assertThatThrownBy(() -> DynamoDbDistributedCounter.builder().dynamoDbClient(client).tableName("tbl")
                .tableActiveTimeout(Duration.ZERO).build())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("tableActiveTimeout must be positive, was PT0S");
        assertThatThrownBy(() -> DynamoDbDistributedCounter.builder().dynamoDbClient(client).tableName("tbl")
                .provisionedThroughput(0, 5).build())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity units must be at least 1, were read=0, write=5");
    }

    @Test
    void nullOptionsAreRejectedInBuildAlike() {
        assertThatThrownBy(() -> DynamoDbDistributedCounter.builder().dynamoDbClient(null).tableName("tbl").build())
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("dynamoDbClient is required");
        assertThatThrownBy(() -> DynamoDbDistributedCounter.builder().dynamoDbClient(client).tableName("tbl")
                .observer(null).build())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("observer must not be null; leave it unset to observe nothing");
        assertThatThrownBy(() -> DynamoDbDistributedCounter.builder().dynamoDbClient(client).tableName("tbl")
                .exactlyOnceRetention(null).build())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("exactlyOnceRetention must be positive, was null");
        DynamoDbDistributedCounter.builder().dynamoDbClient(client).tableName("tbl").asyncExecutor(null).build()
                .close();
    }
}
