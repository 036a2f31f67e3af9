package io.github.distributedcounter.emulator.conformance;

import static io.github.distributedcounter.emulator.conformance.Conformance.assertError;
import static io.github.distributedcounter.emulator.conformance.Conformance.assertExactValidation;
import static io.github.distributedcounter.emulator.conformance.Conformance.b;
import static io.github.distributedcounter.emulator.conformance.Conformance.createTable;
import static io.github.distributedcounter.emulator.conformance.Conformance.get;
import static io.github.distributedcounter.emulator.conformance.Conformance.item;
import static io.github.distributedcounter.emulator.conformance.Conformance.n;
import static io.github.distributedcounter.emulator.conformance.Conformance.s;
import static io.github.distributedcounter.emulator.conformance.Conformance.tableName;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * CreateTable, DescribeTable, DeleteTable and ListTables, and the errors for a table that exists already, a table
 * that does not exist and an invalid table name.
 *
 * <p>Expected outcomes come from:
 * <ul>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html">CreateTable</a>
 *       (asynchronous: the response says {@code CREATING}; ResourceInUseException for an existing table)</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTable.html">DescribeTable</a>
 *       and <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html">TableDescription</a>
 *       (status, key schema, attribute definitions, billing mode summary, provisioned throughput)</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteTable.html">DeleteTable</a>
 *       (the response says {@code DELETING}; ResourceNotFoundException for a missing table)</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTables.html">ListTables</a>
 *       (Limit, ExclusiveStartTableName, LastEvaluatedTableName)</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html">Supported
 *       data types and naming rules</a> (table names: 3 to 255 characters of a-z, A-Z, 0-9, '_', '-', '.')</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html">GetItem</a>,
 *       <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html">PutItem</a> and the
 *       other operations on a table ("You can also provide the Amazon Resource Name (ARN) of the table in this
 *       parameter"; hence a TableName of at least 1 character there)</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html">Error
 *       handling with DynamoDB</a>; the exact messages ("Requested resource not found", "Requested resource not
 *       found: Table: NAME not found", "Table already exists: NAME", the tableName constraint messages) are the ones
 *       DynamoDB returns as recorded by users' reports and the public conformance captures against DynamoDB.</li>
 * </ul>
 */
@DynamoDbEmulatorTest
class TablesConformanceTest {

    private static final String PREFIX = "tables";

    private final DynamoDbClient client;

    TablesConformanceTest(DynamoDbClient client) {
        this.client = client;
    }

    @Test
    void createTableAnswersCreatingAndDescribeTableShowsTheActiveOnDemandTable() {
        String name = tableName(PREFIX);
        CreateTableResponse created = client.createTable(r -> r.tableName(name)
                .attributeDefinitions(definition("pk", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        assertThat(created.tableDescription().tableName()).isEqualTo(name);
        assertThat(created.tableDescription().tableStatus()).isEqualTo(TableStatus.CREATING);
        assertThat(created.tableDescription().keySchema()).containsExactly(key("pk", KeyType.HASH));

        TableDescription table = client.describeTable(r -> r.tableName(name)).table();
        assertThat(table.tableName()).isEqualTo(name);
        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.keySchema()).containsExactly(key("pk", KeyType.HASH));
        assertThat(table.attributeDefinitions()).containsExactly(definition("pk", ScalarAttributeType.S));
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.provisionedThroughput().readCapacityUnits()).isZero();
        assertThat(table.provisionedThroughput().writeCapacityUnits()).isZero();
        assertThat(table.tableArn()).startsWith("arn:aws:dynamodb:").endsWith(":table/" + name);
    }

    @Test
    void provisionedTableWithNumberHashKeyAndBinaryRangeKey() {
        String name = tableName(PREFIX);
        client.createTable(r -> r.tableName(name)
                .attributeDefinitions(definition("id", ScalarAttributeType.N),
                        definition("part", ScalarAttributeType.B))
                .keySchema(key("id", KeyType.HASH), key("part", KeyType.RANGE))
                .billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(7L)));

        TableDescription table = client.describeTable(r -> r.tableName(name)).table();
        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.keySchema()).containsExactly(key("id", KeyType.HASH), key("part", KeyType.RANGE));
        assertThat(table.attributeDefinitions()).containsExactlyInAnyOrder(
                definition("id", ScalarAttributeType.N), definition("part", ScalarAttributeType.B));
        assertThat(table.provisionedThroughput().readCapacityUnits()).isEqualTo(5L);
        assertThat(table.provisionedThroughput().writeCapacityUnits()).isEqualTo(7L);

        Map<String, AttributeValue> first = item("id", n("42"), "part", b((byte) 1, (byte) 2), "v", s("one"));
        Map<String, AttributeValue> second = item("id", n("42"), "part", b((byte) 1, (byte) 3), "v", s("two"));
        client.putItem(r -> r.tableName(name).item(first));
        client.putItem(r -> r.tableName(name).item(second));
        // The number key matches by value, not by its text.
        assertThat(get(client, name, item("id", n("42.0"), "part", b((byte) 1, (byte) 2)))).isEqualTo(first);
        assertThat(get(client, name, item("id", n("4.2E1"), "part", b((byte) 1, (byte) 3)))).isEqualTo(second);
    }

    @Test
    void provisionedIsTheDefaultBillingMode() {
        String name = tableName(PREFIX);
        client.createTable(r -> r.tableName(name)
                .attributeDefinitions(definition("pk", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH))
                .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(2L)));
        TableDescription table = client.describeTable(r -> r.tableName(name)).table();
        assertThat(table.provisionedThroughput().readCapacityUnits()).isEqualTo(1L);
        assertThat(table.provisionedThroughput().writeCapacityUnits()).isEqualTo(2L);
        assertThat(table.billingModeSummary() == null ? BillingMode.PROVISIONED
                : table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PROVISIONED);
    }

    @Test
    void binaryHashKeyTable() {
        String name = createTable(client, tableName(PREFIX), "k", ScalarAttributeType.B, null, null);
        Map<String, AttributeValue> stored = item("k", b((byte) 0, (byte) -1), "v", n("1"));
        client.putItem(r -> r.tableName(name).item(stored));
        assertThat(get(client, name, item("k", b((byte) 0, (byte) -1)))).isEqualTo(stored);
        assertThat(get(client, name, item("k", b((byte) 0)))).isNull();
    }

    @Test
    void creatingAnExistingTableIsResourceInUse() {
        String name = Conformance.hashTable(client, PREFIX);
        assertError(() -> client.createTable(r -> r.tableName(name)
                        .attributeDefinitions(definition("pk", ScalarAttributeType.S))
                        .keySchema(key("pk", KeyType.HASH))
                        .billingMode(BillingMode.PAY_PER_REQUEST)),
                ResourceInUseException.class, "ResourceInUseException", "Table already exists: " + name);
    }

    @Test
    void describingOrDeletingAMissingTableNamesTheTable() {
        String name = tableName(PREFIX);
        assertError(() -> client.describeTable(r -> r.tableName(name)), ResourceNotFoundException.class,
                "ResourceNotFoundException", "Requested resource not found: Table: " + name + " not found");
        assertError(() -> client.deleteTable(r -> r.tableName(name)), ResourceNotFoundException.class,
                "ResourceNotFoundException", "Requested resource not found: Table: " + name + " not found");
    }

    @Test
    void itemOperationsOnAMissingTableAreResourceNotFound() {
        String name = tableName(PREFIX);
        Map<String, AttributeValue> key = item("pk", s("a"));
        String message = "Requested resource not found";
        assertError(() -> client.getItem(r -> r.tableName(name).key(key)), ResourceNotFoundException.class,
                "ResourceNotFoundException", message);
        assertError(() -> client.putItem(r -> r.tableName(name).item(key)), ResourceNotFoundException.class,
                "ResourceNotFoundException", message);
        assertError(() -> client.updateItem(r -> r.tableName(name).key(key).updateExpression("SET v = :v")
                        .expressionAttributeValues(Map.of(":v", n("1")))), ResourceNotFoundException.class,
                "ResourceNotFoundException", message);
        assertError(() -> client.deleteItem(r -> r.tableName(name).key(key)), ResourceNotFoundException.class,
                "ResourceNotFoundException", message);
        assertError(() -> client.batchGetItem(r -> r.requestItems(
                        Map.of(name, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
                                .keys(key).build()))),
                ResourceNotFoundException.class, "ResourceNotFoundException", message);
    }

    @Test
    void deleteTableAnswersDeletingAndTheTableIsGoneWithItsItems() {
        String name = Conformance.hashTable(client, PREFIX);
        client.putItem(r -> r.tableName(name).item(item("pk", s("a"), "v", n("1"))));

        DeleteTableResponse deleted = client.deleteTable(r -> r.tableName(name));
        assertThat(deleted.tableDescription().tableName()).isEqualTo(name);
        assertThat(deleted.tableDescription().tableStatus()).isEqualTo(TableStatus.DELETING);

        assertError(() -> client.describeTable(r -> r.tableName(name)), ResourceNotFoundException.class,
                "ResourceNotFoundException", "Requested resource not found: Table: " + name + " not found");
        assertError(() -> client.getItem(r -> r.tableName(name).key(item("pk", s("a")))),
                ResourceNotFoundException.class, "ResourceNotFoundException", "Requested resource not found");
        assertThat(allTableNames()).doesNotContain(name);

        createTable(client, name, "pk", ScalarAttributeType.S, null, null);
        assertThat(get(client, name, item("pk", s("a")))).isNull();
    }

    @Test
    void listTablesIsSortedAndPagesWithLimitAndExclusiveStartTableName() {
        String base = tableName(PREFIX + "-list");
        // Created out of order; a name that sorts before all of them starts the listing at the first.
        for (String suffix : List.of("c", "a", "b")) {
            createTable(client, base + "-" + suffix, "pk", ScalarAttributeType.S, null, null);
        }
        String start = base + "-";

        ListTablesResponse first = client.listTables(r -> r.exclusiveStartTableName(start).limit(2));
        assertThat(first.tableNames()).containsExactly(base + "-a", base + "-b");
        assertThat(first.lastEvaluatedTableName()).isEqualTo(base + "-b");

        ListTablesResponse second = client.listTables(r -> r.exclusiveStartTableName(first.lastEvaluatedTableName())
                .limit(1));
        assertThat(second.tableNames()).containsExactly(base + "-c");

        List<String> all = allTableNames();
        assertThat(all).contains(base + "-a", base + "-b", base + "-c");
        assertThat(all).isSorted();
        assertThat(all).doesNotHaveDuplicates();
    }

    @Test
    void listTablesWithALimitCoveringTheRestHasNoLastEvaluatedTableName() {
        List<String> all = allTableNames();
        String last = all.get(all.size() - 1);
        String beforeLast = all.size() > 1 ? all.get(all.size() - 2) : null;
        ListTablesResponse tail = client.listTables(r -> {
            r.limit(1);
            if (beforeLast != null) {
                r.exclusiveStartTableName(beforeLast);
            }
        });
        assertThat(tail.tableNames()).containsExactly(last);
        assertThat(tail.lastEvaluatedTableName()).isNull();
        assertThat(client.listTables(r -> r.exclusiveStartTableName(last)).tableNames()).isEmpty();
    }

    @Test
    void aTableCanBeNamedByItsArn() {
        String name = Conformance.hashTable(client, PREFIX);
        String arn = client.describeTable(r -> r.tableName(name)).table().tableArn();
        Map<String, AttributeValue> key = item("pk", s("by-arn"));
        client.putItem(r -> r.tableName(arn).item(item("pk", s("by-arn"), "v", n("1"))));
        assertThat(get(client, name, key)).isEqualTo(item("pk", s("by-arn"), "v", n("1")));
        client.updateItem(r -> r.tableName(arn).key(key).updateExpression("ADD v :one")
                .expressionAttributeValues(Map.of(":one", n("1"))));
        assertThat(client.getItem(r -> r.tableName(arn).key(key).consistentRead(true)).item())
                .isEqualTo(item("pk", s("by-arn"), "v", n("2")));
        assertThat(client.describeTable(r -> r.tableName(arn)).table().tableName()).isEqualTo(name);
        client.deleteItem(r -> r.tableName(arn).key(key));
        assertThat(get(client, name, key)).isNull();
        client.deleteTable(r -> r.tableName(arn));
        assertThat(allTableNames()).doesNotContain(name);
    }

    @Test
    void itemOperationsAcceptShortNamesButNotEmptyLongOrInvalidOnes() {
        // The constraint on an item operation's TableName allows ARNs, so a two-character name is merely missing.
        assertError(() -> client.getItem(r -> r.tableName("ab").key(item("pk", s("a")))),
                ResourceNotFoundException.class, "ResourceNotFoundException", "Requested resource not found");
        assertExactValidation(() -> client.putItem(r -> r.tableName("").item(item("pk", s("a")))),
                "1 validation error detected: Value '' at 'tableName' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
        String tooLong = "a".repeat(256);
        assertExactValidation(() -> client.putItem(r -> r.tableName(tooLong).item(item("pk", s("a")))),
                "1 validation error detected: Value '" + tooLong + "' at 'tableName' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 255");
        assertExactValidation(() -> client.putItem(r -> r.tableName("bad table!@#").item(item("pk", s("a")))),
                "1 validation error detected: Value 'bad table!@#' at 'tableName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }

    @Test
    void tableNamesOfThreeAnd255CharactersOfTheAllowedCharactersAreValid() {
        String shortest = "x.9";
        createTable(client, shortest, "pk", ScalarAttributeType.S, null, null);
        assertThat(client.describeTable(r -> r.tableName(shortest)).table().tableName()).isEqualTo(shortest);
        client.deleteTable(r -> r.tableName(shortest));

        String longest = ("Az09_.-" + "x".repeat(255)).substring(0, 255);
        createTable(client, longest, "pk", ScalarAttributeType.S, null, null);
        assertThat(client.describeTable(r -> r.tableName(longest)).table().tableName()).isEqualTo(longest);
        client.deleteTable(r -> r.tableName(longest));
    }

    @Test
    void tableNameShorterThanThreeCharactersIsRejected() {
        assertExactValidation(() -> client.createTable(onDemand("ab")),
                "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 3");
    }

    @Test
    void tableNameLongerThan255CharactersIsRejected() {
        String name = "a".repeat(256);
        assertExactValidation(() -> client.createTable(onDemand(name)),
                "1 validation error detected: Value '" + name + "' at 'tableName' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 255");
    }

    @Test
    void tableNameWithACharacterOutsideTheAllowedSetIsRejected() {
        assertExactValidation(() -> client.createTable(onDemand("bad name!")),
                "1 validation error detected: Value 'bad name!' at 'tableName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        assertThat(allTableNames()).doesNotContain("bad name!");
    }

    private CreateTableRequest onDemand(String name) {
        return CreateTableRequest.builder().tableName(name)
                .attributeDefinitions(definition("pk", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST).build();
    }

    private List<String> allTableNames() {
        List<String> names = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            ListTablesResponse page = client.listTables(r -> r.exclusiveStartTableName(from));
            names.addAll(page.tableNames());
            start = page.lastEvaluatedTableName();
        } while (start != null);
        return names;
    }

    private static AttributeDefinition definition(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
