package io.github.distributedcounter.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Shared helpers of the conformance tests: table names of their own per test class, table creation, attribute
 * value shorthands and the assertion of DynamoDB's service errors.
 *
 * <p>DynamoDB reports some validation errors inside a {@code "1 validation error detected: "} envelope and some
 * without, and the choice has varied by region and over time for the same request (the DynamoDB conformance
 * captures of 2026 record both forms). Where a test names such a message, {@link #assertValidation} accepts the
 * message exactly, bare or inside that one envelope, and nothing else.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html">Error
 *     handling with DynamoDB</a>
 */
final class Conformance {

    /** The prefix DynamoDB puts before a request's validation errors when it reports them as a list. */
    static final String ENVELOPE = "1 validation error detected: ";

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Conformance() {
    }

    /** A table name no other test uses: the class's prefix, a counter and the process id. */
    static String tableName(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    }

    /** An on-demand table with a string partition key {@code pk}. */
    static String hashTable(DynamoDbClient client, String prefix) {
        return createTable(client, tableName(prefix), "pk", ScalarAttributeType.S, null, null);
    }

    /** An on-demand table with a string partition key {@code pk} and a string sort key {@code sk}. */
    static String rangeTable(DynamoDbClient client, String prefix) {
        return createTable(client, tableName(prefix), "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.S);
    }

    static String createTable(DynamoDbClient client, String name, String hashName, ScalarAttributeType hashType,
            String rangeName, ScalarAttributeType rangeType) {
        List<AttributeDefinition> definitions = new ArrayList<>();
        List<KeySchemaElement> keySchema = new ArrayList<>();
        definitions.add(AttributeDefinition.builder().attributeName(hashName).attributeType(hashType).build());
        keySchema.add(KeySchemaElement.builder().attributeName(hashName).keyType(KeyType.HASH).build());
        if (rangeName != null) {
            definitions.add(AttributeDefinition.builder().attributeName(rangeName).attributeType(rangeType).build());
            keySchema.add(KeySchemaElement.builder().attributeName(rangeName).keyType(KeyType.RANGE).build());
        }
        client.createTable(CreateTableRequest.builder().tableName(name).attributeDefinitions(definitions)
                .keySchema(keySchema).billingMode(BillingMode.PAY_PER_REQUEST).build());
        return name;
    }

    static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    static AttributeValue n(String value) {
        return AttributeValue.builder().n(value).build();
    }

    static AttributeValue b(byte... value) {
        return AttributeValue.builder().b(SdkBytes.fromByteArray(value)).build();
    }

    static AttributeValue bool(boolean value) {
        return AttributeValue.builder().bool(value).build();
    }

    static AttributeValue nul() {
        return AttributeValue.builder().nul(true).build();
    }

    static AttributeValue ss(String... values) {
        return AttributeValue.builder().ss(values).build();
    }

    static AttributeValue ns(String... values) {
        return AttributeValue.builder().ns(values).build();
    }

    static AttributeValue bs(byte[]... values) {
        return AttributeValue.builder().bs(Arrays.stream(values).map(SdkBytes::fromByteArray).toList()).build();
    }

    static AttributeValue l(AttributeValue... values) {
        return AttributeValue.builder().l(values).build();
    }

    static AttributeValue m(Map<String, AttributeValue> values) {
        return AttributeValue.builder().m(values).build();
    }

    /** A map of alternating names and values, in the order given. */
    static Map<String, AttributeValue> item(Object... namesAndValues) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            item.put((String) namesAndValues[i], (AttributeValue) namesAndValues[i + 1]);
        }
        return item;
    }

    /** A map of alternating names and strings, in the order given. */
    static Map<String, String> names(String... namesAndValues) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            names.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return names;
    }

    /** The item as stored, read strongly consistent; null when there is none. */
    static Map<String, AttributeValue> get(DynamoDbClient client, String table, Map<String, AttributeValue> key) {
        GetItemResponse response = client.getItem(r -> r.tableName(table).key(key).consistentRead(true));
        return response.hasItem() ? response.item() : null;
    }

    /**
     * Asserts that the call fails with exactly the given exception class, error code, HTTP status 400 and message,
     * and returns the exception.
     */
    @SuppressWarnings("unchecked")
    static <T extends DynamoDbException> T assertError(ThrowingCallable call, Class<T> type, String errorCode,
            String message) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("the request's failure").isExactlyInstanceOf(type);
        T e = (T) thrown;
        assertThat(e.awsErrorDetails().errorCode()).as("error code").isEqualTo(errorCode);
        assertThat(e.statusCode()).as("HTTP status").isEqualTo(400);
        assertThat(e.awsErrorDetails().errorMessage()).as("error message").isEqualTo(message);
        return e;
    }

    /**
     * Asserts a ValidationException (which the SDK models as a plain {@link DynamoDbException}) with HTTP status
     * 400 whose message is one of the given ones, either bare or inside the {@link #ENVELOPE}.
     */
    static DynamoDbException assertValidation(ThrowingCallable call, String... messages) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("the request's failure").isExactlyInstanceOf(DynamoDbException.class);
        DynamoDbException e = (DynamoDbException) thrown;
        assertThat(e.awsErrorDetails().errorCode()).as("error code").isEqualTo("ValidationException");
        assertThat(e.statusCode()).as("HTTP status").isEqualTo(400);
        List<String> accepted = new ArrayList<>();
        for (String message : messages) {
            accepted.add(message);
            accepted.add(ENVELOPE + message);
        }
        assertThat(e.awsErrorDetails().errorMessage()).as("error message").isIn(accepted);
        return e;
    }

    /** Asserts a ValidationException with HTTP status 400 whose message is exactly the given one. */
    static DynamoDbException assertExactValidation(ThrowingCallable call, String message) {
        return assertError(call, DynamoDbException.class, "ValidationException", message);
    }
}
