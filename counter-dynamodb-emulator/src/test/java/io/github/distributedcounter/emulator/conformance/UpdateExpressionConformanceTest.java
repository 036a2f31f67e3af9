package io.github.distributedcounter.emulator.conformance;

import static io.github.distributedcounter.emulator.conformance.Conformance.assertValidation;
import static io.github.distributedcounter.emulator.conformance.Conformance.get;
import static io.github.distributedcounter.emulator.conformance.Conformance.item;
import static io.github.distributedcounter.emulator.conformance.Conformance.l;
import static io.github.distributedcounter.emulator.conformance.Conformance.m;
import static io.github.distributedcounter.emulator.conformance.Conformance.n;
import static io.github.distributedcounter.emulator.conformance.Conformance.ns;
import static io.github.distributedcounter.emulator.conformance.Conformance.s;
import static io.github.distributedcounter.emulator.conformance.Conformance.ss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
 * Update expressions: SET with arithmetic, if_not_exists and list_append, REMOVE, ADD to numbers and sets, DELETE
 * from sets, operands that read the item as it was before the update, overlapping paths, and exact arithmetic up to
 * DynamoDB's 38 digits.
 *
 * <p>Expected outcomes come from:
 * <ul>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html">Using
 *       update expressions in DynamoDB</a> (SET, REMOVE, ADD, DELETE; arithmetic; if_not_exists; list_append; a
 *       list index past the end appends; REMOVE of list elements shifts the rest; ADD on a missing attribute starts
 *       from 0 or the empty set; every action sees the item as it was before the update)</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html">UpdateItem</a></li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html">Supported
 *       data types</a> (numbers: up to 38 digits of precision, exact; exceeding it is an exception)</li>
 *   <li>the exact messages ("Two document paths overlap with each other; ...", "The provided expression refers to
 *       an attribute that does not exist in the item", "An operand in the update expression has an incorrect data
 *       type", "Number overflow. ...") as DynamoDB returns them, recorded in users' reports and the public
 *       conformance captures against DynamoDB. DynamoDB's message for an arithmetic result of more than 38 digits
 *       is not documented; that test asserts the ValidationException only.</li>
 * </ul>
 */
@DynamoDbEmulatorTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpdateExpressionConformanceTest {

    private static final AtomicInteger KEYS = new AtomicInteger();

    private final DynamoDbClient client;
    private String table;

    UpdateExpressionConformanceTest(DynamoDbClient client) {
        this.client = client;
    }

    @BeforeAll
    void createTable() {
        table = Conformance.hashTable(client, "update");
    }

    @Test
    void setWithPlusAndMinus() {
        Map<String, AttributeValue> key = put("a", n("10"), "b", n("3"));
        Map<String, AttributeValue> after = update(key, "SET a = a + :d, b = :x - b, c = a - b, d = :x + :x",
                ":d", n("2.5"), ":x", n("1"));
        assertThat(after).isEqualTo(with(key, "a", n("12.5"), "b", n("-2"), "c", n("7"), "d", n("2")));
    }

    @Test
    void decimalArithmeticIsExact() {
        Map<String, AttributeValue> key = put("a", n("0.3"), "b", n("100000000000000000000.00000001"));
        Map<String, AttributeValue> after = update(key, "SET a = a - :tenth, b = b - :one",
                ":tenth", n("0.1"), ":one", n("1"));
        assertThat(after).isEqualTo(with(key, "a", n("0.2"), "b", n("99999999999999999999.00000001")));
    }

    @Test
    void ifNotExistsUsesTheStoredValueWhenThereIsOne() {
        Map<String, AttributeValue> key = put("a", n("5"));
        Map<String, AttributeValue> after = update(key,
                "SET a = if_not_exists(a, :zero) + :one, b = if_not_exists(b, :zero) + :one, c = if_not_exists(c, :s)",
                ":zero", n("0"), ":one", n("1"), ":s", s("init"));
        assertThat(after).isEqualTo(with(key, "a", n("6"), "b", n("1"), "c", s("init")));
    }

    @Test
    void listAppendAtEitherEnd() {
        Map<String, AttributeValue> key = put("l", l(n("2")), "r", l(n("2")));
        Map<String, AttributeValue> after = update(key,
                "SET l = list_append(:front, l), r = list_append(r, :back), "
                        + "fresh = list_append(if_not_exists(fresh, :empty), :back)",
                ":front", l(n("1")), ":back", l(n("3"), s("x")), ":empty", l());
        assertThat(after).isEqualTo(with(key, "l", l(n("1"), n("2")), "r", l(n("2"), n("3"), s("x")),
                "fresh", l(n("3"), s("x"))));
    }

    @Test
    void setNestedMapEntriesAndListElements() {
        Map<String, AttributeValue> key = put("m", m(item("k", s("v"))), "l", l(s("a"), s("b")));
        Map<String, AttributeValue> after = update(key, "SET m.k = :x, m.added = :y, l[0] = :x, l[9] = :y",
                ":x", s("X"), ":y", s("Y"));
        assertThat(after).isEqualTo(with(key, "m", m(item("k", s("X"), "added", s("Y"))),
                "l", l(s("X"), s("b"), s("Y"))));
    }

    @Test
    void removeTopLevelNestedAndListElements() {
        Map<String, AttributeValue> key = put("a", n("1"), "m", m(item("k", s("v"), "j", s("w"))),
                "l", l(s("0"), s("1"), s("2"), s("3")));
        Map<String, AttributeValue> after = update(key, "REMOVE a, m.k, l[0], l[2], nothing_here");
        assertThat(after).isEqualTo(with(key, "m", m(item("j", s("w"))), "l", l(s("1"), s("3"))));
    }

    @Test
    void addToNumbers() {
        Map<String, AttributeValue> key = put("a", n("5"));
        Map<String, AttributeValue> after = update(key, "ADD a :d, b :d, c :neg", ":d", n("3"), ":neg", n("-2.5"));
        assertThat(after).isEqualTo(with(key, "a", n("8"), "b", n("3"), "c", n("-2.5")));
    }

    @Test
    void addToSets() {
        Map<String, AttributeValue> key = put("tags", ss("a", "b"), "nums", ns("1"));
        Map<String, AttributeValue> after = update(key, "ADD tags :t, nums :n, fresh :t",
                ":t", ss("b", "c"), ":n", ns("2", "1"));
        assertThat(after.get("tags").ss()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(after.get("nums").ns()).containsExactlyInAnyOrder("1", "2");
        assertThat(after.get("fresh").ss()).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void deleteFromSets() {
        Map<String, AttributeValue> key = put("tags", ss("a", "b", "c"), "nums", ns("1", "2"), "lone", ss("x"));
        Map<String, AttributeValue> after = update(key, "DELETE tags :t, nums :n, lone :x, nowhere :x",
                ":t", ss("a", "c", "zz"), ":n", ns("2"), ":x", ss("x"));
        assertThat(after.get("tags").ss()).containsExactly("b");
        assertThat(after.get("nums").ns()).containsExactly("1");
        // A set emptied by DELETE is removed: DynamoDB stores no empty sets.
        assertThat(after).doesNotContainKey("lone").doesNotContainKey("nowhere");
    }

    @Test
    void everyOperandReadsTheItemBeforeTheUpdate() {
        Map<String, AttributeValue> key = put("v", n("10"));
        Map<String, AttributeValue> after = update(key, "ADD v :d SET b = v", ":d", n("5"));
        assertThat(after).isEqualTo(with(key, "v", n("15"), "b", n("10")));

        after = update(key, "SET b = v, v = v + :d", ":d", n("1"));
        assertThat(after).isEqualTo(with(key, "v", n("16"), "b", n("15")));

        after = update(key, "SET x = v, v = b");
        assertThat(after).isEqualTo(with(key, "v", n("15"), "b", n("15"), "x", n("16")));

        after = update(key, "REMOVE x SET y = x");
        assertThat(after).isEqualTo(with(key, "v", n("15"), "b", n("15"), "y", n("16")));

        after = update(key, "SET v = if_not_exists(v, :zero) + :d ADD total_hits :d, b :d",
                ":zero", n("0"), ":d", n("2"));
        assertThat(after).isEqualTo(with(key, "v", n("17"), "b", n("17"), "y", n("16"), "total_hits", n("2")));
    }

    @Test
    void addThroughNamesStoresTheOldValueInTheOtherAttribute() {
        Map<String, AttributeValue> key = put("val", n("41"));
        Map<String, AttributeValue> after = client.updateItem(r -> r.tableName(table).key(key)
                .updateExpression("ADD #v :d SET #b = #v, #s = :seq")
                .conditionExpression("#s < :seq OR attribute_not_exists(#s)")
                .expressionAttributeNames(Map.of("#v", "val", "#b", "val_base", "#s", "val_seq"))
                .expressionAttributeValues(item(":d", n("1"), ":seq", n("7")))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        assertThat(after).isEqualTo(with(key, "val", n("42"), "val_base", n("41"), "val_seq", n("7")));
    }

    @Test
    void theCountersConditionalIncrementShapes() {
        // First write of a counter with an initial value and exactly-once bookkeeping.
        Map<String, AttributeValue> key = item("pk", s("u" + KEYS.incrementAndGet()));
        Map<String, String> names = Map.of("#v", "val", "#s", "seq", "#b", "base");
        String create = "SET #v = if_not_exists(#v, :init) + :d, #s = :seq, #b = if_not_exists(#v, :init)";
        String createCondition =
                "(attribute_not_exists(#s) OR #s < :seq) AND (attribute_not_exists(#v) OR (#v <= :hi))";
        Map<String, AttributeValue> created = client.updateItem(r -> r.tableName(table).key(key)
                .updateExpression(create).conditionExpression(createCondition).expressionAttributeNames(names)
                .expressionAttributeValues(item(":init", n("100"), ":d", n("5"), ":seq", n("1"),
                        ":hi", n(Long.toString(Long.MAX_VALUE - 5))))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        assertThat(created).isEqualTo(with(key, "val", n("105"), "seq", n("1"), "base", n("100")));

        // A known counter: ADD, old value recorded, sequence must grow.
        String add = "ADD #v :d SET #s = :seq, #b = #v";
        String addCondition = "#s < :seq AND (#v <= :hi)";
        Map<String, AttributeValue> added = client.updateItem(r -> r.tableName(table).key(key)
                .updateExpression(add).conditionExpression(addCondition).expressionAttributeNames(names)
                .expressionAttributeValues(item(":d", n("10"), ":seq", n("2"),
                        ":hi", n(Long.toString(Long.MAX_VALUE - 10))))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        assertThat(added).isEqualTo(with(key, "val", n("115"), "seq", n("2"), "base", n("105")));

        // The same sequence again: the condition fails, the old item comes back, nothing is written.
        ConditionalCheckFailedException replay = catchThrowableOfType(
                () -> client.updateItem(r -> r.tableName(table).key(key)
                        .updateExpression(add).conditionExpression(addCondition).expressionAttributeNames(names)
                        .expressionAttributeValues(item(":d", n("10"), ":seq", n("2"),
                                ":hi", n(Long.toString(Long.MAX_VALUE - 10))))
                        .returnValuesOnConditionCheckFailure(
                                ReturnValuesOnConditionCheckFailure.ALL_OLD)),
                        ConditionalCheckFailedException.class);
        assertThat(replay.item()).isEqualTo(with(key, "val", n("115"), "seq", n("2"), "base", n("105")));

        // An increment that would leave the long range fails its bound.
        client.updateItem(r -> r.tableName(table).key(key).updateExpression("SET #v = :max")
                .expressionAttributeNames(Map.of("#v", "val"))
                .expressionAttributeValues(item(":max", n(Long.toString(Long.MAX_VALUE - 1)))));
        assertThat(catchThrowable(() -> client.updateItem(r -> r.tableName(table).key(key)
                .updateExpression(add).conditionExpression(addCondition).expressionAttributeNames(names)
                .expressionAttributeValues(item(":d", n("2"), ":seq", n("3"),
                        ":hi", n(Long.toString(Long.MAX_VALUE - 2)))))))
                .isExactlyInstanceOf(ConditionalCheckFailedException.class);
        assertThat(get(client, table, key)).isEqualTo(with(key, "val", n(Long.toString(Long.MAX_VALUE - 1)),
                "seq", n("2"), "base", n("105")));

        // Removing an instance's entry only while it holds the sequence written.
        client.updateItem(r -> r.tableName(table).key(key).updateExpression("REMOVE #s0, #b0")
                .conditionExpression("#s0 = :s0").expressionAttributeNames(Map.of("#s0", "seq", "#b0", "base"))
                .expressionAttributeValues(item(":s0", n("2"))));
        assertThat(get(client, table, key)).isEqualTo(with(key, "val", n(Long.toString(Long.MAX_VALUE - 1))));
    }

    @Test
    void readingAMissingAttributeInSetIsRejectedAndWritesNothing() {
        Map<String, AttributeValue> key = put("a", n("1"));
        assertValidation(() -> update(key, "SET a = :v, b = ghost + :v", ":v", n("1")),
                "The provided expression refers to an attribute that does not exist in the item");
        assertValidation(() -> update(key, "SET b = ghost"),
                "The provided expression refers to an attribute that does not exist in the item");
        assertThat(get(client, table, key)).isEqualTo(with(key, "a", n("1")));
    }

    @Test
    void operandsOfTheWrongTypeAreRejectedAndWriteNothing() {
        Map<String, AttributeValue> key = put("str", s("x"), "num", n("1"), "tags", ss("a"));
        String message = "An operand in the update expression has an incorrect data type";
        assertValidation(() -> update(key, "SET num = str + :one", ":one", n("1")), message);
        assertValidation(() -> update(key, "ADD str :one", ":one", n("1")), message);
        assertValidation(() -> update(key, "ADD tags :n", ":n", ns("1")), message);
        assertValidation(() -> update(key, "DELETE tags :n", ":n", ns("1")), message);
        assertValidation(() -> update(key, "SET l = list_append(str, :l)", ":l", l(s("a"))), message);
        assertThat(get(client, table, key)).isEqualTo(with(key, "str", s("x"), "num", n("1"), "tags", ss("a")));
    }

    @Test
    void theSamePathTwiceIsRejected() {
        Map<String, AttributeValue> key = put("a", n("1"));
        assertValidation(() -> update(key, "SET a = :x, a = :y", ":x", n("2"), ":y", n("3")),
                "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of "
                        + "these paths; path one: [a], path two: [a]");
        assertValidation(() -> update(key, "SET a = :x ADD a :y", ":x", n("2"), ":y", n("3")),
                "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of "
                        + "these paths; path one: [a], path two: [a]");
        assertValidation(() -> update(key, "SET m.k = :x REMOVE m", ":x", n("2")),
                "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of "
                        + "these paths; path one: [m, k], path two: [m]");
        assertThat(get(client, table, key)).isEqualTo(with(key, "a", n("1")));
    }

    @Test
    void addReachesLongMaxValueAndGoesPastItExactly() {
        Map<String, AttributeValue> key = put("v", n("9223372036854775806"));
        assertThat(update(key, "ADD v :one", ":one", n("1")).get("v")).isEqualTo(n("9223372036854775807"));
        assertThat(update(key, "ADD v :one", ":one", n("1")).get("v")).isEqualTo(n("9223372036854775808"));
        assertThat(update(key, "SET v = v - :two", ":two", n("2")).get("v")).isEqualTo(n("9223372036854775806"));
    }

    @Test
    void nineteenAndThirtyEightDigitNumbersAreStoredAndAddedExactly() {
        Map<String, AttributeValue> key = put("n19", n("1234567890123456789"),
                "n38", n("12345678901234567890123456789012345678"),
                "nines", n("99999999999999999999999999999999999999"),
                "frac", n("0.1234567890123456789012345678901234567"));
        assertThat(get(client, table, key)).isEqualTo(with(key, "n19", n("1234567890123456789"),
                "n38", n("12345678901234567890123456789012345678"),
                "nines", n("99999999999999999999999999999999999999"),
                "frac", n("0.1234567890123456789012345678901234567")));
        Map<String, AttributeValue> after = update(key, "ADD n19 :one, n38 :one, nines :one, frac :small",
                ":one", n("1"), ":small", n("0.0000000000000000000000000000000000003"));
        assertThat(after.get("n19").n()).isEqualTo("1234567890123456790");
        assertThat(after.get("n38").n()).isEqualTo("12345678901234567890123456789012345679");
        assertThat(after.get("nines").n()).isEqualTo("1" + "0".repeat(38));
        assertThat(after.get("frac").n()).isEqualTo("0.123456789012345678901234567890123457");
    }

    @Test
    void anAdditionNeedingMoreThan38DigitsIsRejectedAndWritesNothing() {
        Map<String, AttributeValue> key = put("v", n("12345678901234567890123456789012345678"), "w", n("1"));
        Throwable thrown = catchThrowable(() -> update(key, "ADD v :tenth, w :tenth", ":tenth", n("0.1")));
        assertThat(thrown).isExactlyInstanceOf(DynamoDbException.class);
        DynamoDbException e = (DynamoDbException) thrown;
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(get(client, table, key)).isEqualTo(with(key, "v", n("12345678901234567890123456789012345678"),
                "w", n("1")));
    }

    @Test
    void anAdditionPastTheLargestNumberOverflowsAndWritesNothing() {
        Map<String, AttributeValue> key = put("v", n("9.9999999999999999999999999999999999999E+125"));
        assertValidation(() -> update(key, "SET v = v + :d", ":d", n("1E+125")),
                "Number overflow. Attempting to store a number with magnitude larger than supported range");
        assertValidation(() -> update(key, "ADD v :d", ":d", n("1E+125")),
                "Number overflow. Attempting to store a number with magnitude larger than supported range");
        assertThat(get(client, table, key).get("v")).isEqualTo(n("9".repeat(38) + "0".repeat(88)));
    }

    @Test
    void updatedNewShowsTheNewValuesOfAnAtomicCounter() {
        Map<String, AttributeValue> key = item("pk", s("u" + KEYS.incrementAndGet()));
        for (int i = 1; i <= 3; i++) {
            Map<String, AttributeValue> updated = client.updateItem(r -> r.tableName(table).key(key)
                    .updateExpression("ADD hits :one").expressionAttributeValues(item(":one", n("1")))
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes();
            assertThat(updated).isEqualTo(item("hits", n(Integer.toString(i))));
        }
    }

    private Map<String, AttributeValue> put(Object... attributes) {
        Map<String, AttributeValue> key = item("pk", s("u" + KEYS.incrementAndGet()));
        client.putItem(r -> r.tableName(table).item(with(key, attributes)));
        return key;
    }

    /** Runs the update and returns the whole item after it (ALL_NEW). */
    private Map<String, AttributeValue> update(Map<String, AttributeValue> key, String expression,
            Object... values) {
        return client.updateItem(r -> {
            r.tableName(table).key(key).updateExpression(expression).returnValues(ReturnValue.ALL_NEW);
            if (values.length > 0) {
                r.expressionAttributeValues(item(values));
            }
        }).attributes();
    }

    private static Map<String, AttributeValue> with(Map<String, AttributeValue> key, Object... attributes) {
        Map<String, AttributeValue> item = new java.util.LinkedHashMap<>(key);
        item.putAll(item(attributes));
        return item;
    }
}
