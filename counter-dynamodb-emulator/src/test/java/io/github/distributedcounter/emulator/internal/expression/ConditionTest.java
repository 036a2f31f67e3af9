package io.github.distributedcounter.emulator.internal.expression;

import static io.github.distributedcounter.emulator.internal.expression.Values.b;
import static io.github.distributedcounter.emulator.internal.expression.Values.bool;
import static io.github.distributedcounter.emulator.internal.expression.Values.bs;
import static io.github.distributedcounter.emulator.internal.expression.Values.item;
import static io.github.distributedcounter.emulator.internal.expression.Values.l;
import static io.github.distributedcounter.emulator.internal.expression.Values.m;
import static io.github.distributedcounter.emulator.internal.expression.Values.n;
import static io.github.distributedcounter.emulator.internal.expression.Values.names;
import static io.github.distributedcounter.emulator.internal.expression.Values.ns;
import static io.github.distributedcounter.emulator.internal.expression.Values.nul;
import static io.github.distributedcounter.emulator.internal.expression.Values.s;
import static io.github.distributedcounter.emulator.internal.expression.Values.ss;
import static io.github.distributedcounter.emulator.internal.expression.Values.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.distributedcounter.emulator.internal.Value;

/**
 * How conditions evaluate, following
 * <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html">
 * Condition and filter expressions, operators, and functions in DynamoDB</a>: comparisons by type, missing
 * attributes, BETWEEN, IN, the logical operators and their precedence, and each function.
 */
class ConditionTest {

    private static final Map<String, Value> ITEM = item(
            "n", n("5"), "neg", n("-1"), "f", n("2.5"), "s", s("abc"), "u", s("é"), "e", s("emoji\uD83D\uDE00"),
            "bin", b(1, 2), "l", l(n("1"), s("x"), m("k", n("1")), l(n("2"))), "m", m("k", n("1"), "j", s("z")),
            "ss", ss("a", "b"), "ns", ns("1", "2"), "bs", bs(1, 2), "t", bool(true), "z", nul());

    private static boolean test(String expression, Map<String, Value> values) {
        return test(expression, values, ITEM);
    }

    private static boolean test(String expression, Map<String, Value> values, Map<String, Value> item) {
        ExpressionContext context = new ExpressionContext(null, values.isEmpty() ? null : values);
        boolean result = Condition.parse("ConditionExpression", expression, context).test(item);
        context.checkAllUsed();
        return result;
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        ":a < :b | -1 | 1 | true",
        ":a < :b | 2.5 | 10 | true",
        ":a <= :b | 9 | 10 | true",
        ":a > :b | 9 | 10 | false",
        ":a >= :b | 10 | 10.0 | true",
        ":a = :b | 10 | 10.00 | true",
        ":a <> :b | 10 | 10.00 | false",
        ":a < :b | 9223372036854775807 | 9223372036854775808 | true",
        ":a < :b | 12345678901234567890123456789012345678 | 12345678901234567890123456789012345679 | true",
        ":a > :b | 1E+125 | 99999999999999999999999999999999999999 | true",
        ":a < :b | -1E-130 | 1E-130 | true"})
    void comparesNumbersNumerically(String expression, String a, String b, boolean expected) {
        assertThat(test(expression, values(":a", n(a), ":b", n(b)))).isEqualTo(expected);
    }

    @Test
    void comparesStringsByTheirUtf8Bytes() {
        assertThat(test("s < :v", values(":v", s("abd")))).isTrue();
        assertThat(test("s < :v", values(":v", s("ABC")))).isFalse();
        assertThat(test("s < :v", values(":v", s("abcd")))).isTrue();
        assertThat(test("u > :v", values(":v", s("z")))).isTrue();
        // U+1F600 is F0 9F 98 80 in UTF-8, above U+FFFF's EF BF BF, though its UTF-16 D83D is below FFFF
        assertThat(test("e > :v", values(":v", s("emoji\uFFFF")))).isTrue();
    }

    @Test
    void comparesBinariesUnsigned() {
        assertThat(test("bin < :v", values(":v", b(0xFF)))).isTrue();
        assertThat(test("bin > :v", values(":v", b(1)))).isTrue();
        assertThat(test("bin = :v", values(":v", b(1, 2)))).isTrue();
    }

    @Test
    void valuesOfDifferentTypesAreNeverEqualNorOrdered() {
        assertThat(test("n = :v", values(":v", s("5")))).isFalse();
        assertThat(test("n <> :v", values(":v", s("5")))).isTrue();
        assertThat(test("n < :v", values(":v", s("5")))).isFalse();
        assertThat(test("n > :v", values(":v", s("5")))).isFalse();
        assertThat(test("n = :v", values(":v", nul()))).isFalse();
        assertThat(test("l < ss", values())).isFalse();
    }

    @Test
    void aMissingAttributeMakesComparisonsFalseButNotEqualTrue() {
        assertThat(test("absent = :v", values(":v", n("1")))).isFalse();
        assertThat(test("absent < :v", values(":v", n("1")))).isFalse();
        assertThat(test("absent >= :v", values(":v", n("1")))).isFalse();
        assertThat(test("absent <> :v", values(":v", n("1")))).isTrue();
        assertThat(test("NOT absent = :v", values(":v", n("1")))).isTrue();
        assertThat(test("absent <> absent2", values())).isTrue();
        assertThat(test("absent = absent2", values())).isFalse();
        assertThat(test("absent IN (:v)", values(":v", n("1")))).isFalse();
        assertThat(test("absent BETWEEN :a AND :b", values(":a", n("1"), ":b", n("9")))).isFalse();
        assertThat(test("n BETWEEN absent AND :b", values(":b", n("9")))).isFalse();
    }

    @Test
    void onAnItemThatDoesNotExistOnlyNegativeConditionsHold() {
        Map<String, Value> none = Map.of();
        assertThat(test("attribute_not_exists(pk)", values(), none)).isTrue();
        assertThat(test("attribute_exists(pk)", values(), none)).isFalse();
        assertThat(test("v <> :v", values(":v", n("1")), none)).isTrue();
        assertThat(test("v = :v", values(":v", n("1")), none)).isFalse();
    }

    @Test
    void setsAreEqualWhateverTheOrderOfTheirElements() {
        assertThat(test("ss = :v", values(":v", ss("b", "a")))).isTrue();
        assertThat(test("ns = :v", values(":v", ns("2.0", "1")))).isTrue();
        assertThat(test("bs = :v", values(":v", bs(2, 1)))).isTrue();
        assertThat(test("ss = :v", values(":v", ss("a")))).isFalse();
        assertThat(test("ss = :v", values(":v", ns("1", "2")))).isFalse();
    }

    @Test
    void listsAndMapsAreComparedForEqualityDeeply() {
        assertThat(test("l = :v", values(":v", l(n("1"), s("x"), m("k", n("1.0")), l(n("2")))))).isTrue();
        assertThat(test("l = :v", values(":v", l(s("x"), n("1"), m("k", n("1")), l(n("2")))))).isFalse();
        assertThat(test("m = :v", values(":v", m("j", s("z"), "k", n("1"))))).isTrue();
        assertThat(test("m <> :v", values(":v", m("k", n("1"))))).isTrue();
        assertThat(test("t = :v", values(":v", bool(true)))).isTrue();
        assertThat(test("z = :v", values(":v", nul()))).isTrue();
    }

    @Test
    void readsNestedDocumentPaths() {
        assertThat(test("m.k = :v", values(":v", n("1")))).isTrue();
        assertThat(test("l[2].k = :v", values(":v", n("1")))).isTrue();
        assertThat(test("l[3][0] = :v", values(":v", n("2")))).isTrue();
        assertThat(test("l [ 3 ] [ 0 ] = :v", values(":v", n("2")))).isTrue();
        assertThat(test("l[9] <> :v", values(":v", n("2")))).isTrue();
        assertThat(test("s[0] = :v", values(":v", s("a")))).isFalse();
        assertThat(test("m.k.x = :v", values(":v", n("1")))).isFalse();
        assertThat(test("s = m.j", values())).isFalse();
        assertThat(test("size(l) > size(m)", values())).isTrue();
    }

    @Test
    void resolvesExpressionAttributeNamesInEveryElementOfAPath() {
        Map<String, Value> item = item("a.b", m("year", l(n("7"))));
        ExpressionContext context = new ExpressionContext(names("#ab", "a.b", "#y", "year"), values(":v", n("7")));
        assertThat(Condition.parse("ConditionExpression", "#ab.#y[0] = :v", context).test(item)).isTrue();
        context.checkAllUsed();
    }

    @Test
    void between() {
        assertThat(test("n BETWEEN :a AND :b", values(":a", n("5"), ":b", n("5")))).isTrue();
        assertThat(test("n BETWEEN :a AND :b", values(":a", n("1"), ":b", n("4.99")))).isFalse();
        assertThat(test("n BETWEEN :a AND :b", values(":a", s("a"), ":b", s("b")))).isFalse();
        assertThat(test("s BETWEEN :a AND :b", values(":a", s("abc"), ":b", s("abd")))).isTrue();
        assertThat(test("bin BETWEEN :a AND :b", values(":a", b(1), ":b", b(2)))).isTrue();
        assertThat(test("n BETWEEN neg AND f", values())).isFalse();
        assertThat(test("f BETWEEN neg AND n", values())).isTrue();
        assertThat(test("n BETWEEN f AND neg", values())).isFalse();
        assertThat(test("n between :a and :b", values(":a", n("4"), ":b", n("6")))).isTrue();
    }

    @Test
    void in() {
        assertThat(test("n IN (:a, :b)", values(":a", n("1"), ":b", n("5.00")))).isTrue();
        assertThat(test("n IN (:a, :b)", values(":a", n("1"), ":b", s("5")))).isFalse();
        assertThat(test("n IN (:a)", values(":a", n("5")))).isTrue();
        assertThat(test("ss IN (:a)", values(":a", ss("b", "a")))).isTrue();
        assertThat(test("s in (:a,:b)", values(":a", s("x"), ":b", s("abc")))).isTrue();
        assertThat(test(":a IN (neg, n)", values(":a", n("5")))).isTrue();
    }

    @Test
    void andOrNot() {
        Map<String, Value> yes = values(":y", n("5"));
        assertThat(test("n = :y AND s = s2", yes)).isFalse();
        assertThat(test("n = :y OR s = s2", yes)).isTrue();
        assertThat(test("NOT n = :y", yes)).isFalse();
        assertThat(test("NOT NOT n = :y", yes)).isTrue();
        assertThat(test("NOT (n = :y)", yes)).isFalse();
        assertThat(test("not n = :y or n = :y", yes)).isTrue();
    }

    /** a and b true, c false: {@code a OR b AND c} is true, {@code (a OR b) AND c} is false. */
    @Test
    void andBindsTighterThanOrAndParenthesesComeFirst() {
        Map<String, Value> item = item("a", bool(true), "b", bool(true), "c", bool(false));
        Map<String, Value> yes = values(":t", bool(true));
        assertThat(test("a = :t OR b = :t AND c = :t", yes, item)).isTrue();
        assertThat(test("(a = :t OR b = :t) AND c = :t", yes, item)).isFalse();
        assertThat(test("c = :t AND a = :t OR b = :t", yes, item)).isTrue();
        assertThat(test("c = :t AND (a = :t OR b = :t)", yes, item)).isFalse();
    }

    @Test
    void notBindsTighterThanAndButLooserThanComparisons() {
        Map<String, Value> item = item("a", bool(true), "c", bool(false));
        Map<String, Value> yes = values(":t", bool(true));
        assertThat(test("NOT a = :t AND c = :t", yes, item)).isFalse();
        assertThat(test("NOT c = :t AND a = :t", yes, item)).isTrue();
        assertThat(test("NOT a = :t OR a = :t", yes, item)).isTrue();
        assertThat(test("NOT (c = :t OR a = :t)", yes, item)).isFalse();
    }

    @Test
    void parenthesesAroundOperands() {
        assertThat(test("(n) = :v", values(":v", n("5")))).isTrue();
        assertThat(test("n = (:v)", values(":v", n("5")))).isTrue();
        assertThat(test("(size(s)) = :v", values(":v", n("3")))).isTrue();
        assertThat(test("n BETWEEN (:a) AND (:b)", values(":a", n("1"), ":b", n("9")))).isTrue();
    }

    @Test
    void attributeExistsAndAttributeNotExists() {
        assertThat(test("attribute_exists(n)", values())).isTrue();
        assertThat(test("attribute_exists(z)", values())).isTrue();
        assertThat(test("attribute_exists(absent)", values())).isFalse();
        assertThat(test("attribute_exists(l[3][0])", values())).isTrue();
        assertThat(test("attribute_exists(l[4])", values())).isFalse();
        assertThat(test("attribute_not_exists(m.q)", values())).isTrue();
        assertThat(test("attribute_not_exists(s.q)", values())).isTrue();
        assertThat(test("attribute_not_exists (m.k)", values())).isFalse();
    }

    @ParameterizedTest(name = "attribute_type({0}, {1}) is {2}")
    @CsvSource({
        "s, S, true", "n, N, true", "bin, B, true", "ss, SS, true", "ns, NS, true", "bs, BS, true", "l, L, true",
        "m, M, true", "t, BOOL, true", "z, NULL, true", "n, S, false", "ss, L, false", "absent, S, false"})
    void attributeType(String path, String type, boolean expected) {
        assertThat(test("attribute_type(" + path + ", :t)", values(":t", s(type)))).isEqualTo(expected);
    }

    @Test
    void beginsWith() {
        assertThat(test("begins_with(s, :v)", values(":v", s("ab")))).isTrue();
        assertThat(test("begins_with(s, :v)", values(":v", s("")))).isTrue();
        assertThat(test("begins_with(s, :v)", values(":v", s("b")))).isFalse();
        assertThat(test("begins_with(s, :v)", values(":v", s("abcd")))).isFalse();
        assertThat(test("begins_with(bin, :v)", values(":v", b(1)))).isTrue();
        assertThat(test("begins_with(bin, :v)", values(":v", b(2)))).isFalse();
        assertThat(test("begins_with(s, :v)", values(":v", b(0x61)))).isFalse();
        assertThat(test("begins_with(n, :v)", values(":v", s("5")))).isFalse();
        assertThat(test("begins_with(absent, :v)", values(":v", s("a")))).isFalse();
        assertThat(test("begins_with(:v, s)", values(":v", s("abcdef")))).isTrue();
    }

    @Test
    void containsSubstringsSetElementsAndListElements() {
        assertThat(test("contains(s, :v)", values(":v", s("bc")))).isTrue();
        assertThat(test("contains(s, :v)", values(":v", s("ca")))).isFalse();
        assertThat(test("contains(s, :v)", values(":v", s("")))).isTrue();
        assertThat(test("contains(bin, :v)", values(":v", b(2)))).isTrue();
        assertThat(test("contains(ss, :v)", values(":v", s("a")))).isTrue();
        assertThat(test("contains(ss, :v)", values(":v", s("c")))).isFalse();
        assertThat(test("contains(ss, :v)", values(":v", n("1")))).isFalse();
        assertThat(test("contains(ns, :v)", values(":v", n("1.0")))).isTrue();
        assertThat(test("contains(bs, :v)", values(":v", b(1)))).isTrue();
        assertThat(test("contains(l, :v)", values(":v", n("1")))).isTrue();
        assertThat(test("contains(l, :v)", values(":v", m("k", n("1"))))).isTrue();
        assertThat(test("contains(l, :v)", values(":v", l(n("2"))))).isTrue();
        assertThat(test("contains(l, :v)", values(":v", s("y")))).isFalse();
        assertThat(test("contains(m, :v)", values(":v", s("k")))).isFalse();
        assertThat(test("contains(n, :v)", values(":v", n("5")))).isFalse();
        assertThat(test("contains(s, :v)", values(":v", ss("abc")))).isFalse();
        assertThat(test("contains(absent, :v)", values(":v", s("a")))).isFalse();
        assertThat(test("NOT contains(absent, :v)", values(":v", s("a")))).isTrue();
        assertThat(test("contains(:v, s)", values(":v", s("xabcx")))).isTrue();
    }

    @Test
    void sizeCountsCharactersBytesAndElements() {
        assertThat(test("size(s) = :v", values(":v", n("3")))).isTrue();
        assertThat(test("size(u) = :v", values(":v", n("1")))).isTrue();
        assertThat(test("size(e) = :v", values(":v", n("7")))).isTrue();
        assertThat(test("size(bin) = :v", values(":v", n("2")))).isTrue();
        assertThat(test("size(l) = :v", values(":v", n("4")))).isTrue();
        assertThat(test("size(m) = :v", values(":v", n("2")))).isTrue();
        assertThat(test("size(ss) = :v", values(":v", n("2")))).isTrue();
        assertThat(test("size(l[3]) = :v", values(":v", n("1")))).isTrue();
        assertThat(test("size(:w) = :v", values(":w", s("abcd"), ":v", n("4")))).isTrue();
        assertThat(test("size(s) BETWEEN :a AND :b", values(":a", n("1"), ":b", n("3")))).isTrue();
        assertThat(test("size(s) = :v", values(":v", s("3")))).isFalse();
    }

    @Test
    void sizeOfANumberABooleanOrAMissingAttributeIsNothing() {
        assertThat(test("size(n) = :v", values(":v", n("1")))).isFalse();
        assertThat(test("size(n) <> :v", values(":v", n("1")))).isTrue();
        assertThat(test("size(t) <> :v", values(":v", n("1")))).isTrue();
        assertThat(test("size(absent) = :v", values(":v", n("0")))).isFalse();
        assertThat(test("size(absent) <> :v", values(":v", n("0")))).isTrue();
    }

    @Test
    void functionNamesAreNotReservedAsAttributeNames() {
        Map<String, Value> item = item("size", n("3"), "contains", n("1"));
        assertThat(test("size = :v", values(":v", n("3")), item)).isTrue();
        assertThat(test("SIZE = :v", values(":v", n("3")), item)).isFalse();
        assertThat(test("contains = :v", values(":v", n("1")), item)).isTrue();
        assertThat(test("attribute_exists(size)", values(), item)).isTrue();
    }

    @Test
    void whitespaceBetweenTokensIsFree() {
        assertThat(test("\tn\r\n=\n:v  ", values(":v", n("5")))).isTrue();
        assertThat(test("n=:v", values(":v", n("5")))).isTrue();
        assertThat(test("m . k = :v", values(":v", n("1")))).isTrue();
    }
}
