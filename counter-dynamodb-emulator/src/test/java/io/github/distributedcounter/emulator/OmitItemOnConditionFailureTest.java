package io.github.distributedcounter.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The builder's fault switch that answers failed conditions without the item asked for. */
class OmitItemOnConditionFailureTest {

    private static final Map<String, AttributeValue> KEY = Map.of("id", AttributeValue.fromS("a"));

    @Test
    void failedConditionsComeWithoutTheItemOnlyWhenSwitchedOn() {
        assertThat(itemReturnedOnFailedCondition(false)).isEqualTo(Map.of("id", AttributeValue.fromS("a"),
                "n", AttributeValue.fromN("1")));
        assertThat(itemReturnedOnFailedCondition(true)).isNull();
    }

    /** The item a failed conditional UpdateItem asking for ALL_OLD returns, or null when it returns none. */
    private static Map<String, AttributeValue> itemReturnedOnFailedCondition(boolean omit) {
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().omitItemOnConditionFailure(omit).start();
                DynamoDbClient client = emulator.createClient()) {
            client.createTable(b -> b.tableName("faults").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                            .attributeType(ScalarAttributeType.S).build()));
            client.putItem(b -> b.tableName("faults").item(Map.of("id", AttributeValue.fromS("a"),
                    "n", AttributeValue.fromN("1"))));
            ConditionalCheckFailedException failed = catchThrowableOfType(ConditionalCheckFailedException.class,
                    () -> client.updateItem(b -> b.tableName("faults").key(KEY).updateExpression("SET n = :two")
                            .conditionExpression("n = :two").expressionAttributeValues(Map.of(":two",
                                    AttributeValue.fromN("2")))
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
            assertThat(client.getItem(b -> b.tableName("faults").key(KEY)).item()).containsEntry("n",
                    AttributeValue.fromN("1"));
            return failed.hasItem() ? failed.item() : null;
        }
    }
}
