package io.github.distributedcounter.emulator.internal.expression;

import static io.github.distributedcounter.emulator.internal.expression.Values.assertValidation;
import static io.github.distributedcounter.emulator.internal.expression.Values.item;
import static io.github.distributedcounter.emulator.internal.expression.Values.l;
import static io.github.distributedcounter.emulator.internal.expression.Values.m;
import static io.github.distributedcounter.emulator.internal.expression.Values.n;
import static io.github.distributedcounter.emulator.internal.expression.Values.names;
import static io.github.distributedcounter.emulator.internal.expression.Values.s;
import static io.github.distributedcounter.emulator.internal.expression.Values.ss;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.distributedcounter.emulator.internal.Value;

/**
 * Projections, following
 * <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ProjectionExpressions.html">
 * Using projection expressions in DynamoDB</a>: top-level attributes, nested map entries and list elements
 * keep their structure, and DynamoDB's errors.
 */
class ProjectionTest {

    private static final Map<String, Value> ITEM = item("n", n("5"), "s", s("abc"), "ss", ss("a"),
            "l", l(n("0"), n("1"), l(n("20"), n("21")), m("a", n("1"), "b", n("2"))),
            "m", m("a", n("1"), "b", m("c", n("2"), "d", n("3")), "l", l(n("7"), n("8"))));

    private static Map<String, Value> project(String expression) {
        return Projection.parse(expression, new ExpressionContext(null, null)).apply(ITEM);
    }

    private static void assertInvalid(String expression, String detail) {
        assertValidation(() -> Projection.parse(expression, new ExpressionContext(names("#n", "n"), null)),
                "Invalid ProjectionExpression: " + detail);
    }

    @Test
    void topLevelAttributes() {
        assertThat(project("n")).isEqualTo(item("n", n("5")));
        assertThat(project("s, n")).isEqualTo(item("n", n("5"), "s", s("abc")));
        assertThat(project("absent")).isEmpty();
        assertThat(project("n,s , ss")).isEqualTo(item("n", n("5"), "s", s("abc"), "ss", ss("a")));
    }

    @Test
    void nestedMapEntriesKeepTheirPlace() {
        assertThat(project("m.b.c")).isEqualTo(item("m", m("b", m("c", n("2")))));
        assertThat(project("m.b.c, m.a")).isEqualTo(item("m", m("a", n("1"), "b", m("c", n("2")))));
        assertThat(project("m.l[1]")).isEqualTo(item("m", m("l", l(n("8")))));
        assertThat(project("m . a")).isEqualTo(item("m", m("a", n("1"))));
        assertThat(project("m.b.d, l[3].b, m.a"))
                .isEqualTo(item("l", l(m("b", n("2"))), "m", m("a", n("1"), "b", m("d", n("3")))));
    }

    @Test
    void listElementsAreKeptInIndexOrderWithoutGaps() {
        assertThat(project("l[1]")).isEqualTo(item("l", l(n("1"))));
        assertThat(project("l[1], l[0]")).isEqualTo(item("l", l(n("0"), n("1"))));
        assertThat(project("l[ 1 ]")).isEqualTo(item("l", l(n("1"))));
        assertThat(project("l[3].a")).isEqualTo(item("l", l(m("a", n("1")))));
        assertThat(project("l[2][1], l[0]")).isEqualTo(item("l", l(n("0"), l(n("21")))));
        assertThat(project("l[3].b, l[3].a, l[2][0]"))
                .isEqualTo(item("l", l(l(n("20")), m("a", n("1"), "b", n("2")))));
        assertThat(project("l[1], l[9]")).isEqualTo(item("l", l(n("1"))));
    }

    @Test
    void pathsThatTheItemLacksProjectNothing() {
        assertThat(project("l[9]")).isEmpty();
        assertThat(project("m.zz")).isEmpty();
        assertThat(project("s[0]")).isEmpty();
        assertThat(project("s.x")).isEmpty();
        assertThat(project("ss[0]")).isEmpty();
        assertThat(project("absent.x")).isEmpty();
        assertThat(project("m.a.b")).isEmpty();
        assertThat(project("l[3].zz")).isEmpty();
    }

    @Test
    void namesAreResolved() {
        ExpressionContext context = new ExpressionContext(names("#n", "n", "#y", "year"), null);
        Map<String, Value> item = item("n", n("1"), "year", n("2024"), "x", n("3"));
        assertThat(Projection.parse("#n, #y", context).apply(item)).isEqualTo(item("n", n("1"), "year", n("2024")));
        context.checkAllUsed();
    }

    @Test
    void theItemGivenIsNotChanged() {
        Map<String, Value> item = item("m", m("a", n("1"), "b", n("2")));
        Map<String, Value> projected = Projection.parse("m.a", new ExpressionContext(null, null)).apply(item);
        assertThat(projected).isEqualTo(item("m", m("a", n("1"))));
        assertThat(item).isEqualTo(item("m", m("a", n("1"), "b", n("2"))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "n, n | overlap | [n] | [n]",
        "m, m.a | overlap | [m] | [m, a]",
        "m.a, m | overlap | [m, a] | [m]",
        "l[0], l[0] | overlap | [l, [0]] | [l, [0]]",
        "l[0], l | overlap | [l, [0]] | [l]",
        "m.b, m.b.c | overlap | [m, b] | [m, b, c]",
        "#n, n | overlap | [n] | [n]",
        "l[1], l.x | conflict | [l, [1]] | [l, x]"})
    void overlappingPaths(String expression, String relation, String one, String two) {
        assertInvalid(expression, "Two document paths " + relation + " with each other; must remove or rewrite one "
                + "of these paths; path one: " + one + ", path two: " + two);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'n,' | <EOF> | ','",
        "',n' | ',' | ',n'",
        "n s | s | n s",
        "' ' | <EOF> | ' '",
        "size(n) | ( | size(n",
        "and | and | and",
        "'in, not' | in | 'in,'",
        "set | set | set",
        "n junk | junk | n junk"})
    void syntaxErrors(String expression, String token, String near) {
        assertInvalid(expression, "Syntax error; token: \"" + token + "\", near: \"" + near + "\"");
    }

    @Test
    void otherMistakes() {
        assertInvalid("", "The expression can not be empty;");
        assertInvalid("year", "Attribute name is a reserved keyword; reserved keyword: year");
        assertInvalid("#x", "An expression attribute name used in the document path is not defined; "
                + "attribute name: #x");
        assertInvalid("m" + ".m".repeat(32), "The document path has too many nesting levels; nesting levels: 33");
        assertInvalid("l[2147483648]", "List index is not within the allowable range; index: [2147483648]");
        assertThat(project("size, SIZE")).isEmpty();
    }

    @Test
    void expressionOf4096CharactersIsAcceptedAnd4097Rejected() {
        String atLimit = "n" + " ".repeat(4095);
        assertThat(project(atLimit)).isEqualTo(item("n", n("5")));
        assertInvalid(atLimit + " ", "Expression size has exceeded the maximum allowed size;");
    }
}
