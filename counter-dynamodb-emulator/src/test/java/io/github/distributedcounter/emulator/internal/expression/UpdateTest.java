package io.github.distributedcounter.emulator.internal.expression;

import static io.github.distributedcounter.emulator.internal.expression.Values.assertValidation;
import static io.github.distributedcounter.emulator.internal.expression.Values.bool;
import static io.github.distributedcounter.emulator.internal.expression.Values.bs;
import static io.github.distributedcounter.emulator.internal.expression.Values.item;
import static io.github.distributedcounter.emulator.internal.expression.Values.l;
import static io.github.distributedcounter.emulator.internal.expression.Values.m;
import static io.github.distributedcounter.emulator.internal.expression.Values.n;
import static io.github.distributedcounter.emulator.internal.expression.Values.names;
import static io.github.distributedcounter.emulator.internal.expression.Values.ns;
import static io.github.distributedcounter.emulator.internal.expression.Values.s;
import static io.github.distributedcounter.emulator.internal.expression.Values.ss;
import static io.github.distributedcounter.emulator.internal.expression.Values.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.distributedcounter.emulator.internal.Value;

/**
 * How update expressions change an item, following
 * <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html">
 * Using update expressions in DynamoDB</a>: SET (with {@code +}, {@code -}, {@code if_not_exists} and
 * {@code list_append}), REMOVE, ADD and DELETE, every operand reading the item as it was before the update,
 * and numbers as exact as DynamoDB keeps them.
 */
class UpdateTest {

    private static Map<String, Value> base() {
        return item("pk", s("k"), "n", n("5"), "s", s("abc"), "l", l(n("1"), n("2"), n("3")),
                "m", m("k", n("1"), "deep", m("q", n("1"))), "ss", ss("a", "b"), "ns", ns("1", "2"), "bs", bs(1));
    }

    private static Map<String, Value> apply(String expression, Map<String, Value> values) {
        return apply(expression, values, base());
    }

    private static Map<String, Value> apply(String expression, Map<String, Value> values, Map<String, Value> item) {
        ExpressionContext context = new ExpressionContext(null, values.isEmpty() ? null : values);
        Update update = Update.parse(expression, context);
        context.checkAllUsed();
        return update.apply(item);
    }

    private static Map<String, Value> expected(Object... changes) {
        Map<String, Value> expected = new HashMap<>(base());
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                expected.remove((String) changes[i]);
            } else {
                expected.put((String) changes[i], (Value) changes[i + 1]);
            }
        }
        return expected;
    }

    @Test
    void setWritesValuesAtTopLevelAndNestedPaths() {
        assertThat(apply("SET a = :v", values(":v", n("9")))).isEqualTo(expected("a", n("9")));
        assertThat(apply("SET n = :v", values(":v", s("x")))).isEqualTo(expected("n", s("x")));
        assertThat(apply("SET m.k = :v, m.j = :w", values(":v", n("9"), ":w", n("8"))))
                .isEqualTo(expected("m", m("k", n("9"), "deep", m("q", n("1")), "j", n("8"))));
        assertThat(apply("SET m.deep.q = :v", values(":v", n("9"))))
                .isEqualTo(expected("m", m("k", n("1"), "deep", m("q", n("9")))));
        assertThat(apply("SET l[1] = :v", values(":v", n("9")))).isEqualTo(expected("l", l(n("1"), n("9"), n("3"))));
        assertThat(apply("set a = :v", values(":v", ss("x")))).isEqualTo(expected("a", ss("x")));
    }

    @Test
    void setPastTheEndOfAListAppendsInIndexOrder() {
        assertThat(apply("SET l[9] = :v", values(":v", n("9"))))
                .isEqualTo(expected("l", l(n("1"), n("2"), n("3"), n("9"))));
        assertThat(apply("SET l[9] = :x, l[8] = :y", values(":x", n("9"), ":y", n("8"))))
                .isEqualTo(expected("l", l(n("1"), n("2"), n("3"), n("8"), n("9"))));
        assertThat(apply("SET l[5] = :x, l[4] = :y, l[0] = :y", values(":x", n("9"), ":y", n("8"))))
                .isEqualTo(expected("l", l(n("8"), n("2"), n("3"), n("8"), n("9"))));
    }

    @Test
    void setOnAMissingItemCreatesTheAttributes() {
        assertThat(apply("SET a = :v, b = :v", values(":v", n("1")), Map.of()))
                .isEqualTo(item("a", n("1"), "b", n("1")));
    }

    @Test
    void arithmeticIsExact() {
        assertThat(apply("SET a = n + :v", values(":v", n("1")))).isEqualTo(expected("a", n("6")));
        assertThat(apply("SET a = n - :v", values(":v", n("7.5")))).isEqualTo(expected("a", n("-2.5")));
        assertThat(apply("SET n = n - :v", values(":v", n("5")))).isEqualTo(expected("n", n("0")));
        assertThat(apply("SET n = n + n", values())).isEqualTo(expected("n", n("10")));
        assertThat(apply("SET a = :x + :y", values(":x", n("0.1"), ":y", n("0.2")))).isEqualTo(expected("a", n("0.3")));
        assertThat(apply("SET a = (:x) + (:y)", values(":x", n("1"), ":y", n("2")))).isEqualTo(expected("a", n("3")));
        assertThat(apply("SET a = (:x + :y)", values(":x", n("1"), ":y", n("2")))).isEqualTo(expected("a", n("3")));
        assertThat(apply("SET a = :x-:y", values(":x", n("1"), ":y", n("2")))).isEqualTo(expected("a", n("-1")));
    }

    @Test
    void addToOneBelowTheLargestLongGivesTheLargestLongAndMoreWithoutOverflow() {
        Map<String, Value> counter = item("c", n("9223372036854775806"));
        assertThat(apply("ADD c :one", values(":one", n("1")), counter)).isEqualTo(item("c", n("9223372036854775807")));
        assertThat(apply("ADD c :two", values(":two", n("2")), counter)).isEqualTo(item("c", n("9223372036854775808")));
        assertThat(apply("SET c = c + :v", values(":v", n("9223372036854775807")), counter))
                .isEqualTo(item("c", n("18446744073709551613")));
        assertThat(apply("ADD n :v", values(":v", n("9223372036854775802")))).isEqualTo(
                expected("n", n("9223372036854775807")));
    }

    @Test
    void numbersKeep38Digits() {
        Map<String, Value> nineteen = item("c", n("1234567890123456789"));
        assertThat(apply("ADD c :v", values(":v", n("1000000000000000000")), nineteen))
                .isEqualTo(item("c", n("2234567890123456789")));
        Map<String, Value> digits38 = item("c", n("12345678901234567890123456789012345678"));
        assertThat(apply("ADD c :v", values(":v", n("1")), digits38))
                .isEqualTo(item("c", n("12345678901234567890123456789012345679")));
        assertThat(apply("SET c = c - :v", values(":v", n("0.00000000000000000000000000000000000001")),
                item("c", n("0.1")))).isEqualTo(item("c", n("0.09999999999999999999999999999999999999")));
        assertThat(apply("SET a = :x + :y", values(":x", n("99999999999999999999999999999999999999"),
                ":y", n("1")), Map.of())).isEqualTo(item("a", n("1E+38")));
    }

    @Test
    void aResultOf39DigitsIsRejected() {
        Map<String, Value> digits38 = item("c", n("99999999999999999999999999999999999999"));
        assertValidation(() -> apply("ADD c :v", values(":v", n("5")), digits38),
                "DynamoDB only supports precision up to 38 digits");
        assertValidation(() -> apply("SET c = c + :v", values(":v", n("0.1")), digits38),
                "DynamoDB only supports precision up to 38 digits");
        assertValidation(() -> apply("SET a = :x + :y", values(":x", n("1E-130"), ":y", n("1")), Map.of()),
                "DynamoDB only supports precision up to 38 digits");
        assertValidation(() -> apply("SET c = :x - :y", values(":x", n("1.1E-129"), ":y", n("1.09E-129")), digits38),
                "Number underflow. Attempting to store a number with magnitude smaller than supported range");
        assertValidation(() -> apply("SET c = :x + :y", values(":x", n("9E+125"), ":y", n("1E+125")), digits38),
                "Number overflow. Attempting to store a number with magnitude larger than supported range");
    }

    @Test
    void addToNumbers() {
        assertThat(apply("ADD absent :v", values(":v", n("1")))).isEqualTo(expected("absent", n("1")));
        assertThat(apply("ADD n :v", values(":v", n("-5")))).isEqualTo(expected("n", n("0")));
        assertThat(apply("ADD m.k :v", values(":v", n("1"))))
                .isEqualTo(expected("m", m("k", n("2"), "deep", m("q", n("1")))));
        assertThat(apply("ADD m.j :v", values(":v", n("1"))))
                .isEqualTo(expected("m", m("k", n("1"), "deep", m("q", n("1")), "j", n("1"))));
        assertThat(apply("ADD l[0] :v", values(":v", n("1")))).isEqualTo(expected("l", l(n("2"), n("2"), n("3"))));
        assertThat(apply("ADD l[7] :v", values(":v", n("1"))))
                .isEqualTo(expected("l", l(n("1"), n("2"), n("3"), n("1"))));
        assertThat(apply("ADD a :v, b :v", values(":v", n("1")))).isEqualTo(expected("a", n("1"), "b", n("1")));
    }

    @Test
    void addToSetsIsAUnion() {
        assertThat(apply("ADD ss :v", values(":v", ss("c", "a")))).isEqualTo(expected("ss", ss("a", "b", "c")));
        assertThat(apply("ADD ns :v", values(":v", ns("1.0", "3")))).isEqualTo(expected("ns", ns("1", "2", "3")));
        assertThat(apply("ADD bs :v", values(":v", bs(2)))).isEqualTo(expected("bs", bs(1, 2)));
        assertThat(apply("ADD absent :v", values(":v", ss("c")))).isEqualTo(expected("absent", ss("c")));
    }

    @Test
    void deleteRemovesElementsAndTheAttributeWhenNoneIsLeft() {
        assertThat(apply("DELETE ss :v", values(":v", ss("a")))).isEqualTo(expected("ss", ss("b")));
        assertThat(apply("DELETE ss :v", values(":v", ss("z")))).isEqualTo(expected());
        assertThat(apply("DELETE ns :v", values(":v", ns("2.00")))).isEqualTo(expected("ns", ns("1")));
        assertThat(apply("DELETE ss :v", values(":v", ss("a", "b")))).isEqualTo(expected("ss", null));
        assertThat(apply("DELETE bs :v", values(":v", bs(1)))).isEqualTo(expected("bs", null));
        assertThat(apply("DELETE absent :v", values(":v", ss("z")))).isEqualTo(expected());
    }

    @Test
    void removeDeletesAttributesMapEntriesAndListElements() {
        assertThat(apply("REMOVE n, s", values())).isEqualTo(expected("n", null, "s", null));
        assertThat(apply("REMOVE absent", values())).isEqualTo(expected());
        assertThat(apply("REMOVE m.k", values())).isEqualTo(expected("m", m("deep", m("q", n("1")))));
        assertThat(apply("REMOVE m.absent", values())).isEqualTo(expected());
        assertThat(apply("REMOVE l[9]", values())).isEqualTo(expected());
        assertThat(apply("REMOVE l[1], l[0]", values())).isEqualTo(expected("l", l(n("3"))));
        assertThat(apply("REMOVE l[0], l[2], l[1]", values())).isEqualTo(expected("l", l()));
    }

    @Test
    void listIndexesReferToTheListAsItWasBeforeTheUpdate() {
        assertThat(apply("REMOVE l[0] SET l[1] = :x", values(":x", n("9"))))
                .isEqualTo(expected("l", l(n("9"), n("3"))));
        assertThat(apply("SET l[5] = :x REMOVE l[0]", values(":x", n("9"))))
                .isEqualTo(expected("l", l(n("2"), n("3"), n("9"))));
        assertThat(apply("REMOVE l[0] ADD l[1] :x", values(":x", n("9"))))
                .isEqualTo(expected("l", l(n("11"), n("3"))));
    }

    @Test
    void everyOperandReadsTheItemAsItWasBeforeTheUpdate() {
        Map<String, Value> item = item("v", n("5"));
        ExpressionContext context = new ExpressionContext(names("#v", "v", "#b", "b"), values(":d", n("1")));
        assertThat(Update.parse("ADD #v :d SET #b = #v", context).apply(item))
                .isEqualTo(item("v", n("6"), "b", n("5")));
        assertThat(apply("SET b = v ADD v :d", values(":d", n("1")), item)).isEqualTo(item("v", n("6"), "b", n("5")));
        assertThat(apply("SET v = :x, b = v", values(":x", n("9")), item)).isEqualTo(item("v", n("9"), "b", n("5")));
        assertThat(apply("SET a = b, b = a", values(), item("a", n("1"), "b", n("2"))))
                .isEqualTo(item("a", n("2"), "b", n("1")));
        assertThat(apply("SET b = l REMOVE l[0]", values()))
                .isEqualTo(expected("b", l(n("1"), n("2"), n("3")), "l", l(n("2"), n("3"))));
        assertThat(apply("SET m.k = m.k + :x, m.j = m.k", values(":x", n("1"))))
                .isEqualTo(expected("m", m("k", n("2"), "deep", m("q", n("1")), "j", n("1"))));
    }

    @Test
    void ifNotExists() {
        assertThat(apply("SET a = if_not_exists(n, :v)", values(":v", n("9")))).isEqualTo(expected("a", n("5")));
        assertThat(apply("SET a = if_not_exists(absent, :v)", values(":v", n("9"))))
                .isEqualTo(expected("a", n("9")));
        assertThat(apply("SET n = if_not_exists(n, :v) + :v", values(":v", n("9"))))
                .isEqualTo(expected("n", n("14")));
        assertThat(apply("SET c = if_not_exists(c, :zero) + :one", values(":zero", n("0"), ":one", n("1")), Map.of()))
                .isEqualTo(item("c", n("1")));
        assertThat(apply("SET a = if_not_exists(n.x, :v)", values(":v", n("9")))).isEqualTo(expected("a", n("9")));
        assertThat(apply("SET a = if_not_exists(absent, l[0])", values())).isEqualTo(expected("a", n("1")));
        assertThat(apply("SET a = if_not_exists(a, if_not_exists(b, :v))", values(":v", n("9"))))
                .isEqualTo(expected("a", n("9")));
    }

    @Test
    void listAppend() {
        assertThat(apply("SET a = list_append(l, :v)", values(":v", l(n("9")))))
                .isEqualTo(expected("a", l(n("1"), n("2"), n("3"), n("9"))));
        assertThat(apply("SET l = list_append(:v, l)", values(":v", l(n("9")))))
                .isEqualTo(expected("l", l(n("9"), n("1"), n("2"), n("3"))));
        assertThat(apply("SET a = list_append(l, l)", values()))
                .isEqualTo(expected("a", l(n("1"), n("2"), n("3"), n("1"), n("2"), n("3"))));
        assertThat(apply("SET a = list_append(if_not_exists(a, :e), :v)", values(":e", l(), ":v", l(n("9")))))
                .isEqualTo(expected("a", l(n("9"))));
    }

    @Test
    void allFourClausesInAnyOrder() {
        Map<String, Value> values = values(":v", n("9"), ":x", ss("a"), ":one", n("1"));
        Map<String, Value> result = expected("a", n("9"), "s", null, "n", n("6"), "ss", ss("b"));
        assertThat(apply("SET a = :v REMOVE s ADD n :one DELETE ss :x", values)).isEqualTo(result);
        assertThat(apply("DELETE ss :x ADD n :one REMOVE s SET a = :v", values)).isEqualTo(result);
        assertThat(apply("remove s\nset a = :v\tadd n :one delete ss :x", values)).isEqualTo(result);
    }

    @Test
    void theItemGivenIsNotChanged() {
        Map<String, Value> item = base();
        Map<String, Value> copy = new HashMap<>(item);
        Map<String, Value> result = apply("SET m.k = :v REMOVE l[0], s ADD n :v", values(":v", n("9")), item);
        assertThat(item).isEqualTo(copy);
        assertThat(result).isNotEqualTo(item);
        assertThat(apply("REMOVE absent", values(), item)).isEqualTo(item).isNotSameAs(item);
    }

    @Test
    void topLevelAttributesAreThoseTheActionsTouch() {
        ExpressionContext context = new ExpressionContext(names("#v", "version"), values(":v", n("1"), ":s", ss("x")));
        Update update = Update.parse("SET a.b[0] = :v, #v = :v REMOVE c[1] ADD d :v DELETE e.f :s", context);
        assertThat(update.topLevelAttributes()).containsExactly("a", "version", "c", "d", "e");
    }

    @Test
    void functionNamesMayBeAttributeNames() {
        assertThat(apply("SET size = :v, if_not_exists = :v", values(":v", n("1")), Map.of()))
                .isEqualTo(item("size", n("1"), "if_not_exists", n("1")));
        assertThat(apply("SET a = size + :v", values(":v", n("1")), item("size", n("2"))))
                .isEqualTo(item("size", n("2"), "a", n("3")));
    }

    @Test
    void aBooleanIsStoredAsGiven() {
        assertThat(apply("SET t = :t", values(":t", bool(false)))).isEqualTo(expected("t", bool(false)));
    }
}
