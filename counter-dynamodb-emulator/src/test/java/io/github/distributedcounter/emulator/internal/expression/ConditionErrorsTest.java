package io.github.distributedcounter.emulator.internal.expression;

import static io.github.distributedcounter.emulator.internal.expression.Values.assertValidation;
import static io.github.distributedcounter.emulator.internal.expression.Values.b;
import static io.github.distributedcounter.emulator.internal.expression.Values.bool;
import static io.github.distributedcounter.emulator.internal.expression.Values.l;
import static io.github.distributedcounter.emulator.internal.expression.Values.m;
import static io.github.distributedcounter.emulator.internal.expression.Values.n;
import static io.github.distributedcounter.emulator.internal.expression.Values.names;
import static io.github.distributedcounter.emulator.internal.expression.Values.nul;
import static io.github.distributedcounter.emulator.internal.expression.Values.s;
import static io.github.distributedcounter.emulator.internal.expression.Values.ss;
import static io.github.distributedcounter.emulator.internal.expression.Values.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.distributedcounter.emulator.internal.Value;

/**
 * The ValidationExceptions of condition expressions, worded as DynamoDB words them, following
 * <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html">
 * Condition and filter expressions, operators, and functions in DynamoDB</a>, its
 * <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ReservedWords.html">reserved words</a>
 * and its <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html#limits-expression-parameters">
 * expression limits</a>. When an expression has several mistakes, DynamoDB reports one of them; these tests fix
 * which, as observed.
 */
class ConditionErrorsTest {

    private static final Map<String, Value> VALUES = values(":v", n("1"), ":w", n("2"), ":s", s("x"), ":t", bool(true),
            ":l", l(), ":m", m(), ":ss", ss("a"), ":null", nul(), ":b1", b(1), ":b2", b(2), ":type", s("N"));

    private static Condition parse(String expression) {
        return Condition.parse("ConditionExpression", expression, new ExpressionContext(names("#n", "n"), VALUES));
    }

    private static void assertInvalid(String expression, String detail) {
        assertValidation(() -> parse(expression), "Invalid ConditionExpression: " + detail);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "a = :v AND | <EOF> | AND",
        "a = :v AND AND | AND | AND AND",
        "a | <EOF> | a",
        "a = | <EOF> | =",
        "(a = :v | <EOF> | :v",
        "a = :v) | ) | :v)",
        "a = :v OR b | <EOF> | b",
        "NOT a | <EOF> | a",
        "a IN :v | :v | IN :v",
        "a IN () | ) | ()",
        "a BETWEEN :v | <EOF> | :v",
        "attribute_exists() | ) | ()",
        "a != :v | ! | a !=",
        "a = :v = :v | = | :v = :v",
        "a << :v | < | << :v",
        "a =< :v | < | =< :v",
        "a = :v NOT | NOT | :v NOT",
        "a NOT IN (:v) | NOT | a NOT IN",
        "BETWEEN | BETWEEN | BETWEEN",
        "a b | b | a b",
        "'  a = :v  junk' | junk | ':v  junk'",
        ":v | <EOF> | :v",
        "a[1] | <EOF> | ]",
        "a = :v, b = :v | , | ':v, b'",
        "and = :v | and | and =",
        "a = :v AND between = :v | between | AND between =",
        "not = :v | = | not = :v",
        "set = :v | set | set =",
        "a.1 = :v | 1 | .1 =",
        "a[0]x = :v | x | ]x =",
        "aé = :v | é | aé =",
        "_a = :v | _ | _a",
        "a = : | : | = :",
        "a = # | # | = #",
        "a = :v.x | . | :v.x",
        "a = :v:w | :w | :v:w",
        "a = #n#m | #m | #n#m",
        "a.[0] = :v | [ | .[0",
        "a[] = :v | ] | [] =",
        "a[0 1] = :v | 1 | 0 1]",
        "a[:v] = :v | :v | [:v]",
        "a[01] = :v | 1 | 01]",
        "a[-1] = :v | - | [-1",
        "'a   =   :v  )  ' | ) | ':v  )  '",
        "a = :v AND ( | <EOF> | (",
        "( | <EOF> | (",
        "'   ' | <EOF> | '   '"})
    void syntaxErrorsNameTheTokenAndTheTextAroundIt(String expression, String token, String near) {
        assertInvalid(expression, "Syntax error; token: \"" + token + "\", near: \"" + near + "\"");
    }

    @Test
    void aNonBreakingSpaceIsNotWhitespace() {
        assertInvalid("a = :v\u00A0", "Syntax error; token: \"\u00A0\", near: \":v\u00A0\"");
    }

    @Test
    void emptyExpression() {
        assertInvalid("", "The expression can not be empty;");
    }

    @Test
    void theParameterNameIsThePrefix() {
        assertValidation(() -> Condition.parse("FilterExpression", "a =", new ExpressionContext(null, null)),
                "Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
        assertValidation(() -> Condition.parse("KeyConditionExpression", "", new ExpressionContext(null, null)),
                "Invalid KeyConditionExpression: The expression can not be empty;");
    }

    @Test
    void expressionOf4096CharactersIsAcceptedAnd4097Rejected() {
        String atLimit = "a = :v" + " ".repeat(4096 - 6);
        assertThat(atLimit).hasSize(4096);
        assertThat(parse(atLimit).test(Map.of("a", n("1")))).isTrue();
        String pastLimit = atLimit + " ";
        assertInvalid(pastLimit, "Expression size has exceeded the maximum allowed size; expression size: 4097");
        assertInvalid("a = :v" + " ".repeat(5000) + "junk",
                "Expression size has exceeded the maximum allowed size; expression size: 5010");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "((a = :v))",
        "((a)) = :v",
        "a = ((:v))",
        "(((a = :v)))",
        "a = :v AND ((b = :v))",
        "year = :v AND ((b = :v))",
        "foo(a) AND ((b = :v))"})
    void redundantParentheses(String expression) {
        assertInvalid(expression, "The expression has redundant parentheses;");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "year = :v | year",
        "Year = :v | Year",
        "a.year = :v | year",
        "a.b[1].Comment = :v | Comment",
        "attribute_exists(status) | status",
        ":v IN (a, name) | name",
        "year = :v AND foo(a) | year",
        "year = :v AND size(a) | year",
        "year = :v AND a IN (:v) | year"})
    void reservedWordsAsAttributeNames(String expression, String word) {
        assertInvalid(expression, "Attribute name is a reserved keyword; reserved keyword: " + word);
    }

    @Test
    void aReservedWordIsFineThroughAnExpressionAttributeName() {
        ExpressionContext context = new ExpressionContext(names("#y", "year"), values(":v", n("2024")));
        assertThat(Condition.parse("ConditionExpression", "#y = :v", context).test(Map.of("year", n("2024"))))
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "foo(a) | Invalid function name; function: foo",
        "SIZE(a) = :v | Invalid function name; function: SIZE",
        "Attribute_Exists(a) | Invalid function name; function: Attribute_Exists",
        "foo(year) | Invalid function name; function: foo",
        "foo(#x) | Invalid function name; function: foo",
        "if_not_exists(a, :v) = :v | The function is not allowed in a condition expression; function: if_not_exists",
        "list_append(a, :l) = :l | The function is not allowed in a condition expression; function: list_append",
        "size(a) | The function is not allowed to be used this way in an expression; function: size",
        "NOT size(a) | The function is not allowed to be used this way in an expression; function: size",
        "(size(a)) | The function is not allowed to be used this way in an expression; function: size",
        "a = :v OR size(a) | The function is not allowed to be used this way in an expression; function: size",
        "attribute_exists(a) = :v | The function is not allowed to be used this way in an expression; "
                + "function: attribute_exists",
        ":v = attribute_exists(a) | The function is not allowed to be used this way in an expression; "
                + "function: attribute_exists",
        "attribute_exists(year) = :v | The function is not allowed to be used this way in an expression; "
                + "function: attribute_exists",
        "a IN (attribute_exists(b)) | The function is not allowed to be used this way in an expression; "
                + "function: attribute_exists",
        "a BETWEEN contains(b, :s) AND :v | The function is not allowed to be used this way in an expression; "
                + "function: contains",
        "begins_with(attribute_type(b, :type), :s) | The function is not allowed to be used this way in an "
                + "expression; function: attribute_type",
        "size(a) AND foo(a) | The function is not allowed to be used this way in an expression; function: size",
        "foo(a) AND size(a) | Invalid function name; function: foo"})
    void unknownAndMisplacedFunctions(String expression, String detail) {
        assertInvalid(expression, detail);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "attribute_not_exists(a, b) | attribute_not_exists, number of operands: 2",
        "attribute_exists(a, :v) | attribute_exists, number of operands: 2",
        "begins_with(a) | begins_with, number of operands: 1",
        "contains(a, :v, :v) | contains, number of operands: 3",
        "attribute_type(a, :type, :type) | attribute_type, number of operands: 3",
        "size(a, b) = :v | size, number of operands: 2"})
    void wrongNumberOfOperands(String expression, String detail) {
        assertInvalid(expression, "Incorrect number of operands for operator or function; operator or function: "
                + detail);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "attribute_exists(:v) | attribute_exists",
        "attribute_not_exists(:v) | attribute_not_exists",
        "attribute_exists(size(a)) | attribute_exists"})
    void functionsThatNeedADocumentPath(String expression, String function) {
        assertInvalid(expression, "Operator or function requires a document path; operator or function: " + function);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a = a | =, first operand: [a]",
        "a.b <> a.b | <>, first operand: [a, b]",
        "a[0] < a[0] | <, first operand: [a, [0]]",
        "#n >= n | >=, first operand: [n]",
        "a BETWEEN a AND :v | BETWEEN, first operand: [a]",
        "a BETWEEN :v AND a | BETWEEN, first operand: [a]",
        "a IN (:v, a) | IN, first operand: [a]",
        "contains(a, a) | contains, first operand: [a]",
        "begins_with(a, a) | begins_with, first operand: [a]"})
    void theFirstOperandMustDifferFromTheOthers(String expression, String detail) {
        assertInvalid(expression, "The first operand must be distinct from the remaining operands for this operator "
                + "or function; operator: " + detail);
    }

    @Test
    void twoValuesMayBeTheSame() {
        assertThat(parse(":v = :v").test(Map.of())).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a < :ss | <, operand type: SS",
        "a <= :l | <=, operand type: L",
        "a > :m | >, operand type: M",
        ":t >= a | >=, operand type: BOOL",
        "a < :null | <, operand type: NULL",
        "a BETWEEN :t AND :t | BETWEEN, operand type: BOOL",
        "a BETWEEN :l AND :l | BETWEEN, operand type: L",
        "a BETWEEN :ss AND :ss | BETWEEN, operand type: SS",
        "begins_with(a, :v) | begins_with, operand type: N",
        "begins_with(a, :ss) | begins_with, operand type: SS",
        "begins_with(:v, a) | begins_with, operand type: N",
        "begins_with(size(a), :s) | begins_with, operand type: N",
        "size(:v) = :v | size, operand type: N",
        "size(:t) = :v | size, operand type: BOOL",
        "size(:null) = :v | size, operand type: NULL",
        "size(size(a)) = :v | size, operand type: N",
        "attribute_type(a, :v) | attribute_type, operand type: N",
        "attribute_type(a, :ss) | attribute_type, operand type: SS",
        "attribute_type(a, b) | attribute_type, operand type: "
                + "{L,BS,FLOAT,DOUBLESET,HD,DOUBLE,INT,DECIMALSET,BOOL,M,SS,NULL,DICT,NS,HDS,FS,S,INTSET,DECIMAL,N,B}"})
    void operandsOfTheWrongType(String expression, String detail) {
        assertInvalid(expression, "Incorrect operand type for operator or function; operator or function: " + detail);
    }

    @Test
    void equalityAndInAcceptOperandsOfAnyType() {
        assertThat(parse("a = :l OR a <> :ss OR a IN (:m, :null, :t)").test(Map.of("a", m()))).isTrue();
    }

    @Test
    void attributeTypeNeedsAKnownTypeName() {
        ExpressionContext lower = new ExpressionContext(null, values(":t", s("s")));
        assertValidation(() -> Condition.parse("ConditionExpression", "attribute_type(a, :t)", lower),
                "Invalid ConditionExpression: Invalid attribute type name found; type: s, valid types: "
                        + "{N,BS,L,B,NULL,M,S,SS,NS,BOOL}");
        ExpressionContext word = new ExpressionContext(null, values(":t", s("STRING")));
        assertValidation(() -> Condition.parse("ConditionExpression", "attribute_type(a, :t)", word),
                "Invalid ConditionExpression: Invalid attribute type name found; type: STRING, valid types: "
                        + "{N,BS,L,B,NULL,M,S,SS,NS,BOOL}");
    }

    @Test
    void betweenBoundsGivenAsValuesMustBeOfOneTypeAndInOrder() {
        assertInvalid("a BETWEEN :v AND :s", "The BETWEEN operator requires same data type for lower and upper "
                + "bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:x}");
        assertInvalid("a BETWEEN :w AND :v", "The BETWEEN operator requires upper bound to be greater than or equal "
                + "to lower bound; lower bound operand: AttributeValue: {N:2}, upper bound operand: "
                + "AttributeValue: {N:1}");
        assertInvalid("a BETWEEN :b2 AND :b1", "The BETWEEN operator requires upper bound to be greater than or "
                + "equal to lower bound; lower bound operand: AttributeValue: {B:Ag==}, upper bound operand: "
                + "AttributeValue: {B:AQ==}");
        assertThat(parse("a BETWEEN :v AND :v").test(Map.of("a", n("1")))).isTrue();
    }

    @Test
    void undefinedNamesAndValues() {
        assertInvalid("#x = :v", "An expression attribute name used in the document path is not defined; "
                + "attribute name: #x");
        assertInvalid("a = :x", "An expression attribute value used in expression is not defined; "
                + "attribute value: :x");
        assertInvalid("a.#x = :v", "An expression attribute name used in the document path is not defined; "
                + "attribute name: #x");
        assertValidation(() -> Condition.parse("ConditionExpression", "#n = :v", new ExpressionContext(null, null)),
                "Invalid ConditionExpression: An expression attribute name used in the document path is not "
                        + "defined; attribute name: #n");
    }

    @Test
    void theFirstOperandMistakeInEvaluationOrderIsReported() {
        assertInvalid("#x = :u", "An expression attribute name used in the document path is not defined; "
                + "attribute name: #x");
        assertInvalid(":u = #x", "An expression attribute value used in expression is not defined; "
                + "attribute value: :u");
        assertInvalid("a = a AND b = :u", "The first operand must be distinct from the remaining operands for this "
                + "operator or function; operator: =, first operand: [a]");
        assertInvalid("b = :u AND a = a", "An expression attribute value used in expression is not defined; "
                + "attribute value: :u");
        assertInvalid("attribute_not_exists(:u, b)", "An expression attribute value used in expression is not "
                + "defined; attribute value: :u");
        assertInvalid("size(a) = :v AND attribute_exists(:v) AND :u = a", "Operator or function requires a document "
                + "path; operator or function: attribute_exists");
        assertInvalid("a BETWEEN :v AND :s AND b = :u", "The BETWEEN operator requires same data type for lower and "
                + "upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: "
                + "AttributeValue: {S:x}");
    }

    @Test
    void wordsComeBeforeOperandMistakes() {
        assertInvalid("a = a AND year = :v", "Attribute name is a reserved keyword; reserved keyword: year");
        assertInvalid("attribute_exists(a, b) AND year = :v",
                "Attribute name is a reserved keyword; reserved keyword: year");
        assertInvalid("year = :u", "Attribute name is a reserved keyword; reserved keyword: year");
    }

    @Test
    void listIndexesUpToTheLargestIntAreAllowed() {
        assertThat(parse("a[2147483647] = :v").test(Map.of())).isFalse();
        assertInvalid("a[2147483648] = :v", "List index is not within the allowable range; index: [2147483648]");
        assertInvalid("a.b[99999999999] = :v", "List index is not within the allowable range; index: [99999999999]");
        assertInvalid("year = :v AND a[99999999999] = :v", "Attribute name is a reserved keyword; reserved keyword: "
                + "year");
    }

    @Test
    void documentPathsNestUpTo32Levels() {
        String levels32 = "m" + ".m".repeat(31);
        assertThat(parse(levels32 + " = :v").test(Map.of())).isFalse();
        assertInvalid(levels32 + ".m = :v", "The document path has too many nesting levels; nesting levels: 33");
        assertInvalid("m" + "[0]".repeat(32) + " = :v",
                "The document path has too many nesting levels; nesting levels: 33");
    }

    @Test
    void inTakesUpTo100Operands() {
        String hundred = String.join(", ", Collections.nCopies(100, ":v"));
        assertThat(parse("a IN (" + hundred + ")").test(Map.of("a", n("1")))).isTrue();
        assertInvalid("a IN (" + hundred + ", :v)",
                "The IN operator is provided with too many operands; number of operands: 101");
    }

    @Test
    void anExpressionHoldsUpTo300OperatorsAndFunctions() {
        String comparisons150 = String.join(" AND ", Collections.nCopies(150, "a = :v"));
        assertThat(parse(comparisons150).test(Map.of("a", n("1")))).isTrue();
        assertThat(parse("NOT " + comparisons150).test(Map.of("a", n("1")))).isFalse();
        assertInvalid(comparisons150 + " AND a = :v",
                "The expression contains too many operators; operator count: 301");
        assertInvalid("NOT NOT " + comparisons150, "The expression contains too many operators; operator count: 301");
        String sizes100 = String.join(" AND ", Collections.nCopies(100, "size(a) = :v"));
        assertThat(parse(sizes100).test(Map.of("a", s("x")))).isTrue();
        assertInvalid(sizes100 + " AND size(a) = :v",
                "The expression contains too many operators; operator count: 301");
    }

    @Test
    void limitsAreReportedAfterWordsAndBeforeOperands() {
        String tooDeep = "a" + ".b".repeat(33);
        String tooMany = "a IN (" + String.join(",", Collections.nCopies(101, ":v")) + ")";
        assertInvalid(tooDeep + " = :v AND year = :v", "Attribute name is a reserved keyword; reserved keyword: year");
        assertInvalid(tooMany + " AND year = :v", "Attribute name is a reserved keyword; reserved keyword: year");
        assertInvalid(tooDeep + " = :v AND " + tooMany,
                "The document path has too many nesting levels; nesting levels: 34");
        assertInvalid(tooMany + " AND " + tooDeep + " = :v",
                "The IN operator is provided with too many operands; number of operands: 101");
        assertInvalid("a[99999999999] = :v AND " + tooMany,
                "List index is not within the allowable range; index: [99999999999]");
        assertInvalid(tooMany + " AND a = a", "The IN operator is provided with too many operands; number of "
                + "operands: 101");
    }
}
