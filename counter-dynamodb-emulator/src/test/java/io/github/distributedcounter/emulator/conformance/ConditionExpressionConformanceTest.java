package io.github.distributedcounter.emulator.conformance;

import static io.github.distributedcounter.emulator.conformance.Conformance.assertError;
import static io.github.distributedcounter.emulator.conformance.Conformance.assertValidation;
import static io.github.distributedcounter.emulator.conformance.Conformance.b;
import static io.github.distributedcounter.emulator.conformance.Conformance.bool;
import static io.github.distributedcounter.emulator.conformance.Conformance.get;
import static io.github.distributedcounter.emulator.conformance.Conformance.item;
import static io.github.distributedcounter.emulator.conformance.Conformance.l;
import static io.github.distributedcounter.emulator.conformance.Conformance.m;
import static io.github.distributedcounter.emulator.conformance.Conformance.n;
import static io.github.distributedcounter.emulator.conformance.Conformance.names;
import static io.github.distributedcounter.emulator.conformance.Conformance.ns;
import static io.github.distributedcounter.emulator.conformance.Conformance.nul;
import static io.github.distributedcounter.emulator.conformance.Conformance.s;
import static io.github.distributedcounter.emulator.conformance.Conformance.ss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Condition expressions of PutItem, UpdateItem and DeleteItem: every comparator and function, numeric against
 * string ordering, missing attributes, logical operators and their precedence, and ConditionalCheckFailedException
 * with and without the item, with nothing written when the condition fails.
 *
 * <p>Expected outcomes come from:
 * <ul>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html">Condition
 *       and filter expressions, operators, and functions</a> (comparators, BETWEEN, IN, the functions, size of each
 *       type, precedence: comparisons, IN, BETWEEN, functions, then NOT, AND, OR)</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html">Condition
 *       expression examples</a> and
 *       <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html">Supported
 *       data types</a> (numbers compare by value, strings by their UTF-8 bytes, binaries as unsigned bytes)</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html">PutItem</a>,
 *       <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html">UpdateItem</a>,
 *       <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html">DeleteItem</a>
 *       (ReturnValuesOnConditionCheckFailure) and
 *       <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ConditionalCheckFailedException.html">ConditionalCheckFailedException</a>
 *       (its Item member; message "The conditional request failed")</li>
 * </ul>
 * A comparison with a missing operand is false, except {@code <>}, which is true; users verified this against
 * DynamoDB (reports on public DynamoDB emulators' trackers, 2026). A path compared with itself, a function used
 * where its value is not allowed, the wrong number or type of operands, a value where a path is required, redundant
 * parentheses and an unknown attribute_type name are ValidationExceptions with the messages recorded against
 * DynamoDB by dynalite's tests (test/scan.js, FilterExpression, which shares the condition grammar) and the public
 * conformance captures.
 */
@DynamoDbEmulatorTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConditionExpressionConformanceTest {

    private static final AtomicInteger KEYS = new AtomicInteger();
    private static final String FAILED = "The conditional request failed";

    private final DynamoDbClient client;
    private String table;

    ConditionExpressionConformanceTest(DynamoDbClient client) {
        this.client = client;
    }

    @BeforeAll
    void createTable() {
        table = Conformance.hashTable(client, "condition");
    }

    /** The item every condition of the truth tables is evaluated on. */
    private static Map<String, AttributeValue> sample() {
        return item(
                "a", n("5"),
                "s", s("abc"),
                "bin", b((byte) 1, (byte) 2),
                "high", b((byte) 0xFF),
                "l", l(n("1"), s("x")),
                "m", m(item("k", s("v"))),
                "ss", ss("x", "y"),
                "ns", ns("1", "2"),
                "flag", bool(true),
                "z", nul(),
                "neg", n("-1"),
                "dcm", n("2.5"),
                "nine", n("9"),
                "ten", n("10"),
                "str9", s("9"),
                "str10", s("10"),
                "blank", s(""));
    }

    @Test
    void equalityAndInequality() {
        assertHolds("a = :v", ":v", n("5"));
        assertHolds("a = :v", ":v", n("5.00"));
        assertFails("a = :v", ":v", n("6"));
        assertHolds("a <> :v", ":v", n("6"));
        assertFails("a <> :v", ":v", n("5"));
        assertHolds("s = :v", ":v", s("abc"));
        assertHolds("bin = :v", ":v", b((byte) 1, (byte) 2));
        assertHolds("m = :v", ":v", m(item("k", s("v"))));
        assertHolds("l = :v", ":v", l(n("1"), s("x")));
        assertFails("l = :v", ":v", l(s("x"), n("1")));
        assertHolds("ss = :v", ":v", ss("y", "x"));
        assertHolds("flag = :v", ":v", bool(true));
        assertHolds("z = :v", ":v", nul());
        assertHolds("blank = :v", ":v", s(""));
    }

    @Test
    void comparingAPathWithItselfIsRejected() {
        assertValidation(() -> client.putItem(r -> r.tableName(table).item(item("pk", s("self")))
                        .conditionExpression("a = a")),
                "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this "
                        + "operator or function; operator: =, first operand: [a]");
        assertThat(get(client, table, item("pk", s("self")))).isNull();
    }

    @Test
    void orderingComparators() {
        assertHolds("a < :v", ":v", n("6"));
        assertFails("a < :v", ":v", n("5"));
        assertHolds("a <= :v", ":v", n("5"));
        assertFails("a <= :v", ":v", n("4"));
        assertHolds("a > :v", ":v", n("4"));
        assertFails("a > :v", ":v", n("5"));
        assertHolds("a >= :v", ":v", n("5"));
        assertFails("a >= :v", ":v", n("6"));
        assertHolds("s < :v", ":v", s("abd"));
        assertHolds("s > :v", ":v", s("ab"));
        assertHolds(":v < s", ":v", s("ab"));
    }

    @Test
    void numbersCompareByValueAndStringsByCharacters() {
        assertHolds("neg < :v", ":v", n("1"));
        assertHolds("dcm < :v", ":v", n("10"));
        assertHolds("nine <= ten");
        assertHolds("nine < ten");
        assertFails("nine > ten");
        assertHolds(":small < :large", ":small", n("-10"), ":large", n("-9"));
        assertHolds(":small < :large", ":small", n("1E-130"), ":large", n("2E-130"));
        // As strings, "10" sorts before "9".
        assertHolds("str10 < str9");
        assertFails("str10 > str9");
        assertHolds(":x < :y", ":x", s("10"), ":y", s("9"));
        assertHolds(":x < :y", ":x", s("Z"), ":y", s("a"));
    }

    @Test
    void binariesCompareAsUnsignedBytes() {
        assertHolds("high > bin");
        assertHolds("bin < :v", ":v", b((byte) 1, (byte) 3));
        assertHolds("bin > :v", ":v", b((byte) 1));
    }

    @Test
    void comparingDifferentTypesIsFalseExceptNotEqual() {
        assertFails("a = :v", ":v", s("5"));
        assertHolds("a <> :v", ":v", s("5"));
        assertFails("a < :v", ":v", s("6"));
        assertFails("a >= :v", ":v", s("1"));
        assertFails("s > :v", ":v", n("1"));
        assertFails("str9 = :v", ":v", n("9"));
    }

    @Test
    void comparingAMissingAttributeIsFalseExceptNotEqual() {
        assertFails("ghost = :v", ":v", n("5"));
        assertFails("ghost < :v", ":v", n("5"));
        assertFails("ghost <= :v", ":v", n("5"));
        assertFails("ghost > :v", ":v", n("5"));
        assertFails("ghost >= :v", ":v", n("5"));
        assertHolds("ghost <> :v", ":v", n("5"));
        assertFails("ghost = nowhere");
        assertHolds("ghost <> nowhere");
        assertFails("m.nope = :v", ":v", s("v"));
        assertFails("l[7] = :v", ":v", n("1"));
        assertFails("ghost BETWEEN :lo AND :hi", ":lo", n("1"), ":hi", n("9"));
        assertFails("ghost IN (:x, :y)", ":x", n("1"), ":y", n("5"));
    }

    @Test
    void conditionsOnAMissingItemSeeNoAttributes() {
        assertThat(holds(null, "attribute_not_exists(pk)", null, Map.of())).isTrue();
        assertThat(holds(null, "attribute_exists(pk)", null, Map.of())).isFalse();
        assertThat(holds(null, "a = :v", null, item(":v", n("5")))).isFalse();
        assertThat(holds(null, "a <> :v", null, item(":v", n("5")))).isTrue();
    }

    @Test
    void nestedPathsAndNames() {
        assertHolds("m.k = :v", ":v", s("v"));
        assertHolds("l[0] = :v", ":v", n("1"));
        assertHolds("l[1] = :v", ":v", s("x"));
        assertHolds("#m.#k = :v", names("#m", "m", "#k", "k"), ":v", s("v"));
        assertHolds("#a = :v", names("#a", "a"), ":v", n("5"));
    }

    @Test
    void misusedFunctionsAndOperandsAreRejected() {
        assertInvalid("size(s)", Map.of(),
                "The function is not allowed to be used this way in an expression; function: size");
        assertInvalid("attribute_exists(s, blank)", Map.of(),
                "Incorrect number of operands for operator or function; operator or function: attribute_exists, "
                        + "number of operands: 2");
        assertInvalid("begins_with(s, :v)", item(":v", n("1")),
                "Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
        assertInvalid("attribute_exists(:v)", item(":v", s("s")),
                "Operator or function requires a document path; operator or function: attribute_exists");
        assertInvalid("((attribute_not_exists(pk)))", Map.of(), "The expression has redundant parentheses;");
        Throwable thrown = catchThrowable(() -> client.putItem(r -> r.tableName(table).item(item("pk", s("invalid")))
                .conditionExpression("attribute_type(s, :t)").expressionAttributeValues(item(":t", s("X")))));
        assertThat(thrown).isExactlyInstanceOf(DynamoDbException.class);
        assertThat(((DynamoDbException) thrown).awsErrorDetails().errorMessage()).matches(
                "(1 validation error detected: )?Invalid ConditionExpression: Invalid attribute type name found; "
                        + "type: X, valid types: \\{((B|NULL|SS|BOOL|L|BS|N|NS|S|M),?){10}}");
        assertThat(get(client, table, item("pk", s("invalid")))).isNull();
    }

    private void assertInvalid(String condition, Map<String, AttributeValue> values, String message) {
        assertValidation(() -> client.putItem(r -> {
            r.tableName(table).item(item("pk", s("invalid"))).conditionExpression(condition);
            if (!values.isEmpty()) {
                r.expressionAttributeValues(values);
            }
        }), "Invalid ConditionExpression: " + message);
    }

    @Test
    void betweenIsInclusive() {
        assertHolds("a BETWEEN :lo AND :hi", ":lo", n("4"), ":hi", n("6"));
        assertHolds("a BETWEEN :lo AND :hi", ":lo", n("5"), ":hi", n("5"));
        assertFails("a BETWEEN :lo AND :hi", ":lo", n("6"), ":hi", n("7"));
        assertFails("a BETWEEN :lo AND :hi", ":lo", n("1"), ":hi", n("4"));
        assertHolds("s BETWEEN :lo AND :hi", ":lo", s("abb"), ":hi", s("abd"));
        assertHolds("nine BETWEEN :lo AND :hi", ":lo", n("2.5"), ":hi", n("10"));
        assertFails("str9 BETWEEN :lo AND :hi", ":lo", s("10"), ":hi", s("11"));
        assertFails("a BETWEEN :lo AND :hi", ":lo", s("1"), ":hi", s("9"));
    }

    @Test
    void inMatchesAnyListedValue() {
        assertHolds("a IN (:x, :y)", ":x", n("4"), ":y", n("5"));
        assertFails("a IN (:x, :y)", ":x", n("4"), ":y", n("6"));
        assertHolds("s IN (:x)", ":x", s("abc"));
        assertFails("a IN (:x)", ":x", s("5"));
    }

    @Test
    void attributeExistsAndNotExists() {
        assertHolds("attribute_exists(a)");
        assertHolds("attribute_exists(z)");
        assertHolds("attribute_exists(blank)");
        assertHolds("attribute_exists(m.k)");
        assertHolds("attribute_exists(l[1])");
        assertFails("attribute_exists(ghost)");
        assertFails("attribute_exists(m.nope)");
        assertFails("attribute_exists(l[2])");
        assertHolds("attribute_not_exists(ghost)");
        assertFails("attribute_not_exists(a)");
        assertFails("attribute_not_exists(z)");
        assertHolds("attribute_exists(#n)", names("#n", "a"));
    }

    @Test
    void attributeTypeOfEveryType() {
        assertHolds("attribute_type(a, :t)", ":t", s("N"));
        assertFails("attribute_type(a, :t)", ":t", s("S"));
        assertHolds("attribute_type(s, :t)", ":t", s("S"));
        assertHolds("attribute_type(bin, :t)", ":t", s("B"));
        assertHolds("attribute_type(ss, :t)", ":t", s("SS"));
        assertHolds("attribute_type(ns, :t)", ":t", s("NS"));
        assertHolds("attribute_type(l, :t)", ":t", s("L"));
        assertHolds("attribute_type(m, :t)", ":t", s("M"));
        assertHolds("attribute_type(flag, :t)", ":t", s("BOOL"));
        assertHolds("attribute_type(z, :t)", ":t", s("NULL"));
        assertFails("attribute_type(ghost, :t)", ":t", s("N"));
    }

    @Test
    void beginsWith() {
        assertHolds("begins_with(s, :p)", ":p", s("ab"));
        assertHolds("begins_with(s, :p)", ":p", s("abc"));
        assertFails("begins_with(s, :p)", ":p", s("b"));
        assertFails("begins_with(s, :p)", ":p", s("abcd"));
        assertHolds("begins_with(bin, :p)", ":p", b((byte) 1));
        assertFails("begins_with(bin, :p)", ":p", b((byte) 2));
        assertFails("begins_with(ghost, :p)", ":p", s("a"));
        assertFails("begins_with(a, :p)", ":p", s("5"));
    }

    @Test
    void containsOnStringsSetsAndLists() {
        assertHolds("contains(s, :v)", ":v", s("bc"));
        assertFails("contains(s, :v)", ":v", s("cb"));
        assertHolds("contains(ss, :v)", ":v", s("x"));
        assertFails("contains(ss, :v)", ":v", s("q"));
        assertHolds("contains(ns, :v)", ":v", n("2"));
        assertFails("contains(ns, :v)", ":v", s("2"));
        assertHolds("contains(l, :v)", ":v", s("x"));
        assertHolds("contains(l, :v)", ":v", n("1"));
        assertFails("contains(l, :v)", ":v", s("1"));
        assertFails("contains(ghost, :v)", ":v", s("x"));
    }

    @Test
    void sizeOfEveryType() {
        assertHolds("size(s) = :v", ":v", n("3"));
        assertHolds("size(blank) = :v", ":v", n("0"));
        assertHolds("size(bin) = :v", ":v", n("2"));
        assertHolds("size(ss) = :v", ":v", n("2"));
        assertHolds("size(ns) = :v", ":v", n("2"));
        assertHolds("size(l) = :v", ":v", n("2"));
        assertHolds("size(m) = :v", ":v", n("1"));
        assertHolds("size(s) > :v", ":v", n("2"));
        assertFails("size(s) < :v", ":v", n("3"));
        assertFails("size(ghost) >= :v", ":v", n("0"));
    }

    @Test
    void logicalOperatorsAndTheirPrecedence() {
        assertHolds("a = :five AND s = :abc", ":five", n("5"), ":abc", s("abc"));
        assertFails("a = :five AND s = :x", ":five", n("5"), ":x", s("x"));
        assertHolds("a = :six OR s = :abc", ":six", n("6"), ":abc", s("abc"));
        assertFails("a = :six OR s = :x", ":six", n("6"), ":x", s("x"));
        assertHolds("NOT a = :six", ":six", n("6"));
        assertFails("NOT a = :five", ":five", n("5"));
        // AND binds tighter than OR.
        assertHolds("a = :five OR a = :six AND a = :seven", ":five", n("5"), ":six", n("6"), ":seven", n("7"));
        assertFails("(a = :five OR a = :six) AND a = :seven", ":five", n("5"), ":six", n("6"), ":seven", n("7"));
        // NOT binds tighter than AND and OR.
        assertFails("NOT a = :six AND a = :six", ":six", n("6"));
        assertHolds("NOT a = :five OR a = :five", ":five", n("5"));
        assertFails("NOT (a = :five OR a = :six)", ":five", n("5"), ":six", n("6"));
        assertHolds("NOT attribute_exists(ghost) AND (a BETWEEN :four AND :six OR a IN (:seven))",
                ":four", n("4"), ":six", n("6"), ":seven", n("7"));
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertHolds("a between :lo and :hi", ":lo", n("4"), ":hi", n("6"));
        assertHolds("not a in (:x) or a = :five", ":x", n("5"), ":five", n("5"));
    }

    @Test
    void failedPutConditionWritesNothingAndReturnsTheItemOnlyWhenAsked() {
        Map<String, AttributeValue> key = item("pk", s("ccf-put"));
        Map<String, AttributeValue> original = item("pk", s("ccf-put"), "v", n("1"));
        client.putItem(r -> r.tableName(table).item(original));
        Map<String, AttributeValue> replacement = item("pk", s("ccf-put"), "v", n("2"));

        ConditionalCheckFailedException plain = assertError(() -> client.putItem(r -> r.tableName(table)
                        .item(replacement).conditionExpression("attribute_not_exists(pk)")),
                ConditionalCheckFailedException.class, "ConditionalCheckFailedException", FAILED);
        assertThat(plain.hasItem()).isFalse();

        ConditionalCheckFailedException withItem = assertError(() -> client.putItem(r -> r.tableName(table)
                        .item(replacement).conditionExpression("attribute_not_exists(pk)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)),
                ConditionalCheckFailedException.class, "ConditionalCheckFailedException", FAILED);
        assertThat(withItem.item()).isEqualTo(original);

        ConditionalCheckFailedException none = assertError(() -> client.putItem(r -> r.tableName(table)
                        .item(replacement).conditionExpression("attribute_not_exists(pk)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.NONE)),
                ConditionalCheckFailedException.class, "ConditionalCheckFailedException", FAILED);
        assertThat(none.hasItem()).isFalse();

        assertThat(get(client, table, key)).isEqualTo(original);
    }

    @Test
    void failedUpdateConditionWritesNothingAndReturnsTheItemOnlyWhenAsked() {
        Map<String, AttributeValue> key = item("pk", s("ccf-upd"));
        Map<String, AttributeValue> original = item("pk", s("ccf-upd"), "v", n("1"), "other", s("o"));
        client.putItem(r -> r.tableName(table).item(original));

        ConditionalCheckFailedException plain = assertError(() -> client.updateItem(r -> r.tableName(table).key(key)
                        .updateExpression("SET v = :new, added = :new").conditionExpression("v = :old")
                        .expressionAttributeValues(item(":new", n("3"), ":old", n("2")))
                        .returnValues(ReturnValue.ALL_NEW)),
                ConditionalCheckFailedException.class, "ConditionalCheckFailedException", FAILED);
        assertThat(plain.hasItem()).isFalse();

        ConditionalCheckFailedException withItem = assertError(() -> client.updateItem(r -> r.tableName(table).key(key)
                        .updateExpression("SET v = :new ADD tally :one").conditionExpression("v = :old")
                        .expressionAttributeValues(item(":new", n("3"), ":old", n("2"), ":one", n("1")))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)),
                ConditionalCheckFailedException.class, "ConditionalCheckFailedException", FAILED);
        assertThat(withItem.item()).isEqualTo(original);

        assertThat(get(client, table, key)).isEqualTo(original);
    }

    @Test
    void failedUpdateConditionOnAMissingItemCreatesNothing() {
        Map<String, AttributeValue> key = item("pk", s("ccf-missing"));
        ConditionalCheckFailedException e = assertError(() -> client.updateItem(r -> r.tableName(table).key(key)
                        .updateExpression("SET v = :v").conditionExpression("attribute_exists(pk)")
                        .expressionAttributeValues(item(":v", n("1")))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)),
                ConditionalCheckFailedException.class, "ConditionalCheckFailedException", FAILED);
        assertThat(e.hasItem()).isFalse();
        assertThat(get(client, table, key)).isNull();
    }

    @Test
    void failedDeleteConditionKeepsTheItemAndReturnsItOnlyWhenAsked() {
        Map<String, AttributeValue> key = item("pk", s("ccf-del"));
        Map<String, AttributeValue> original = item("pk", s("ccf-del"), "v", n("1"));
        client.putItem(r -> r.tableName(table).item(original));

        ConditionalCheckFailedException plain = assertError(() -> client.deleteItem(r -> r.tableName(table).key(key)
                        .conditionExpression("v = :v").expressionAttributeValues(item(":v", n("2")))),
                ConditionalCheckFailedException.class, "ConditionalCheckFailedException", FAILED);
        assertThat(plain.hasItem()).isFalse();

        ConditionalCheckFailedException withItem = assertError(() -> client.deleteItem(r -> r.tableName(table).key(key)
                        .conditionExpression("v = :v").expressionAttributeValues(item(":v", n("2")))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)),
                ConditionalCheckFailedException.class, "ConditionalCheckFailedException", FAILED);
        assertThat(withItem.item()).isEqualTo(original);
        assertThat(get(client, table, key)).isEqualTo(original);

        client.deleteItem(r -> r.tableName(table).key(key).conditionExpression("v = :v")
                .expressionAttributeValues(item(":v", n("1"))));
        assertThat(get(client, table, key)).isNull();
    }

    @Test
    void passingConditionsWrite() {
        Map<String, AttributeValue> key = item("pk", s("pass"));
        client.putItem(r -> r.tableName(table).item(item("pk", s("pass"), "v", n("1")))
                .conditionExpression("attribute_not_exists(pk)"));
        client.updateItem(r -> r.tableName(table).key(key).updateExpression("SET v = :new")
                .conditionExpression("v = :old").expressionAttributeValues(item(":new", n("2"), ":old", n("1"))));
        assertThat(get(client, table, key)).isEqualTo(item("pk", s("pass"), "v", n("2")));
    }

    private void assertHolds(String condition, Object... values) {
        assertThat(evaluate(condition, null, values)).as(condition).isTrue();
    }

    private void assertHolds(String condition, Map<String, String> names, Object... values) {
        assertThat(evaluate(condition, names, values)).as(condition).isTrue();
    }

    private void assertFails(String condition, Object... values) {
        assertThat(evaluate(condition, null, values)).as(condition).isFalse();
    }

    private boolean evaluate(String condition, Map<String, String> names, Object... values) {
        return holds(sample(), condition, names, item(values));
    }

    /**
     * Stores the item (none when null) under a new key, then puts it again with a marker under the condition:
     * true when the conditional put went through, false when it failed with ConditionalCheckFailedException and
     * left the item as it was.
     */
    private boolean holds(Map<String, AttributeValue> stored, String condition, Map<String, String> names,
            Map<String, AttributeValue> values) {
        AttributeValue pk = s("c" + KEYS.incrementAndGet());
        Map<String, AttributeValue> before = null;
        if (stored != null) {
            before = new LinkedHashMap<>(stored);
            before.put("pk", pk);
            Map<String, AttributeValue> put = before;
            client.putItem(r -> r.tableName(table).item(put));
        }
        Map<String, AttributeValue> after = new LinkedHashMap<>(stored == null ? Map.of() : stored);
        after.put("pk", pk);
        after.put("marker", n("1"));
        try {
            client.putItem(r -> {
                r.tableName(table).item(after).conditionExpression(condition);
                if (names != null) {
                    r.expressionAttributeNames(names);
                }
                if (!values.isEmpty()) {
                    r.expressionAttributeValues(values);
                }
            });
        } catch (ConditionalCheckFailedException e) {
            assertThat(get(client, table, item("pk", pk))).as("item after a failed condition").isEqualTo(before);
            return false;
        }
        assertThat(get(client, table, item("pk", pk))).as("item after a passed condition").isEqualTo(after);
        return true;
    }
}
