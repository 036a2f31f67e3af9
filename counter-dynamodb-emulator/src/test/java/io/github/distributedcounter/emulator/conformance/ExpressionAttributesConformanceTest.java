package io.github.distributedcounter.emulator.conformance;

import static io.github.distributedcounter.emulator.conformance.Conformance.assertValidation;
import static io.github.distributedcounter.emulator.conformance.Conformance.get;
import static io.github.distributedcounter.emulator.conformance.Conformance.item;
import static io.github.distributedcounter.emulator.conformance.Conformance.n;
import static io.github.distributedcounter.emulator.conformance.Conformance.names;
import static io.github.distributedcounter.emulator.conformance.Conformance.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * ExpressionAttributeNames and ExpressionAttributeValues: names and values that are missing, unused or given as
 * empty maps, maps given without an expression, reserved words used bare, and the syntax errors of the
 * expressions. Nothing is written by a rejected request.
 *
 * <p>Expected outcomes come from:
 * <ul>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeNames.html">Expression
 *       attribute names</a> and
 *       <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeValues.html">Expression
 *       attribute values</a> (every name and value given must be used; names stand in for reserved words)</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ReservedWords.html">Reserved words
 *       in DynamoDB</a> ("value", "name", "status" among them; case-insensitive)</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html">UpdateItem</a>,
 *       <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html">PutItem</a> and
 *       <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html">GetItem</a></li>
 *   <li>the exact messages as DynamoDB returns them, recorded in users' reports and the public conformance captures
 *       against DynamoDB; DynamoDB sends some of them inside a "1 validation error detected: " envelope in some
 *       regions and bare in others, and the tests accept exactly those two forms.</li>
 * </ul>
 */
@DynamoDbEmulatorTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExpressionAttributesConformanceTest {

    private static final Map<String, AttributeValue> KEY = item("pk", s("k"));
    private static final Map<String, AttributeValue> STORED = item("pk", s("k"), "v", n("1"));

    private final DynamoDbClient client;
    private String table;

    ExpressionAttributesConformanceTest(DynamoDbClient client) {
        this.client = client;
    }

    @BeforeAll
    void createTable() {
        table = Conformance.hashTable(client, "exprattr");
        client.putItem(r -> r.tableName(table).item(STORED));
    }

    @Test
    void aNameUsedButNotDefinedIsRejected() {
        assertValidation(() -> client.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET #x = :v")
                        .expressionAttributeNames(names("#y", "y")).expressionAttributeValues(item(":v", n("2")))),
                "Invalid UpdateExpression: An expression attribute name used in the document path is not defined; "
                        + "attribute name: #x");
        assertValidation(() -> client.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET #x = :v")
                        .expressionAttributeValues(item(":v", n("2")))),
                "Invalid UpdateExpression: An expression attribute name used in the document path is not defined; "
                        + "attribute name: #x");
        assertValidation(() -> client.putItem(r -> r.tableName(table).item(item("pk", s("k")))
                        .conditionExpression("attribute_exists(#x)")),
                "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; "
                        + "attribute name: #x");
        assertUnchanged();
    }

    @Test
    void aValueUsedButNotDefinedIsRejected() {
        assertValidation(() -> client.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET v = :v")),
                "Invalid UpdateExpression: An expression attribute value used in expression is not defined; "
                        + "attribute value: :v");
        assertValidation(() -> client.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET w = :w")
                        .conditionExpression("v = :v").expressionAttributeValues(item(":w", s("x")))),
                "Invalid ConditionExpression: An expression attribute value used in expression is not defined; "
                        + "attribute value: :v");
        assertValidation(() -> client.deleteItem(r -> r.tableName(table).key(KEY).conditionExpression("v = :v")),
                "Invalid ConditionExpression: An expression attribute value used in expression is not defined; "
                        + "attribute value: :v");
        assertUnchanged();
    }

    @Test
    void anUnusedNameIsRejected() {
        assertValidation(() -> client.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET v = :v")
                        .expressionAttributeValues(item(":v", n("2")))
                        .expressionAttributeNames(names("#unused", "someattr"))),
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}");
        assertValidation(() -> client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "v", n("9")))
                        .conditionExpression("attribute_exists(#a)").expressionAttributeNames(names("#a", "v",
                                "#unused", "x"))),
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}");
        assertValidation(() -> client.getItem(r -> r.tableName(table).key(KEY).projectionExpression("#a")
                        .expressionAttributeNames(names("#a", "v", "#unused", "x"))),
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}");
        assertUnchanged();
    }

    @Test
    void anUnusedValueIsRejected() {
        assertValidation(() -> client.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET v = :v")
                        .expressionAttributeValues(item(":v", n("2"), ":unused", s("extra")))),
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");
        assertValidation(() -> client.deleteItem(r -> r.tableName(table).key(KEY).conditionExpression("v = :v")
                        .expressionAttributeValues(item(":v", n("1"), ":unused", s("extra")))),
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");
        assertUnchanged();
    }

    @Test
    void aNameOrValueUsedOnlyByTheConditionCountsAsUsed() {
        client.updateItem(r -> r.tableName(table).key(item("pk", s("shared"))).updateExpression("SET #v = :one")
                .conditionExpression("attribute_not_exists(#v) OR #w <> :two")
                .expressionAttributeNames(names("#v", "v", "#w", "w"))
                .expressionAttributeValues(item(":one", n("1"), ":two", n("2"))));
        assertThat(get(client, table, item("pk", s("shared")))).isEqualTo(item("pk", s("shared"), "v", n("1")));
    }

    @Test
    void emptyMapsAreRejected() {
        assertValidation(() -> client.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET v = :v")
                        .expressionAttributeValues(item(":v", n("2"))).expressionAttributeNames(Map.of())),
                "ExpressionAttributeNames must not be empty");
        assertValidation(() -> client.putItem(r -> r.tableName(table).item(item("pk", s("k")))
                        .conditionExpression("attribute_exists(v)").expressionAttributeValues(Map.of())),
                "ExpressionAttributeValues must not be empty");
        assertUnchanged();
    }

    @Test
    void namesOrValuesWithoutAnExpressionAreRejected() {
        assertValidation(() -> client.putItem(r -> r.tableName(table).item(item("pk", s("k")))
                        .expressionAttributeValues(item(":v", s("unused")))),
                "ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null",
                "ExpressionAttributeValues can only be specified when using expressions");
        assertValidation(() -> client.putItem(r -> r.tableName(table).item(item("pk", s("k")))
                        .expressionAttributeNames(names("#a", "a"))),
                "ExpressionAttributeNames can only be specified when using expressions");
        assertValidation(() -> client.getItem(r -> r.tableName(table).key(KEY)
                        .expressionAttributeNames(names("#a", "a"))),
                "ExpressionAttributeNames can only be specified when using expressions");
        assertUnchanged();
    }

    @Test
    void reservedWordsUsedBareAreRejected() {
        assertValidation(() -> client.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET value = :v")
                        .expressionAttributeValues(item(":v", n("2")))),
                "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: value");
        assertValidation(() -> client.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET Status = :v")
                        .expressionAttributeValues(item(":v", n("2")))),
                "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: Status");
        assertValidation(() -> client.updateItem(r -> r.tableName(table).key(KEY).updateExpression("REMOVE year")),
                "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: year");
        assertValidation(() -> client.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET v = :v")
                        .conditionExpression("name = :n").expressionAttributeValues(item(":v", n("2"), ":n", s("x")))),
                "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name");
        assertValidation(() -> client.getItem(r -> r.tableName(table).key(KEY).projectionExpression("v, count")),
                "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: count");
        assertUnchanged();
    }

    @Test
    void reservedWordsWorkThroughNames() {
        Map<String, AttributeValue> key = item("pk", s("reserved"));
        client.updateItem(r -> r.tableName(table).key(key).updateExpression("SET #value = :v, #status = :s")
                .conditionExpression("attribute_not_exists(#name)")
                .expressionAttributeNames(names("#value", "value", "#status", "status", "#name", "name"))
                .expressionAttributeValues(item(":v", n("2"), ":s", s("ok"))));
        assertThat(get(client, table, key)).isEqualTo(item("pk", s("reserved"), "value", n("2"), "status", s("ok")));
        assertThat(client.getItem(r -> r.tableName(table).key(key).projectionExpression("#value")
                .expressionAttributeNames(names("#value", "value"))).item()).isEqualTo(item("value", n("2")));
    }

    @Test
    void invalidNameAndValueKeysAreRejected() {
        assertValidation(() -> client.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET v = :v")
                        .expressionAttributeValues(item(":v", n("2"))).expressionAttributeNames(names("a", "a"))),
                "ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"");
        assertValidation(() -> client.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET v = :v")
                        .expressionAttributeValues(item(":v", n("2"), "b", n("3")))),
                "ExpressionAttributeValues contains invalid key: Syntax error; key: \"b\"");
        assertUnchanged();
    }

    @Test
    void syntaxErrorsAndEmptyExpressionsAreRejected() {
        assertValidation(() -> client.updateItem(r -> r.tableName(table).key(KEY)
                        .updateExpression("INVALID SYNTAX HERE").expressionAttributeValues(item(":v", s("val")))),
                "Invalid UpdateExpression: Syntax error; token: \"INVALID\", near: \"INVALID SYNTAX\"");
        assertValidation(() -> client.updateItem(r -> r.tableName(table).key(KEY).updateExpression("")),
                "Invalid UpdateExpression: The expression can not be empty;");
        assertValidation(() -> client.putItem(r -> r.tableName(table).item(item("pk", s("k")))
                        .conditionExpression("")),
                "Invalid ConditionExpression: The expression can not be empty;");
        assertValidation(() -> client.getItem(r -> r.tableName(table).key(KEY).projectionExpression("!!! INVALID !!!")),
                "Invalid ProjectionExpression: Syntax error; token: \"!\", near: \"!!\"");
        assertValidation(() -> client.updateItem(r -> r.tableName(table).key(KEY)
                        .updateExpression("SET v = :v SET w = :v").expressionAttributeValues(item(":v", n("2")))),
                "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;");
        assertValidation(() -> client.putItem(r -> r.tableName(table).item(item("pk", s("k")))
                        .conditionExpression("attribute_exist(v)")),
                "Invalid ConditionExpression: Invalid function name; function: attribute_exist");
        assertUnchanged();
    }

    private void assertUnchanged() {
        assertThat(get(client, table, KEY)).isEqualTo(STORED);
    }

    /**
     * The legacy conditional parameters are not implemented: a write carrying one is refused rather than applied
     * without its condition, and nothing is written.
     */
    @Test
    void legacyParametersAreRefusedAndNothingIsWritten() {
        assertValidation(() -> client.putItem(r -> r.tableName(table).item(item("pk", s("k"), "v", n("9")))
                        .expected(Map.of("v", software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue
                                .builder().value(n("5")).build()))),
                "The legacy parameter Expected is not supported by this DynamoDB emulator: use ConditionExpression "
                        + "instead");
        assertValidation(() -> client.updateItem(r -> r.tableName(table).key(KEY).attributeUpdates(Map.of("v",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate.builder().value(n("9"))
                                .action("PUT").build()))),
                "The legacy parameter AttributeUpdates is not supported by this DynamoDB emulator: use "
                        + "UpdateExpression instead");
        assertValidation(() -> client.getItem(r -> r.tableName(table).key(KEY).attributesToGet("v")),
                "The legacy parameter AttributesToGet is not supported by this DynamoDB emulator: use "
                        + "ProjectionExpression instead");
        assertValidation(() -> client.batchGetItem(r -> r.requestItems(Map.of(table,
                        software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().keys(KEY)
                                .attributesToGet("v").build()))),
                "The legacy parameter AttributesToGet is not supported by this DynamoDB emulator: use "
                        + "ProjectionExpression instead");
        assertThat(get(client, table, KEY)).isEqualTo(STORED);
    }
}
