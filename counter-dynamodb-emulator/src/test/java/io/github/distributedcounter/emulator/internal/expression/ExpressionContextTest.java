package io.github.distributedcounter.emulator.internal.expression;

import static io.github.distributedcounter.emulator.internal.expression.Values.assertValidation;
import static io.github.distributedcounter.emulator.internal.expression.Values.n;
import static io.github.distributedcounter.emulator.internal.expression.Values.names;
import static io.github.distributedcounter.emulator.internal.expression.Values.values;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * ExpressionAttributeNames and ExpressionAttributeValues, following
 * <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeNames.html">
 * Expression attribute names (aliases) in DynamoDB</a> and
 * <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeValues.html">
 * Using expression attribute values in DynamoDB</a>: every one given must be used by an expression of the
 * request, and DynamoDB checks their keys and names.
 */
class ExpressionContextTest {

    @Test
    void namesAndValuesUsedByAnyExpressionOfTheRequestCount() {
        ExpressionContext context = new ExpressionContext(names("#a", "a", "#b", "b"), values(":v", n("1"), ":w", n("2")));
        Update.parse("SET #a = :v", context);
        Condition.parse("ConditionExpression", "#b <> :w", context);
        assertThatCode(context::checkAllUsed).doesNotThrowAnyException();
    }

    @Test
    void unusedNamesAreReportedBeforeUnusedValuesAndInOrder() {
        ExpressionContext context = new ExpressionContext(names("#b", "x", "#a", "y"),
                values(":v", n("1"), ":w", n("2"), ":u", n("3")));
        Update.parse("SET a = :v", context);
        assertValidation(context::checkAllUsed,
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}");
        ExpressionContext names = new ExpressionContext(names("#a", "y"), values(":v", n("1"), ":w", n("2"), ":u", n("3")));
        Update.parse("SET #a = :v", names);
        assertValidation(names::checkAllUsed,
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {:u, :w}");
    }

    @Test
    void aProjectionUsesNamesToo() {
        ExpressionContext context = new ExpressionContext(names("#u", "n"), null);
        Projection.parse("n", context);
        assertValidation(context::checkAllUsed,
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {#u}");
    }

    @Test
    void anExplicitlyEmptyMapIsRejected() {
        assertValidation(() -> new ExpressionContext(Map.of(), null), "ExpressionAttributeNames must not be empty");
        assertValidation(() -> new ExpressionContext(null, Map.of()), "ExpressionAttributeValues must not be empty");
    }

    @Test
    void keysMustBeHashOrColonThenLettersDigitsOrUnderscores() {
        assertValidation(() -> new ExpressionContext(names("b", "x"), null),
                "ExpressionAttributeNames contains invalid key: Syntax error; key: \"b\"");
        assertValidation(() -> new ExpressionContext(names("#b-", "x"), null),
                "ExpressionAttributeNames contains invalid key: Syntax error; key: \"#b-\"");
        assertValidation(() -> new ExpressionContext(names("#", "x"), null),
                "ExpressionAttributeNames contains invalid key: Syntax error; key: \"#\"");
        assertValidation(() -> new ExpressionContext(null, values("v", n("1"))),
                "ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"");
        assertThatCode(() -> new ExpressionContext(names("#_", "x", "#1", "y"), values(":_", n("1"), ":1a", n("2"))))
                .doesNotThrowAnyException();
    }

    @Test
    void keysAreAtMost255Characters() {
        assertThatCode(() -> new ExpressionContext(names("#" + "a".repeat(254), "x"), values(":" + "a".repeat(254),
                n("1")))).doesNotThrowAnyException();
        assertValidation(() -> new ExpressionContext(names("#" + "a".repeat(255), "x"), null),
                "ExpressionAttributeNames contains invalid key: The expression attribute map contains a key that is "
                        + "too long; size of key: 256");
        assertValidation(() -> new ExpressionContext(null, values(":" + "a".repeat(255), n("1"))),
                "ExpressionAttributeValues contains invalid key: The expression attribute map contains a key that "
                        + "is too long;");
    }

    @Test
    void namesAreNotEmptyAndBelow64Kilobytes() {
        assertValidation(() -> new ExpressionContext(names("#a", ""), null),
                "ExpressionAttributeNames contains invalid value: Empty attribute name for key #a");
        assertThatCode(() -> new ExpressionContext(names("#a", "b".repeat(65535)), null)).doesNotThrowAnyException();
        assertValidation(() -> new ExpressionContext(names("#a", "b".repeat(65536)), null),
                "ExpressionAttributeNames contains invalid value: Attribute name is too large, must be less than "
                        + "65536 bytes for key #a");
        assertValidation(() -> new ExpressionContext(names("#a", "é".repeat(32768)), null),
                "ExpressionAttributeNames contains invalid value: Attribute name is too large, must be less than "
                        + "65536 bytes for key #a");
    }
}
