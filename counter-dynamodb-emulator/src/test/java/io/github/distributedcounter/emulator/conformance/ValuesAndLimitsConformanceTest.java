package io.github.distributedcounter.emulator.conformance;

import static io.github.distributedcounter.emulator.conformance.Conformance.ENVELOPE;
import static io.github.distributedcounter.emulator.conformance.Conformance.assertValidation;
import static io.github.distributedcounter.emulator.conformance.Conformance.b;
import static io.github.distributedcounter.emulator.conformance.Conformance.bs;
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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Values and limits: numbers at and past DynamoDB's precision and range, the 400 KB item, the 2,048-byte partition
 * key and 1,024-byte sort key, the 4 KB expression, empty strings and binaries, empty and duplicate sets, and
 * attribute values with no type or two.
 *
 * <p>Expected outcomes come from:
 * <ul>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html">Supported
 *       data types and naming rules</a> (numbers: 38 digits of precision, positive 1E-130 to
 *       9.9999999999999999999999999999999999999E+125 and the negatives; leading and trailing zeros trimmed; empty
 *       strings and binaries allowed except in keys; sets non-empty with unique elements)</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html">Constraints in
 *       Amazon DynamoDB</a> (item size 400 KB; partition key 2,048 bytes, sort key 1,024 bytes; expression
 *       parameters 4 KB)</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html">DynamoDB
 *       item sizes and formats</a> (an item's size is the UTF-8 bytes of its attribute names plus its values)</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html">AttributeValue</a>
 *       (exactly one data type per value)</li>
 *   <li>the exact messages as DynamoDB returns them, recorded in users' reports and the public conformance captures
 *       against DynamoDB, which also record that DynamoDB renders the elements of a duplicated set two ways and
 *       wraps some messages in the "1 validation error detected: " envelope depending on region; the tests accept
 *       exactly those forms. The message of an empty set nested in a map is not recorded; that test asserts the
 *       ValidationException only.</li>
 * </ul>
 */
@DynamoDbEmulatorTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValuesAndLimitsConformanceTest {

    private static final int MAX_ITEM = 400 * 1024;
    private static final String TOO_MANY_DIGITS = "Attempting to store more than 38 significant digits in a Number";
    private static final String OVERFLOW =
            "Number overflow. Attempting to store a number with magnitude larger than supported range";
    private static final String UNDERFLOW =
            "Number underflow. Attempting to store a number with magnitude smaller than supported range";

    private final DynamoDbClient client;
    private String table;
    private String rangeTable;

    ValuesAndLimitsConformanceTest(DynamoDbClient client) {
        this.client = client;
    }

    @BeforeAll
    void createTables() {
        table = Conformance.hashTable(client, "limits");
        rangeTable = Conformance.rangeTable(client, "limits");
    }

    @Test
    void numbersOfUpTo38SignificantDigitsAreKeptExactly() {
        Map<String, AttributeValue> stored = roundTrip("digits",
                "a", n("12345678901234567890123456789012345678"),
                "b", n("0000012345678901234567890123456789012345678"),
                "c", n("-00001.23456789012345678901234567890123456780000"),
                "d", n("1.0000000000000000000000000000000000000000000000"),
                "e", n("1234567890123456789"));
        assertThat(stored).isEqualTo(item("pk", s("digits"),
                "a", n("12345678901234567890123456789012345678"),
                "b", n("12345678901234567890123456789012345678"),
                "c", n("-1.2345678901234567890123456789012345678"),
                "d", n("1"),
                "e", n("1234567890123456789")));
    }

    @Test
    void numbersAtTheEndsOfTheRangeAreKept() {
        Map<String, AttributeValue> stored = roundTrip("range",
                "max", n("9.9999999999999999999999999999999999999E+125"),
                "min", n("-9.9999999999999999999999999999999999999E+125"),
                "tiny", n("1E-130"),
                "negtiny", n("-1E-130"));
        assertThat(stored).isEqualTo(item("pk", s("range"),
                "max", n("9".repeat(38) + "0".repeat(88)),
                "min", n("-" + "9".repeat(38) + "0".repeat(88)),
                "tiny", n("0." + "0".repeat(129) + "1"),
                "negtiny", n("-0." + "0".repeat(129) + "1")));
    }

    @Test
    void numbersPastThePrecisionOrTheRangeAreRejected() {
        assertRejectedNumber("123456789012345678901234567890123456789", TOO_MANY_DIGITS);
        assertRejectedNumber("-1.23456789012345678901234567890123456789", TOO_MANY_DIGITS);
        assertRejectedNumber("1E+126", OVERFLOW);
        assertRejectedNumber("-1E+126", OVERFLOW);
        assertRejectedNumber("1E-131", UNDERFLOW);
        assertRejectedNumber("-1E-131", UNDERFLOW);
        assertRejectedNumber("abc", "The parameter cannot be converted to a numeric value: abc");
        assertThat(get(client, table, item("pk", s("bad-number")))).isNull();
    }

    @Test
    void anItemOfExactly400KilobytesIsAcceptedAndOneByteMoreIsNot() {
        // pk (2) + "size" (4) + v (1) + the string.
        int atLimit = MAX_ITEM - 2 - 4 - 1;
        Map<String, AttributeValue> stored = item("pk", s("size"), "v", s("x".repeat(atLimit)));
        client.putItem(r -> r.tableName(table).item(stored));
        assertThat(get(client, table, item("pk", s("size")))).isEqualTo(stored);

        assertValidation(() -> client.putItem(r -> r.tableName(table)
                        .item(item("pk", s("size"), "v", s("y".repeat(atLimit + 1))))),
                "Item size has exceeded the maximum allowed size");
        assertThat(get(client, table, item("pk", s("size")))).isEqualTo(stored);
    }

    @Test
    void attributeNamesCountInTheItemSizeByTheirUtf8Bytes() {
        // pk (2) + "names" (5) + "ü".repeat(10) as a name (20 bytes) + the string.
        String name = "ü".repeat(10);
        assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSize(20);
        int atLimit = MAX_ITEM - 2 - 5 - 20;
        Map<String, AttributeValue> stored = item("pk", s("names"), name, s("x".repeat(atLimit)));
        client.putItem(r -> r.tableName(table).item(stored));
        assertThat(get(client, table, item("pk", s("names")))).isEqualTo(stored);
        assertValidation(() -> client.putItem(r -> r.tableName(table)
                        .item(item("pk", s("names"), name, s("x".repeat(atLimit)), "z", s("")))),
                "Item size has exceeded the maximum allowed size");
    }

    @Test
    void anUpdateThatGrowsTheItemPast400KilobytesIsRejected() {
        int atLimit = MAX_ITEM - 2 - 4 - 1;
        Map<String, AttributeValue> key = item("pk", s("grow"));
        client.putItem(r -> r.tableName(table).item(item("pk", s("grow"), "v", s("x".repeat(atLimit)))));
        assertValidation(() -> client.updateItem(r -> r.tableName(table).key(key).updateExpression("SET w = :w")
                        .expressionAttributeValues(item(":w", s("")))),
                "Item size to update has exceeded the maximum allowed size");
        assertThat(get(client, table, key)).doesNotContainKey("w");
    }

    @Test
    void aPartitionKeyOf2048BytesIsAcceptedAndOneByteMoreIsNot() {
        String longest = "k".repeat(2048);
        client.putItem(r -> r.tableName(table).item(item("pk", s(longest), "v", n("1"))));
        assertThat(get(client, table, item("pk", s(longest)))).isEqualTo(item("pk", s(longest), "v", n("1")));

        String tooLong = "k".repeat(2049);
        String message = "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size "
                + "limit of2048 bytes";
        assertValidation(() -> client.putItem(r -> r.tableName(table).item(item("pk", s(tooLong)))), message);
        assertValidation(() -> client.getItem(r -> r.tableName(table).key(item("pk", s(tooLong)))), message);
        // Bytes, not characters: 1,025 two-byte characters are 2,050 bytes.
        assertValidation(() -> client.putItem(r -> r.tableName(table).item(item("pk", s("é".repeat(1025))))),
                message);
    }

    @Test
    void aSortKeyOf1024BytesIsAcceptedAndOneByteMoreIsNot() {
        String longest = "s".repeat(1024);
        client.putItem(r -> r.tableName(rangeTable).item(item("pk", s("h"), "sk", s(longest))));
        assertThat(get(client, rangeTable, item("pk", s("h"), "sk", s(longest)))).isNotNull();

        String tooLong = "s".repeat(1025);
        assertValidation(() -> client.putItem(r -> r.tableName(rangeTable).item(item("pk", s("h"), "sk", s(tooLong)))),
                "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size "
                        + "limit of 1024 bytes");
    }

    @Test
    void aConditionExpressionOf4096BytesIsAcceptedAndOneByteMoreIsNot() {
        String atLimit = conditionOfBytes(4096);
        client.putItem(r -> r.tableName(table).item(item("pk", s("expr-cond"))).conditionExpression(atLimit));
        assertThat(get(client, table, item("pk", s("expr-cond")))).isNotNull();

        String over = conditionOfBytes(4097);
        assertExpressionTooLarge(() -> client.putItem(r -> r.tableName(table).item(item("pk", s("expr-cond-over")))
                .conditionExpression(over)), "ConditionExpression", 4097);
        assertThat(get(client, table, item("pk", s("expr-cond-over")))).isNull();
    }

    @Test
    void anUpdateExpressionOf4096BytesIsAcceptedAndOneByteMoreIsNot() {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        String atLimit = updateOfBytes(4096, values);
        client.updateItem(r -> r.tableName(table).key(item("pk", s("expr-upd"))).updateExpression(atLimit)
                .expressionAttributeValues(values));
        assertThat(get(client, table, item("pk", s("expr-upd")))).containsEntry(pad(0, 50), s("x"));

        Map<String, AttributeValue> overValues = new LinkedHashMap<>();
        String over = updateOfBytes(4097, overValues);
        assertExpressionTooLarge(() -> client.updateItem(r -> r.tableName(table).key(item("pk", s("expr-upd-over")))
                .updateExpression(over).expressionAttributeValues(overValues)), "UpdateExpression", 4097);
        assertThat(get(client, table, item("pk", s("expr-upd-over")))).isNull();
    }

    @Test
    void emptyStringsAndBinariesAreAllowedOutsideKeys() {
        Map<String, AttributeValue> stored = roundTrip("empty",
                "e", s(""), "eb", b(), "inlist", l(s("")), "inmap", m(item("x", s(""))), "set", ss(""));
        assertThat(stored).isEqualTo(item("pk", s("empty"),
                "e", s(""), "eb", b(), "inlist", l(s("")), "inmap", m(item("x", s(""))), "set", ss("")));
    }

    @Test
    void emptyStringKeysAreRejected() {
        assertValidation(() -> client.putItem(r -> r.tableName(table).item(item("pk", s("")))),
                "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an "
                        + "empty string value. Key: pk");
        assertValidation(() -> client.putItem(r -> r.tableName(rangeTable).item(item("pk", s("h"), "sk", s("")))),
                "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an "
                        + "empty string value. Key: sk");
        assertValidation(() -> client.updateItem(r -> r.tableName(table).key(item("pk", s("")))
                        .updateExpression("SET v = :v").expressionAttributeValues(item(":v", n("1")))),
                "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an "
                        + "empty string value. Key: pk");
    }

    @Test
    void emptySetsAreRejected() {
        assertValidation(() -> put("empty-set", "v", AttributeValue.builder().ss(List.of()).build()),
                "One or more parameter values were invalid: An string set  may not be empty");
        assertValidation(() -> put("empty-set", "v", AttributeValue.builder().ns(List.of()).build()),
                "One or more parameter values were invalid: An number set  may not be empty");
        assertValidation(() -> put("empty-set", "v", AttributeValue.builder().bs(List.of()).build()),
                "One or more parameter values were invalid: Binary sets should not be empty");
        Throwable nested = catchThrowable(() -> put("empty-set", "v",
                m(item("inner", AttributeValue.builder().ss(List.of()).build()))));
        assertThat(nested).isExactlyInstanceOf(DynamoDbException.class);
        assertThat(((DynamoDbException) nested).awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(((DynamoDbException) nested).statusCode()).isEqualTo(400);
        assertThat(get(client, table, item("pk", s("empty-set")))).isNull();
    }

    @Test
    void duplicateSetElementsAreRejected() {
        assertValidation(() -> put("dup-set", "v", ss("a", "a")),
                "One or more parameter values were invalid: Input collection [a, a] contains duplicates.",
                "One or more parameter values were invalid: Input collection [\"a\", \"a\"] contains duplicates.");
        assertValidation(() -> put("dup-set", "v", ns("1", "1")),
                "Input collection contains duplicates",
                "One or more parameter values were invalid: Input collection contains duplicates.");
        assertValidation(() -> put("dup-set", "v", bs(new byte[] {1}, new byte[] {1})),
                "One or more parameter values were invalid: Input collection [AQ==, AQ==]of type BS contains "
                        + "duplicates.",
                "One or more parameter values were invalid: Input collection [\"AQ==\",\"AQ==\"]of type BS contains "
                        + "duplicates.");
        assertThat(get(client, table, item("pk", s("dup-set")))).isNull();
    }

    @Test
    void attributeValuesWithNoTypeOrTwoTypesAreRejected() {
        assertValidation(() -> put("bad-value", "v", AttributeValue.builder().build()),
                "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        assertValidation(() -> put("bad-value", "v", AttributeValue.builder().s("a").n("1").build()),
                "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported "
                        + "datatypes");
        assertValidation(() -> put("bad-value", "v", AttributeValue.builder().nul(false).build()),
                "One or more parameter values were invalid: Null attribute value types must have the value of true");
        assertThat(get(client, table, item("pk", s("bad-value")))).isNull();
    }

    private void assertRejectedNumber(String number, String message) {
        assertValidation(() -> put("bad-number", "v", n(number)), message);
    }

    private void put(String pk, String name, AttributeValue value) {
        client.putItem(r -> r.tableName(table).item(item("pk", s(pk), name, value)));
    }

    private Map<String, AttributeValue> roundTrip(String pk, Object... attributes) {
        Map<String, AttributeValue> stored = new LinkedHashMap<>(item("pk", s(pk)));
        stored.putAll(item(attributes));
        client.putItem(r -> r.tableName(table).item(stored));
        return get(client, table, item("pk", s(pk)));
    }

    private void assertExpressionTooLarge(ThrowingCallable call, String parameter, int size) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isExactlyInstanceOf(DynamoDbException.class);
        DynamoDbException e = (DynamoDbException) thrown;
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(e.statusCode()).isEqualTo(400);
        // DynamoDB's wording varies by region: with or without the envelope, with or without the size at the end.
        assertThat(e.awsErrorDetails().errorMessage()).matches("(" + Pattern.quote(ENVELOPE) + ")?Invalid "
                + parameter + ": Expression size has exceeded the maximum allowed size;( expression size: " + size
                + ")?");
    }

    /** A name of the given length that is no reserved word: a run of 'a', then 'x' and the index. */
    private static String pad(int index, int length) {
        String suffix = "x" + index;
        return "a".repeat(length - suffix.length()) + suffix;
    }

    /** attribute_not_exists(...) AND ... of exactly the given number of bytes. */
    private static String conditionOfBytes(int bytes) {
        List<String> clauses = new ArrayList<>();
        int total = 0;
        for (int i = 0; ; i++) {
            String clause = "attribute_not_exists(" + pad(i, 50) + ")";
            int add = (clauses.isEmpty() ? 0 : 5) + clause.length();
            if (total + add > bytes) {
                break;
            }
            clauses.add(clause);
            total += add;
        }
        int last = clauses.size() - 1;
        clauses.set(last, "attribute_not_exists(" + pad(last, 50 + bytes - total) + ")");
        String expression = String.join(" AND ", clauses);
        assertThat(expression.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        return expression;
    }

    /** SET name = :vN, ... of exactly the given number of bytes; fills in the values it uses. */
    private static String updateOfBytes(int bytes, Map<String, AttributeValue> values) {
        List<String> clauses = new ArrayList<>();
        int total = 4;
        for (int i = 0; ; i++) {
            String clause = pad(i, 50) + " = :v" + i;
            int add = (clauses.isEmpty() ? 0 : 2) + clause.length();
            if (total + add > bytes) {
                break;
            }
            clauses.add(clause);
            values.put(":v" + i, s("x"));
            total += add;
        }
        int last = clauses.size() - 1;
        clauses.set(last, pad(last, 50 + bytes - total) + " = :v" + last);
        String expression = "SET " + String.join(", ", clauses);
        assertThat(expression.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        return expression;
    }
}
