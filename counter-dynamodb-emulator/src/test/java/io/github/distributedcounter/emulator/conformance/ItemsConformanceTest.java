package io.github.distributedcounter.emulator.conformance;

import static io.github.distributedcounter.emulator.conformance.Conformance.assertExactValidation;
import static io.github.distributedcounter.emulator.conformance.Conformance.assertValidation;
import static io.github.distributedcounter.emulator.conformance.Conformance.b;
import static io.github.distributedcounter.emulator.conformance.Conformance.bool;
import static io.github.distributedcounter.emulator.conformance.Conformance.bs;
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

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * PutItem, GetItem, DeleteItem and UpdateItem: round trips of every data type, consistent reads, projections, key
 * validation, ReturnValues, ReturnConsumedCapacity, key attributes that an update may not touch, and UpdateItem
 * creating an item.
 *
 * <p>Expected outcomes come from:
 * <ul>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html">PutItem</a>,
 *       <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html">GetItem</a>,
 *       <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html">DeleteItem</a>
 *       and <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html">UpdateItem</a>
 *       (ReturnValues: PutItem and DeleteItem recognise only NONE and ALL_OLD; UPDATED_OLD and UPDATED_NEW return
 *       only the updated attributes, for a nested path only that path, as users and the public conformance suites
 *       recorded against DynamoDB; UpdateItem creates a missing item; no item in a GetItem response when there is
 *       none)</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ProjectionExpressions.html">Projection
 *       expressions</a> (top-level, nested map and list element paths)</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html">DynamoDB
 *       read and write operations</a> and
 *       <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html">DynamoDB
 *       item sizes and formats</a> (a write unit per started 1 KB of the larger of the item before and after; a
 *       strongly consistent read unit per started 4 KB, half for an eventually consistent read; a read of a missing
 *       item still costs one unit, or half)</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html">Error
 *       handling with DynamoDB</a>; the exact messages ("The provided key element does not match the schema",
 *       "ReturnValues can only be ALL_OLD or NONE", "Cannot update attribute pk. This attribute is part of the key",
 *       the missing-key and type-mismatch messages of PutItem) are the ones DynamoDB returns as recorded by users'
 *       reports and the public conformance captures against DynamoDB.</li>
 * </ul>
 */
@DynamoDbEmulatorTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ItemsConformanceTest {

    private static final String KEY_MISMATCH = "The provided key element does not match the schema";
    private static final String KEY_UPDATE = "One or more parameter values were invalid: Cannot update attribute ";

    private final DynamoDbClient client;
    private String table;
    private String rangeTable;

    ItemsConformanceTest(DynamoDbClient client) {
        this.client = client;
    }

    @BeforeAll
    void createTables() {
        table = Conformance.hashTable(client, "items");
        rangeTable = Conformance.rangeTable(client, "items");
    }

    @Test
    void putThenGetReturnsEveryDataTypeAsStored() {
        Map<String, AttributeValue> stored = item(
                "pk", s("all-types"),
                "s", s("text ü"),
                "n", n("-56.789"),
                "b", b((byte) 0, (byte) 1, (byte) -1),
                "t", bool(true),
                "f", bool(false),
                "z", nul(),
                "l", l(s("a"), n("1"), l(), m(Map.of())),
                "m", m(item("a", s("x"), "b", m(item("c", n("2"))))));
        client.putItem(r -> r.tableName(table).item(stored));
        assertThat(get(client, table, item("pk", s("all-types")))).isEqualTo(stored);
    }

    @Test
    void setsRoundTripWithTheirElements() {
        client.putItem(r -> r.tableName(table).item(item("pk", s("sets"),
                "ss", ss("b", "a", "c"), "ns", ns("3", "-1.5", "20"), "bs", bs(new byte[] {1}, new byte[] {2}))));
        Map<String, AttributeValue> read = get(client, table, item("pk", s("sets")));
        assertThat(read.get("ss").ss()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(read.get("ns").ns()).containsExactlyInAnyOrder("3", "-1.5", "20");
        assertThat(read.get("bs").bs()).extracting(x -> x.asByteArray()[0])
                .containsExactlyInAnyOrder((byte) 1, (byte) 2);
    }

    @Test
    void numbersComeBackNormalised() {
        client.putItem(r -> r.tableName(table).item(item("pk", s("numbers"),
                "a", n("00042"), "b", n("1.0"), "c", n("3.1400"), "d", n("1.5E2"), "e", n("-0"), "f", n("-15.789e6"))));
        assertThat(get(client, table, item("pk", s("numbers")))).isEqualTo(item("pk", s("numbers"),
                "a", n("42"), "b", n("1"), "c", n("3.14"), "d", n("150"), "e", n("0"), "f", n("-15789000")));
    }

    @Test
    void getOfAMissingItemHasNoItem() {
        GetItemResponse strong = client.getItem(r -> r.tableName(table).key(item("pk", s("never")))
                .consistentRead(true));
        GetItemResponse eventual = client.getItem(r -> r.tableName(table).key(item("pk", s("never"))));
        assertThat(strong.hasItem()).isFalse();
        assertThat(eventual.hasItem()).isFalse();
    }

    @Test
    void consistentAndEventuallyConsistentReadsSeeTheLatestWrite() {
        client.putItem(r -> r.tableName(table).item(item("pk", s("read"), "v", n("1"))));
        client.putItem(r -> r.tableName(table).item(item("pk", s("read"), "v", n("2"))));
        assertThat(client.getItem(r -> r.tableName(table).key(item("pk", s("read"))).consistentRead(true)).item())
                .isEqualTo(item("pk", s("read"), "v", n("2")));
        assertThat(client.getItem(r -> r.tableName(table).key(item("pk", s("read"))).consistentRead(false)).item())
                .isEqualTo(item("pk", s("read"), "v", n("2")));
    }

    @Test
    void putReplacesTheWholeItem() {
        client.putItem(r -> r.tableName(table).item(item("pk", s("replace"), "a", n("1"), "b", n("2"))));
        client.putItem(r -> r.tableName(table).item(item("pk", s("replace"), "c", n("3"))));
        assertThat(get(client, table, item("pk", s("replace")))).isEqualTo(item("pk", s("replace"), "c", n("3")));
    }

    @Test
    void rangeTableKeepsOneItemPerFullKey() {
        client.putItem(r -> r.tableName(rangeTable).item(item("pk", s("h"), "sk", s("1"), "v", s("one"))));
        client.putItem(r -> r.tableName(rangeTable).item(item("pk", s("h"), "sk", s("2"), "v", s("two"))));
        assertThat(get(client, rangeTable, item("pk", s("h"), "sk", s("1")))).containsEntry("v", s("one"));
        assertThat(get(client, rangeTable, item("sk", s("2"), "pk", s("h")))).containsEntry("v", s("two"));
        client.deleteItem(r -> r.tableName(rangeTable).key(item("pk", s("h"), "sk", s("1"))));
        assertThat(get(client, rangeTable, item("pk", s("h"), "sk", s("1")))).isNull();
        assertThat(get(client, rangeTable, item("pk", s("h"), "sk", s("2")))).isNotNull();
    }

    @Test
    void projectionReturnsTopLevelNestedAndListElementPaths() {
        client.putItem(r -> r.tableName(table).item(item("pk", s("proj"),
                "a", s("x"), "b", n("2"), "m", m(item("in", s("y"), "other", s("z"))),
                "l", l(s("l0"), s("l1"), s("l2")),
                "name", s("reserved"))));
        GetItemResponse response = client.getItem(r -> r.tableName(table).key(item("pk", s("proj")))
                .projectionExpression("a, m.#in, l[1], #n, absent")
                .expressionAttributeNames(names("#in", "in", "#n", "name")));
        assertThat(response.item()).isEqualTo(item("a", s("x"), "m", m(item("in", s("y"))), "l", l(s("l1")),
                "name", s("reserved")));
    }

    @Test
    void projectionOfOnlyMissingAttributesOfAnExistingItemIsAnEmptyItem() {
        client.putItem(r -> r.tableName(table).item(item("pk", s("proj-empty"), "a", s("x"))));
        GetItemResponse response = client.getItem(r -> r.tableName(table).key(item("pk", s("proj-empty")))
                .projectionExpression("nothing"));
        assertThat(response.hasItem()).isTrue();
        assertThat(response.item()).isEmpty();
    }

    @Test
    void keyWithAMissingAttributeDoesNotMatchTheSchema() {
        assertExactValidation(() -> client.getItem(r -> r.tableName(table).key(item("other", s("a")))), KEY_MISMATCH);
        assertExactValidation(() -> client.getItem(r -> r.tableName(rangeTable).key(item("pk", s("a")))), KEY_MISMATCH);
        assertExactValidation(() -> client.deleteItem(r -> r.tableName(rangeTable).key(item("pk", s("a")))),
                KEY_MISMATCH);
        assertExactValidation(() -> client.updateItem(r -> r.tableName(rangeTable).key(item("pk", s("a")))
                .updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v", n("1")))), KEY_MISMATCH);
    }

    @Test
    void keyWithAWrongTypeDoesNotMatchTheSchema() {
        for (AttributeValue wrong : List.of(n("1"), b((byte) 1), bool(true), nul(), ss("a"), l(s("a")),
                m(item("x", s("a"))))) {
            assertExactValidation(() -> client.getItem(r -> r.tableName(table).key(item("pk", wrong))), KEY_MISMATCH);
            assertExactValidation(() -> client.deleteItem(r -> r.tableName(table).key(item("pk", wrong))),
                    KEY_MISMATCH);
        }
    }

    @Test
    void keyWithAnExtraAttributeDoesNotMatchTheSchema() {
        client.putItem(r -> r.tableName(table).item(item("pk", s("extra"), "v", n("1"))));
        Map<String, AttributeValue> key = item("pk", s("extra"), "v", n("1"));
        assertExactValidation(() -> client.getItem(r -> r.tableName(table).key(key)), KEY_MISMATCH);
        assertExactValidation(() -> client.deleteItem(r -> r.tableName(table).key(key)), KEY_MISMATCH);
        assertExactValidation(() -> client.updateItem(r -> r.tableName(table).key(key)
                .updateExpression("SET w = :w").expressionAttributeValues(Map.of(":w", n("1")))), KEY_MISMATCH);
        assertThat(get(client, table, item("pk", s("extra")))).isEqualTo(item("pk", s("extra"), "v", n("1")));
    }

    @Test
    void putWithoutTheKeyOrWithAKeyOfTheWrongTypeIsRejected() {
        assertValidation(() -> client.putItem(r -> r.tableName(table).item(item("v", s("a")))),
                "One or more parameter values were invalid: Missing the key pk in the item");
        assertValidation(() -> client.putItem(r -> r.tableName(rangeTable).item(item("pk", s("a")))),
                "One or more parameter values were invalid: Missing the key sk in the item");
        assertValidation(() -> client.putItem(r -> r.tableName(table).item(item("pk", n("1")))),
                "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N");
        assertValidation(() -> client.putItem(r -> r.tableName(table).item(item("pk", ss("a")))),
                "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: SS");
    }

    @Test
    void putItemReturnsTheOldItemOnlyWithAllOld() {
        Map<String, AttributeValue> key = item("pk", s("put-rv"));
        PutItemResponse created = client.putItem(r -> r.tableName(table).item(item("pk", s("put-rv"), "v", n("1")))
                .returnValues(ReturnValue.ALL_OLD));
        assertThat(created.hasAttributes()).isFalse();

        PutItemResponse replaced = client.putItem(r -> r.tableName(table).item(item("pk", s("put-rv"), "v", n("2")))
                .returnValues(ReturnValue.ALL_OLD));
        assertThat(replaced.attributes()).isEqualTo(item("pk", s("put-rv"), "v", n("1")));

        PutItemResponse none = client.putItem(r -> r.tableName(table).item(item("pk", s("put-rv"), "v", n("3")))
                .returnValues(ReturnValue.NONE));
        assertThat(none.hasAttributes()).isFalse();
        PutItemResponse unset = client.putItem(r -> r.tableName(table).item(item("pk", s("put-rv"), "v", n("4"))));
        assertThat(unset.hasAttributes()).isFalse();
        assertThat(get(client, table, key)).isEqualTo(item("pk", s("put-rv"), "v", n("4")));
    }

    @Test
    void putItemAndDeleteItemRejectTheOtherReturnValues() {
        client.putItem(r -> r.tableName(table).item(item("pk", s("rv-only"), "v", n("1"))));
        for (ReturnValue value : List.of(ReturnValue.UPDATED_OLD, ReturnValue.ALL_NEW, ReturnValue.UPDATED_NEW)) {
            assertExactValidation(() -> client.putItem(r -> r.tableName(table)
                    .item(item("pk", s("rv-only"), "v", n("2"))).returnValues(value)),
                    "ReturnValues can only be ALL_OLD or NONE");
            assertExactValidation(() -> client.deleteItem(r -> r.tableName(table).key(item("pk", s("rv-only")))
                    .returnValues(value)), "ReturnValues can only be ALL_OLD or NONE");
        }
        assertThat(get(client, table, item("pk", s("rv-only")))).isEqualTo(item("pk", s("rv-only"), "v", n("1")));
    }

    @Test
    void deleteItemReturnsTheDeletedItemWithAllOld() {
        client.putItem(r -> r.tableName(table).item(item("pk", s("del-rv"), "v", n("1"))));
        DeleteItemResponse deleted = client.deleteItem(r -> r.tableName(table).key(item("pk", s("del-rv")))
                .returnValues(ReturnValue.ALL_OLD));
        assertThat(deleted.attributes()).isEqualTo(item("pk", s("del-rv"), "v", n("1")));
        assertThat(get(client, table, item("pk", s("del-rv")))).isNull();

        DeleteItemResponse again = client.deleteItem(r -> r.tableName(table).key(item("pk", s("del-rv")))
                .returnValues(ReturnValue.ALL_OLD));
        assertThat(again.hasAttributes()).isFalse();
    }

    @Test
    void updateItemReturnValuesOfEveryKind() {
        Map<String, AttributeValue> key = item("pk", s("upd-rv"));
        client.putItem(r -> r.tableName(table).item(item("pk", s("upd-rv"), "a", n("1"), "b", s("keep"),
                "c", s("gone"))));

        UpdateItemResponse none = update(key, ReturnValue.NONE, "SET a = :a", ":a", n("2"));
        assertThat(none.hasAttributes()).isFalse();

        UpdateItemResponse allOld = update(key, ReturnValue.ALL_OLD, "SET a = :a", ":a", n("3"));
        assertThat(allOld.attributes()).isEqualTo(item("pk", s("upd-rv"), "a", n("2"), "b", s("keep"),
                "c", s("gone")));

        UpdateItemResponse updatedOld = update(key, ReturnValue.UPDATED_OLD, "SET a = :a, d = :d REMOVE c",
                ":a", n("4"), ":d", s("new"));
        assertThat(updatedOld.attributes()).isEqualTo(item("a", n("3"), "c", s("gone")));

        UpdateItemResponse allNew = update(key, ReturnValue.ALL_NEW, "SET a = :a", ":a", n("5"));
        assertThat(allNew.attributes()).isEqualTo(item("pk", s("upd-rv"), "a", n("5"), "b", s("keep"),
                "d", s("new")));

        UpdateItemResponse updatedNew = update(key, ReturnValue.UPDATED_NEW, "SET a = :a, e = :e REMOVE d",
                ":a", n("6"), ":e", s("e"));
        assertThat(updatedNew.attributes()).isEqualTo(item("a", n("6"), "e", s("e")));

        assertThat(get(client, table, key)).isEqualTo(item("pk", s("upd-rv"), "a", n("6"), "b", s("keep"),
                "e", s("e")));
    }

    @Test
    void updatedValuesOfANestedPathAreThatPathOnly() {
        Map<String, AttributeValue> key = item("pk", s("upd-nested"));
        client.putItem(r -> r.tableName(table).item(item("pk", s("upd-nested"),
                "m", m(item("a", n("1"), "b", n("2"))), "extra", s("o"))));
        UpdateItemResponse updatedNew = update(key, ReturnValue.UPDATED_NEW, "SET m.a = :v", ":v", n("10"));
        assertThat(updatedNew.attributes()).isEqualTo(item("m", m(item("a", n("10")))));
        UpdateItemResponse updatedOld = update(key, ReturnValue.UPDATED_OLD, "SET m.a = :v", ":v", n("20"));
        assertThat(updatedOld.attributes()).isEqualTo(item("m", m(item("a", n("10")))));
        UpdateItemResponse removed = update(key, ReturnValue.UPDATED_NEW, "REMOVE extra");
        assertThat(removed.hasAttributes()).isFalse();
        assertThat(get(client, table, key)).isEqualTo(item("pk", s("upd-nested"),
                "m", m(item("a", n("20"), "b", n("2")))));
    }

    @Test
    void updateItemCreatesAMissingItemWithItsKey() {
        Map<String, AttributeValue> key = item("pk", s("upsert"), "sk", s("1"));
        UpdateItemResponse response = client.updateItem(r -> r.tableName(rangeTable).key(key)
                .updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v", n("7")))
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(response.attributes()).isEqualTo(item("pk", s("upsert"), "sk", s("1"), "v", n("7")));
        assertThat(get(client, rangeTable, key)).isEqualTo(item("pk", s("upsert"), "sk", s("1"), "v", n("7")));

        UpdateItemResponse old = client.updateItem(r -> r.tableName(rangeTable).key(item("pk", s("upsert"),
                        "sk", s("2"))).updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v", n("1")))
                .returnValues(ReturnValue.ALL_OLD));
        assertThat(old.hasAttributes()).isFalse();
    }

    @Test
    void updatingAKeyAttributeIsRejectedAndWritesNothing() {
        client.putItem(r -> r.tableName(rangeTable).item(item("pk", s("key-upd"), "sk", s("1"), "v", n("1"))));
        Map<String, AttributeValue> key = item("pk", s("key-upd"), "sk", s("1"));
        assertExactValidation(() -> client.updateItem(r -> r.tableName(rangeTable).key(key)
                        .updateExpression("SET pk = :v, v = :n")
                        .expressionAttributeValues(Map.of(":v", s("other"), ":n", n("2")))),
                KEY_UPDATE + "pk. This attribute is part of the key");
        assertExactValidation(() -> client.updateItem(r -> r.tableName(rangeTable).key(key)
                        .updateExpression("SET sk = :v").expressionAttributeValues(Map.of(":v", s("2")))),
                KEY_UPDATE + "sk. This attribute is part of the key");
        assertExactValidation(() -> client.updateItem(r -> r.tableName(rangeTable).key(key)
                        .updateExpression("REMOVE #k").expressionAttributeNames(names("#k", "pk"))),
                KEY_UPDATE + "pk. This attribute is part of the key");
        assertThat(get(client, rangeTable, key)).isEqualTo(item("pk", s("key-upd"), "sk", s("1"), "v", n("1")));
    }

    @Test
    void writesChargeAWriteUnitPerStartedKilobyte() {
        // pk (2) + "w1" (2) + v (1) + 1,000 bytes: 1,005 bytes, one unit.
        ConsumedCapacity small = client.putItem(r -> r.tableName(table)
                .item(item("pk", s("w1"), "v", s("x".repeat(1000))))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        assertThat(small.tableName()).isEqualTo(table);
        assertThat(small.capacityUnits()).isEqualTo(1.0);

        // 2 + 2 + 1 + 1,500: 1,505 bytes, two units.
        ConsumedCapacity larger = client.putItem(r -> r.tableName(table)
                .item(item("pk", s("w2"), "v", s("x".repeat(1500))))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        assertThat(larger.capacityUnits()).isEqualTo(2.0);

        // Replacing it with a small item is charged on the larger of the two: two units.
        ConsumedCapacity replaced = client.putItem(r -> r.tableName(table).item(item("pk", s("w2")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        assertThat(replaced.capacityUnits()).isEqualTo(2.0);

        // An update of a 2 + 2 + 1 + 2,500 = 2,505-byte item: three units, the item before being the larger.
        client.putItem(r -> r.tableName(table).item(item("pk", s("w3"), "v", s("x".repeat(2500)))));
        ConsumedCapacity updated = client.updateItem(r -> r.tableName(table).key(item("pk", s("w3")))
                .updateExpression("REMOVE v").returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity();
        assertThat(updated.capacityUnits()).isEqualTo(3.0);

        // A delete is charged on the deleted item: 2 + 2 + 1 + 3,500 = 3,505 bytes, four units.
        client.putItem(r -> r.tableName(table).item(item("pk", s("w4"), "v", s("x".repeat(3500)))));
        ConsumedCapacity deleted = client.deleteItem(r -> r.tableName(table).key(item("pk", s("w4")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        assertThat(deleted.capacityUnits()).isEqualTo(4.0);

        assertThat(client.putItem(r -> r.tableName(table).item(item("pk", s("w5")))
                .returnConsumedCapacity(ReturnConsumedCapacity.NONE)).consumedCapacity()).isNull();
        assertThat(client.putItem(r -> r.tableName(table).item(item("pk", s("w5")))).consumedCapacity()).isNull();
    }

    @Test
    void readsChargeAUnitPerStartedFourKilobytesAndHalfWhenEventuallyConsistent() {
        // 2 + 2 + 1 + 5,000 = 5,005 bytes: two units strongly consistent, one eventually consistent.
        client.putItem(r -> r.tableName(table).item(item("pk", s("r1"), "v", s("x".repeat(5000)))));
        assertThat(readCost("r1", true)).isEqualTo(2.0);
        assertThat(readCost("r1", false)).isEqualTo(1.0);

        // A small item: one unit, or half.
        client.putItem(r -> r.tableName(table).item(item("pk", s("r2"), "v", s("x"))));
        assertThat(readCost("r2", true)).isEqualTo(1.0);
        assertThat(readCost("r2", false)).isEqualTo(0.5);

        // 2 + 2 + 1 + 4,091 = 4,096 bytes, exactly 4 KB: one unit.
        client.putItem(r -> r.tableName(table).item(item("pk", s("r3"), "v", s("x".repeat(4091)))));
        assertThat(readCost("r3", true)).isEqualTo(1.0);
        // One byte more: two units.
        client.putItem(r -> r.tableName(table).item(item("pk", s("r4"), "v", s("x".repeat(4092)))));
        assertThat(readCost("r4", true)).isEqualTo(2.0);

        // Reading a missing item still costs the minimum.
        assertThat(readCost("missing", true)).isEqualTo(1.0);
        assertThat(readCost("missing", false)).isEqualTo(0.5);
    }

    private double readCost(String pk, boolean consistent) {
        ConsumedCapacity capacity = client.getItem(r -> r.tableName(table).key(item("pk", s(pk)))
                .consistentRead(consistent).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        assertThat(capacity.tableName()).isEqualTo(table);
        return capacity.capacityUnits();
    }

    private UpdateItemResponse update(Map<String, AttributeValue> key, ReturnValue returnValue, String expression,
            Object... values) {
        return client.updateItem(r -> {
            r.tableName(table).key(key).updateExpression(expression).returnValues(returnValue);
            if (values.length > 0) {
                r.expressionAttributeValues(item(values));
            }
        });
    }
}
