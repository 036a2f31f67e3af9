package io.github.distributedcounter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** Every request shape the counter sends, to the letter. */
class CounterRequestsTest {

    private static final TableSchema SCHEMA = new TableSchema("tbl", "key", "counter_value");
    private static final long SEQ = 1_700_000_000_000_000L;

    private final ExactlyOnce exactlyOnce = new ExactlyOnce(Duration.ofMinutes(10), Duration.ofSeconds(10));
    private final CounterRequests plain = new CounterRequests(SCHEMA, null, null, null);
    private final CounterRequests exact = new CounterRequests(SCHEMA, exactlyOnce, null, null);

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static UpdateItemRequest increment(CounterRequests requests, Delta delta, boolean known, boolean eo) {
        return requests.increment("k", delta, IncrementShape.of(delta, known, eo), SEQ, false);
    }

    @Test
    void readsAndPlainWrites() {
        assertThat(plain.get("k").projectionExpression()).isEqualTo("#v");
        assertThat(plain.get("k").consistentRead()).isTrue();
        assertThat(plain.get("k").key()).isEqualTo(Map.of("key", AttributeValue.fromS("k")));
        assertThat(plain.put("k", 5).updateExpression()).isEqualTo("SET #v = :v");
        assertThat(plain.put("k", 5).expressionAttributeValues()).isEqualTo(Map.of(":v", n(5)));
        UpdateItemRequest delete = plain.delete("k", 7);
        assertThat(delete.updateExpression()).isEqualTo("REMOVE #v SET #t = :t");
        assertThat(delete.conditionExpression()).isEqualTo("attribute_exists(#v)");
        assertThat(delete.expressionAttributeNames()).isEqualTo(Map.of("#v", "counter_value", "#t", "dcb_deleted"));
        assertThat(delete.returnValues()).isEqualTo(ReturnValue.ALL_NEW);
        assertThat(plain.deleteTombstone("k", n(7)).conditionExpression())
                .isEqualTo("attribute_not_exists(#v) AND #t = :t");
        UpdateItemRequest cas = plain.compareAndSet("k", 5, 6);
        assertThat(cas.updateExpression()).isEqualTo("SET #v = :new");
        assertThat(cas.conditionExpression()).isEqualTo("#v = :expected");
        assertThat(cas.expressionAttributeValues()).isEqualTo(Map.of(":new", n(6), ":expected", n(5)));
        assertThat(plain.getAll(java.util.List.of(SCHEMA.key("a"))).requestItems().get("tbl").projectionExpression())
                .isEqualTo("#k, #v");
    }

    @Test
    void boundedIncrement() {
        UpdateItemRequest request = plain.incrementIfAtMost("k", 3, 10);
        assertThat(request.updateExpression()).isEqualTo("SET #v = if_not_exists(#v, :zero) + :d");
        assertThat(request.conditionExpression()).isEqualTo("attribute_not_exists(#v) OR #v <= :t");
        assertThat(request.expressionAttributeValues()).isEqualTo(Map.of(":zero", n(0), ":d", n(3), ":t", n(7)));
        assertThat(plain.incrementIfAtMost("k", 30, 10).conditionExpression()).isEqualTo("#v <= :t");
    }

    @Test
    void incrementOfAnExistingCounterWithoutExactlyOnce() {
        UpdateItemRequest request = increment(plain, Delta.of(Increment.by(2)), false, false);
        assertThat(request.updateExpression()).isEqualTo("ADD #v :d");
        assertThat(request.conditionExpression()).isEqualTo("#v <= :hi");
        assertThat(request.expressionAttributeValues()).isEqualTo(Map.of(":d", n(2), ":hi", n(Long.MAX_VALUE - 2)));
        assertThat(request.returnValues()).isEqualTo(ReturnValue.UPDATED_NEW);
        assertThat(request.returnValuesOnConditionCheckFailure()).isEqualTo(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        assertThat(increment(plain, Delta.of(Increment.by(0)), false, false).conditionExpression())
                .isEqualTo("attribute_exists(#v)");
    }

    @Test
    void incrementStartingAtAnInitialValueWithoutExactlyOnce() {
        UpdateItemRequest request = increment(plain, Delta.of(Increment.startingAt(-3, 10)), false, false);
        assertThat(request.updateExpression()).isEqualTo("SET #v = if_not_exists(#v, :init) + :d");
        assertThat(request.conditionExpression()).isEqualTo("attribute_not_exists(#v) OR (#v >= :lo)");
        assertThat(request.expressionAttributeValues())
                .isEqualTo(Map.of(":d", n(-3), ":lo", n(Long.MIN_VALUE + 3), ":init", n(10)));
        UpdateItemRequest fromZero = increment(plain, new Delta(0, 0, 0, OptionalLong.of(0)), false, false);
        assertThat(fromZero.updateExpression()).isEqualTo("ADD #v :d");
        assertThat(fromZero.conditionExpression()).isNull();
        assertThat(fromZero.expressionAttributeValues()).isEqualTo(Map.of(":d", n(0)));
    }

    @Test
    void anInitialValueThatCannotFitRequiresAnExistingCounter() {
        UpdateItemRequest request = increment(plain, Delta.of(Increment.startingAt(1, Long.MAX_VALUE)), false, false);
        assertThat(request.updateExpression()).isEqualTo("SET #v = if_not_exists(#v, :init) + :d");
        assertThat(request.conditionExpression()).isEqualTo("#v <= :hi");
    }

    @Test
    void exactlyOnceIncrementOfAKeyNotWrittenBefore() {
        UpdateItemRequest request = increment(exact, new Delta(4, -1, 5, OptionalLong.of(7)), false, true);
        assertThat(request.updateExpression()).isEqualTo(
                "SET #v = if_not_exists(#v, :init) + :d, #s = :seq, #b = if_not_exists(#v, :init)");
        assertThat(request.conditionExpression()).isEqualTo(
                "(attribute_not_exists(#s) OR #s < :seq) AND (attribute_not_exists(#v) OR (#v <= :hi AND #v >= :lo))");
        assertThat(request.expressionAttributeNames()).isEqualTo(Map.of("#v", "counter_value",
                "#s", exactlyOnce.sequenceAttribute(), "#b", exactlyOnce.baseAttribute()));
        assertThat(request.expressionAttributeValues()).isEqualTo(Map.of(":d", n(4), ":hi", n(Long.MAX_VALUE - 5),
                ":lo", n(Long.MIN_VALUE + 1), ":init", n(7), ":seq", n(SEQ)));
        assertThat(request.returnValues()).isEqualTo(ReturnValue.ALL_NEW);
        UpdateItemRequest noInitial = increment(exact, Delta.of(Increment.by(1)), false, true);
        assertThat(noInitial.updateExpression()).isEqualTo("ADD #v :d SET #s = :seq, #b = if_not_exists(#v, :init)");
        assertThat(noInitial.conditionExpression()).isEqualTo("(attribute_not_exists(#s) OR #s < :seq) AND (#v <= :hi)");
        assertThat(noInitial.expressionAttributeValues()).containsEntry(":init", n(0));
    }

    @Test
    void exactlyOnceIncrementOfAKnownKey() {
        UpdateItemRequest request = increment(exact, Delta.of(Increment.startingAt(1, 9)), true, true);
        assertThat(request.updateExpression()).isEqualTo("ADD #v :d SET #s = :seq, #b = #v");
        assertThat(request.conditionExpression()).isEqualTo("#s < :seq AND (#v <= :hi)");
        assertThat(request.expressionAttributeValues()).isEqualTo(Map.of(":d", n(1), ":hi", n(Long.MAX_VALUE - 1),
                ":seq", n(SEQ)));
    }

    @Test
    void knownKeyWithoutExactlyOnce() {
        UpdateItemRequest request = increment(plain, Delta.of(Increment.startingAt(-1, 9)), true, false);
        assertThat(request.updateExpression()).isEqualTo("ADD #v :d");
        assertThat(request.conditionExpression()).isEqualTo("#v >= :lo");
        assertThat(request.expressionAttributeValues()).isEqualTo(Map.of(":d", n(-1), ":lo", n(Long.MIN_VALUE + 1)));
    }

    @Test
    void pruningRemovesEachStaleEntryOnlyIfUnchanged() {
        UpdateItemRequest request = exact.removeEntries("k", java.util.List.of(Map.entry("dcs_other", "12")));
        assertThat(request.updateExpression()).isEqualTo("REMOVE #s0, #b0");
        assertThat(request.conditionExpression()).isEqualTo("#s0 = :s0");
        assertThat(request.expressionAttributeNames()).isEqualTo(Map.of("#s0", "dcs_other", "#b0", "dcb_other"));
        assertThat(request.expressionAttributeValues()).isEqualTo(Map.of(":s0", n(12)));
    }

    @Test
    void aPruningRequestTakesAtMostAHundredEntriesAndStaysUnderFourKilobytes() {
        java.util.List<Map.Entry<String, String>> entries = new java.util.ArrayList<>();
        for (int i = 0; i < CounterRequests.PRUNE_CHUNK; i++) {
            entries.add(Map.entry(String.format("dcs_%016x", i), "1795709388614" + i));
        }
        UpdateItemRequest request = exact.removeEntries("k", entries);
        assertThat(request.updateExpression().length()).isLessThan(4096);
        assertThat(request.conditionExpression().length()).isLessThan(4096);
        entries.add(Map.entry("dcs_one_more", "1"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> exact.removeEntries("k", entries))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("at most 100 entries, were 101");
    }
}
