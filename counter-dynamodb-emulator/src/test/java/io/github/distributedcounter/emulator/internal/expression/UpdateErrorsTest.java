package io.github.distributedcounter.emulator.internal.expression;

import static io.github.distributedcounter.emulator.internal.expression.Values.assertValidation;
import static io.github.distributedcounter.emulator.internal.expression.Values.b;
import static io.github.distributedcounter.emulator.internal.expression.Values.bool;
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

import java.util.Collections;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.distributedcounter.emulator.internal.Value;

/**
 * The ValidationExceptions of update expressions, worded as DynamoDB words them, following
 * <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html">
 * Using update expressions in DynamoDB</a> and its
 * <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html#limits-expression-parameters">
 * expression limits</a>: those found when parsing, with the prefix "Invalid UpdateExpression: ", and those found
 * when applying the update to an item, without it.
 */
class UpdateErrorsTest {

    private static final Map<String, Value> VALUES = values(":v", n("1"), ":s", s("x"), ":l", l(), ":m", m(),
            ":t", bool(true), ":null", nul(), ":b", b(1), ":ss", ss("a"), ":ns", ns("1"));

    private static final Map<String, Value> ITEM = item("n", n("5"), "s", s("abc"), "l", l(n("1"), n("2")),
            "m", m("k", n("1")), "ss", ss("a", "b"), "t", bool(true));

    private static Update parse(String expression) {
        return Update.parse(expression, new ExpressionContext(names("#n", "n", "#o", "n"), VALUES));
    }

    private static void assertInvalid(String expression, String detail) {
        assertValidation(() -> parse(expression), "Invalid UpdateExpression: " + detail);
    }

    private static void assertFailsOnItem(String expression, String message) {
        Update update = parse(expression);
        assertValidation(() -> update.apply(ITEM), message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "SET | <EOF> | SET",
        "SET a | <EOF> | a",
        "SET a = | <EOF> | =",
        "'SET a = ' | <EOF> | '= '",
        "'SET a = :v,' | <EOF> | ','",
        "SET a = :v b = :v | b | :v b =",
        "SET a == :v | = | == :v",
        "SET a = :v REMOVE | <EOF> | REMOVE",
        "FOO a = :v | FOO | FOO a",
        "'  FOO a = :v' | FOO | '  FOO a'",
        "SET a[1 = :v | = | 1 = :v",
        "SET a[x] = :v | x | [x]",
        "'SET a = :v + ' | <EOF> | '+ '",
        "SET a = :v + :v + :v | + | :v + :v",
        "SET a = :v - - :v | - | - - :v",
        "SET a = :v $ | $ | :v $",
        "SET a$b = :v | $ | a$b",
        "SET a = 1 | 1 | = 1",
        "SET a = \"x\" | \" | = \"x",
        "'SET a = :v   ,  b  =  :v  junk' | junk | ':v  junk'",
        "SET 1a = :v | 1 | SET 1a",
        "SET _a = :v | _ | SET _a",
        "SET a-b = :v | - | a-b",
        "ADD a = :v | = | a = :v",
        "ADD a b | b | a b",
        "DELETE a | <EOF> | a",
        "'SET a = :v, REMOVE b' | REMOVE | ', REMOVE b'",
        "SET a[1.5] = :v | . | 1.5",
        "SET a[-1] = :v | - | [-1",
        "SET a[01] = :v | 1 | 01]",
        "SET and = :v | and | SET and =",
        "SET set = :v | set | SET set =",
        "SET a = :v   :w | :w | :v   :w",
        "SET a = :v #n | #n | :v #n",
        "SET a = :v<= | <= | :v<=",
        "'SET a = list_append(:v + :v, :v)' | + | :v + :v",
        "'   ' | <EOF> | '   '"})
    void syntaxErrorsNameTheTokenAndTheTextAroundIt(String expression, String token, String near) {
        assertInvalid(expression, "Syntax error; token: \"" + token + "\", near: \"" + near + "\"");
    }

    @Test
    void emptyExpression() {
        assertInvalid("", "The expression can not be empty;");
    }

    @Test
    void expressionOf4096CharactersIsAcceptedAnd4097Rejected() {
        String atLimit = "SET a = :v" + " ".repeat(4096 - 10);
        assertThat(parse(atLimit).apply(Map.of())).isEqualTo(item("a", n("1")));
        assertInvalid(atLimit + " ", "Expression size has exceeded the maximum allowed size;");
        assertInvalid(atLimit + "junk", "Expression size has exceeded the maximum allowed size;");
    }

    @Test
    void eachClauseAtMostOnce() {
        assertInvalid("SET a = :v SET b = :v", "The \"SET\" section can only be used once in an update expression;");
        assertInvalid("SET a = :v REMOVE b SET c = :v",
                "The \"SET\" section can only be used once in an update expression;");
        assertInvalid("remove a remove b", "The \"REMOVE\" section can only be used once in an update expression;");
        assertInvalid("ADD a :v ADD b :v", "The \"ADD\" section can only be used once in an update expression;");
        assertInvalid("DELETE a :ss DELETE b :ss",
                "The \"DELETE\" section can only be used once in an update expression;");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "SET a = :v, a = :v | overlap | [a] | [a]",
        "REMOVE a, a | overlap | [a] | [a]",
        "SET a = :v ADD a :v | overlap | [a] | [a]",
        "REMOVE ss DELETE ss :ss | overlap | [ss] | [ss]",
        "SET a = :v, a.b = :v | overlap | [a] | [a, b]",
        "SET a.b = :v, a = :v | overlap | [a, b] | [a]",
        "SET m.x = :v REMOVE m | overlap | [m, x] | [m]",
        "SET l[0] = :v REMOVE l[0] | overlap | [l, [0]] | [l, [0]]",
        "SET #n = :v, #o = :v | overlap | [n] | [n]",
        "SET #n = :v, n = :v | overlap | [n] | [n]",
        "SET a[0] = :v, a.b = :v | conflict | [a, [0]] | [a, b]",
        "SET a.b = :v, a[0] = :v | conflict | [a, b] | [a, [0]]",
        "SET a = :v, a = :v, b = :v, b = :v | overlap | [b] | [b]"})
    void twoActionsOnOverlappingPaths(String expression, String relation, String one, String two) {
        assertInvalid(expression, "Two document paths " + relation + " with each other; must remove or rewrite one "
                + "of these paths; path one: " + one + ", path two: " + two);
    }

    @Test
    void actionsOnDifferentElementsOfOneListOrMapAreFine() {
        assertThat(parse("SET l[0] = :v, l[1] = :v, m.a = :v, m.b = :v").apply(ITEM))
                .containsEntry("l", l(n("1"), n("1"))).containsEntry("m", m("k", n("1"), "a", n("1"), "b", n("1")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "SET year = :v | year",
        "SET Year = :v | Year",
        "SET a.year = :v | year",
        "SET a = year | year",
        "REMOVE a, status | status",
        "ADD counter :v | counter",
        "SET a = :v, b = if_not_exists(value, :v) | value",
        "SET year = foo(:v) | year",
        "SET a = :v SET year = :v | year",
        "SET a = :v, year = :v, a = :v | year",
        "SET a = list_append(:v, :v, :v), year = :v | year"})
    void reservedWordsAsAttributeNames(String expression, String word) {
        assertInvalid(expression, "Attribute name is a reserved keyword; reserved keyword: " + word);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "SET a = foo(:v) | Invalid function name; function: foo",
        "SET a = IF_NOT_EXISTS(a, :v) | Invalid function name; function: IF_NOT_EXISTS",
        "SET a = foo(:v), a = :v | Invalid function name; function: foo",
        "SET a = foo(:u) | Invalid function name; function: foo",
        "SET a = size(b) | The function is not allowed in an update expression; function: size",
        "SET a = attribute_exists(b) | The function is not allowed in an update expression; function: attribute_exists",
        "SET a = begins_with(b, :s) | The function is not allowed in an update expression; function: begins_with",
        "SET a = size(:v), year = :v | The function is not allowed in an update expression; function: size",
        "SET a = :v + list_append(:l, :l) | The function is not allowed to be used this way in an expression; "
                + "function: list_append",
        "SET a = list_append(list_append(:l, :l), :l) | The function is not allowed to be used this way in an "
                + "expression; function: list_append",
        "SET a = if_not_exists(a, list_append(:l, :l)) | The function is not allowed to be used this way in an "
                + "expression; function: list_append"})
    void unknownAndMisplacedFunctions(String expression, String detail) {
        assertInvalid(expression, detail);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "SET a = list_append(:l) | Incorrect number of operands for operator or function; operator or function: "
                + "list_append, number of operands: 1",
        "SET a = if_not_exists(a, :v, :v) | Incorrect number of operands for operator or function; operator or "
                + "function: if_not_exists, number of operands: 3",
        "SET a = if_not_exists(:v, :v) | Operator or function requires a document path; operator or function: "
                + "if_not_exists",
        "SET a = list_append(l, :v) | Incorrect operand type for operator or function; operator or function: "
                + "list_append, operand type: N",
        "SET a = list_append(:ss, l) | Incorrect operand type for operator or function; operator or function: "
                + "list_append, operand type: SS",
        "SET a = :s + :v | Incorrect operand type for operator or function; operator or function: +, operand type: S",
        "SET a = :v - :s | Incorrect operand type for operator or function; operator or function: -, operand type: S",
        "SET a = :v + :ss | Incorrect operand type for operator or function; operator or function: +, operand type: SS",
        "SET a = :v + :l | Incorrect operand type for operator or function; operator or function: +, operand type: L",
        "SET a = if_not_exists(a, :v) + :s | Incorrect operand type for operator or function; operator or "
                + "function: +, operand type: S",
        "ADD n :s | Incorrect operand type for operator or function; operator: ADD, operand type: STRING, "
                + "typeSet: ALLOWED_FOR_ADD_OPERAND",
        "ADD n :l | Incorrect operand type for operator or function; operator: ADD, operand type: LIST, "
                + "typeSet: ALLOWED_FOR_ADD_OPERAND",
        "ADD n :m | Incorrect operand type for operator or function; operator: ADD, operand type: MAP, "
                + "typeSet: ALLOWED_FOR_ADD_OPERAND",
        "ADD n :t | Incorrect operand type for operator or function; operator: ADD, operand type: BOOLEAN, "
                + "typeSet: ALLOWED_FOR_ADD_OPERAND",
        "ADD n :null | Incorrect operand type for operator or function; operator: ADD, operand type: NULL, "
                + "typeSet: ALLOWED_FOR_ADD_OPERAND",
        "ADD n :b | Incorrect operand type for operator or function; operator: ADD, operand type: BINARY, "
                + "typeSet: ALLOWED_FOR_ADD_OPERAND",
        "DELETE ss :v | Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER, "
                + "typeSet: ALLOWED_FOR_DELETE_OPERAND",
        "DELETE ss :s | Incorrect operand type for operator or function; operator: DELETE, operand type: STRING, "
                + "typeSet: ALLOWED_FOR_DELETE_OPERAND",
        "DELETE ss :l | Incorrect operand type for operator or function; operator: DELETE, operand type: LIST, "
                + "typeSet: ALLOWED_FOR_DELETE_OPERAND"})
    void operandsOfTheWrongKindOrType(String expression, String detail) {
        assertInvalid(expression, detail);
    }

    @Test
    void ofSeveralOperandMistakesTheLastIsReported() {
        assertInvalid("SET a = list_append(:v, :v), b = :v - :s", "Incorrect operand type for operator or function; "
                + "operator or function: -, operand type: S");
        assertInvalid("SET b = :v - :s, a = list_append(:v, :v)", "Incorrect operand type for operator or function; "
                + "operator or function: list_append, operand type: N");
        assertInvalid("SET b = :v + :s ADD a :s", "Incorrect operand type for operator or function; operator: ADD, "
                + "operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND");
        assertInvalid("SET a = :u, b = :w", "An expression attribute value used in expression is not defined; "
                + "attribute value: :w");
        assertInvalid("SET #x = :v, #y = :v", "An expression attribute name used in the document path is not "
                + "defined; attribute name: #y");
    }

    @Test
    void mistakesAreReportedInDynamoDbsOrder() {
        assertInvalid("SET #x = :u", "An expression attribute name used in the document path is not defined; "
                + "attribute name: #x");
        assertInvalid("SET a = :u, #x = :v", "An expression attribute name used in the document path is not "
                + "defined; attribute name: #x");
        assertInvalid("SET a = :u, a = :v", "Two document paths overlap with each other; must remove or rewrite one "
                + "of these paths; path one: [a], path two: [a]");
        assertInvalid("SET a = :v, b = :v SET c = :u",
                "The \"SET\" section can only be used once in an update expression;");
        assertInvalid("SET a = :v REMOVE a SET b = :v",
                "The \"SET\" section can only be used once in an update expression;");
        assertInvalid("SET a = list_append(:u)", "An expression attribute value used in expression is not defined; "
                + "attribute value: :u");
        assertInvalid("ADD a :s, #x :v", "An expression attribute name used in the document path is not defined; "
                + "attribute name: #x");
        assertInvalid("SET #x = :v, #x = :v", "An expression attribute name used in the document path is not "
                + "defined; attribute name: #x");
    }

    @Test
    void listIndexesUpToTheLargestInt() {
        assertThat(parse("SET l[2147483647] = :v").apply(ITEM)).containsEntry("l", l(n("1"), n("2"), n("1")));
        assertInvalid("SET a[2147483648] = :v", "List index is not within the allowable range; index: [2147483648]");
        assertInvalid("SET a[99999999999] = :v, year = :v",
                "List index is not within the allowable range; index: [99999999999]");
        assertInvalid("SET year = :v REMOVE a[99999999999]",
                "Attribute name is a reserved keyword; reserved keyword: year");
        assertInvalid("SET a = :v, a[99999999999] = :v",
                "List index is not within the allowable range; index: [99999999999]");
        assertInvalid("SET a = :v SET b = :v, c[99999999999] = :v",
                "List index is not within the allowable range; index: [99999999999]");
    }

    @Test
    void documentPathsNestUpTo32Levels() {
        String levels32 = "m" + ".m".repeat(31);
        parse("SET " + levels32 + " = :v");
        assertInvalid("SET " + levels32 + ".m = :v", "The document path has too many nesting levels; nesting levels: 33");
        assertInvalid("SET a" + ".b".repeat(33) + " = :v, a = :v",
                "The document path has too many nesting levels; nesting levels: 34");
    }

    @Test
    void anUpdateHoldsUpTo300OperatorsAndFunctions() {
        String sums300 = IntStream.range(0, 300).mapToObj(i -> "a" + i + "=:v+:v").collect(Collectors.joining(","));
        assertThat(parse("SET " + sums300).apply(Map.of())).hasSize(300).containsEntry("a299", n("2"));
        assertInvalid("SET " + sums300 + ",b=:v-:v", "The expression contains too many operators; operator count: 301");
        String plain = IntStream.range(0, 301).mapToObj(i -> "a" + i + "=:v").collect(Collectors.joining(","));
        assertThat(parse("SET " + plain).apply(Map.of())).hasSize(301);
    }

    @Test
    void setOnANestedPathWhoseParentIsMissingOrNotAContainer() {
        String invalid = "The document path provided in the update expression is invalid for update";
        assertFailsOnItem("SET a.b.c = :v", invalid);
        assertFailsOnItem("SET m.absent.q = :v", invalid);
        assertFailsOnItem("SET s.x = :v", invalid);
        assertFailsOnItem("SET s[0] = :v", invalid);
        assertFailsOnItem("SET m[0] = :v", invalid);
        assertFailsOnItem("SET l.x = :v", invalid);
        assertFailsOnItem("SET absent[0] = :v", invalid);
        assertFailsOnItem("SET l[5].x = :v", invalid);
        assertFailsOnItem("ADD m.absent.x :v", invalid);
        assertFailsOnItem("DELETE m.absent.x :ss", invalid);
        assertFailsOnItem("REMOVE absent.x", invalid);
        assertFailsOnItem("REMOVE m.absent.x", invalid);
        assertFailsOnItem("REMOVE s[0]", invalid);
        assertValidation(() -> parse("SET a.b = :v").apply(Map.of()), invalid);
    }

    @Test
    void anOperandThatTheItemLacks() {
        String missing = "The provided expression refers to an attribute that does not exist in the item";
        assertFailsOnItem("SET a = absent", missing);
        assertFailsOnItem("SET a = m.absent", missing);
        assertFailsOnItem("SET a = l[9]", missing);
        assertFailsOnItem("SET a = absent + :v", missing);
        assertFailsOnItem("SET a = n + absent, b = absent", missing);
        assertFailsOnItem("SET a = list_append(absent, :l)", missing);
        assertFailsOnItem("SET a = if_not_exists(absent, absent2)", missing);
        assertFailsOnItem("SET a = if_not_exists(n, absent)", missing);
    }

    @Test
    void anOperandOfTheWrongTypeInTheItem() {
        String incorrect = "An operand in the update expression has an incorrect data type";
        assertFailsOnItem("SET a = s + :v", incorrect);
        assertFailsOnItem("SET a = :v - s", incorrect);
        assertFailsOnItem("SET a = if_not_exists(a, :s) + :v", incorrect);
        assertFailsOnItem("SET a = list_append(s, :l)", incorrect);
        assertFailsOnItem("ADD s :v", incorrect);
        assertFailsOnItem("ADD l :v", incorrect);
        assertFailsOnItem("ADD m :v", incorrect);
        assertFailsOnItem("ADD ss :ns", incorrect);
        assertFailsOnItem("ADD n :ss", incorrect);
        assertFailsOnItem("ADD t :v", incorrect);
        assertFailsOnItem("DELETE ss :ns", incorrect);
        assertFailsOnItem("DELETE n :ns", incorrect);
        assertFailsOnItem("DELETE l[0] :ss", incorrect);
    }

    @Test
    void anInvalidPathIsReportedBeforeAMissingOrMistypedOperand() {
        String invalid = "The document path provided in the update expression is invalid for update";
        assertFailsOnItem("SET a = absent REMOVE n.x", invalid);
        assertFailsOnItem("REMOVE n.x SET a = absent", invalid);
        assertFailsOnItem("ADD ss :ns SET m.q.r = :v", invalid);
    }

    @Test
    void undefinedNamesAndValues() {
        assertInvalid("SET #x = :v", "An expression attribute name used in the document path is not defined; "
                + "attribute name: #x");
        assertInvalid("SET a = :x", "An expression attribute value used in expression is not defined; "
                + "attribute value: :x");
        assertInvalid("REMOVE a.#x", "An expression attribute name used in the document path is not defined; "
                + "attribute name: #x");
        assertValidation(() -> Update.parse("SET a = :v", new ExpressionContext(null, null)),
                "Invalid UpdateExpression: An expression attribute value used in expression is not defined; "
                        + "attribute value: :v");
    }

    @Test
    void redundantParentheses() {
        assertInvalid("SET a = ((:v))", "The expression has redundant parentheses;");
        assertInvalid("SET a = ((:v + :v))", "The expression has redundant parentheses;");
        assertThat(parse("SET a = (:v)").apply(Map.of())).isEqualTo(item("a", n("1")));
    }

    @Test
    void inAnUpdateNothingIsValidatedAgainstTheItemUntilItIsApplied() {
        Update update = parse("SET a = s + :v");
        assertThat(update.apply(item("s", n("2")))).isEqualTo(item("s", n("2"), "a", n("3")));
        assertThat(update.topLevelAttributes()).containsExactly("a");
    }
}
