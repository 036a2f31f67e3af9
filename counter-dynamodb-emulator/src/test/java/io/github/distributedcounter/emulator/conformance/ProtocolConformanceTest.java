package io.github.distributedcounter.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * DynamoDB's JSON protocol seen on the wire with {@link HttpClient}: malformed bodies, unknown operations, the
 * response content type and headers, and the members of error bodies ({@code __type} and {@code message}, or
 * {@code Message} for a SerializationException about a member's type); and Query and Scan, which this engine does
 * not serve (its own choice: an UnknownOperationException saying so).
 *
 * <p>Expected outcomes come from:
 * <ul>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.LowLevelAPI.html">DynamoDB
 *       low-level API</a> (POST with {@code X-Amz-Target: DynamoDB_20120810.<Operation>} and
 *       {@code Content-Type: application/x-amz-json-1.0}; the response carries {@code x-amzn-RequestId} and
 *       {@code x-amz-crc32}, the CRC32 checksum of the body; an error body holds {@code __type} and
 *       {@code message})</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html">Error
 *       handling with DynamoDB</a> (HTTP 400 for SerializationException, UnknownOperationException,
 *       ValidationException, ResourceNotFoundException, ConditionalCheckFailedException)</li>
 *   <li>the bodies DynamoDB sends for a malformed body, an unknown or missing target, a missing signature and a
 *       member of the wrong type,
 *       as recorded against DynamoDB by dynalite's connection and serialization tests (github.com/architect/dynalite,
 *       test/connection.js and test/helpers.js). DynamoDB's message for a malformed JSON body is not documented, so
 *       that test asserts the status, the type and the content type only.</li>
 * </ul>
 * Requests that reach an operation are signed with Signature Version 4, as DynamoDB requires (the engine accepts
 * any signature, but not none); the unknown-operation requests are sent unsigned, as dynalite recorded them, since
 * DynamoDB answers those before it looks for the signature.
 */
@DynamoDbEmulatorTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolConformanceTest {

    private static final String AMZ_JSON = "application/x-amz-json-1.0";
    private static final String TARGET = "DynamoDB_20120810.";

    private final URI endpoint;
    private final DynamoDbClient client;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String table;

    ProtocolConformanceTest(URI endpoint, DynamoDbClient client) {
        this.endpoint = endpoint;
        this.client = client;
    }

    @BeforeAll
    void createTable() {
        table = Conformance.hashTable(client, "protocol");
    }

    @Test
    void malformedJsonIsASerializationException() throws Exception {
        for (String json : List.of("{\"TableName\": ", "hi")) {
            HttpResponse<byte[]> response = send(TARGET + "ListTables", json, true);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(contentType(response)).isEqualTo(AMZ_JSON);
            assertThat(body(response).get("__type").asString())
                    .isEqualTo("com.amazon.coral.service#SerializationException");
        }
    }

    @Test
    void anUnsignedRequestIsMissingItsAuthenticationToken() throws Exception {
        HttpResponse<byte[]> response = send(TARGET + "ListTables", "{}", false);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(contentType(response)).isEqualTo(AMZ_JSON);
        Map<String, JsonNode> body = body(response);
        assertThat(body).containsOnlyKeys("__type", "message");
        assertThat(body.get("__type").asString())
                .isEqualTo("com.amazon.coral.service#MissingAuthenticationTokenException");
        assertThat(body.get("message").asString()).isEqualTo("Request is missing Authentication Token");
    }

    @Test
    void anUnknownOperationIsAnUnknownOperationExceptionWithoutMessage() throws Exception {
        for (String target : List.of(TARGET + "ListTable", TARGET + "Frobnicate", "whatever")) {
            HttpResponse<byte[]> response = send(target, "{}", false);
            assertThat(response.statusCode()).as(target).isEqualTo(400);
            assertThat(contentType(response)).isEqualTo(AMZ_JSON);
            Map<String, JsonNode> body = body(response);
            assertThat(body).as(target).containsOnlyKeys("__type");
            assertThat(body.get("__type").asString()).isEqualTo("com.amazon.coral.service#UnknownOperationException");
        }
        HttpResponse<byte[]> noTarget = send(null, "{}", false);
        assertThat(noTarget.statusCode()).isEqualTo(400);
        assertThat(body(noTarget).get("__type").asString())
                .isEqualTo("com.amazon.coral.service#UnknownOperationException");
    }

    @Test
    void queryAndScanAreNotServedAndSaySo() {
        for (ThrowingCallable call : List.<ThrowingCallable>of(
                () -> client.query(r -> r.tableName(table).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.builder().s("a").build()))),
                () -> client.scan(r -> r.tableName(table)))) {
            Throwable thrown = catchThrowable(call);
            assertThat(thrown).isExactlyInstanceOf(DynamoDbException.class);
            DynamoDbException e = (DynamoDbException) thrown;
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
            assertThat(e.awsErrorDetails().errorMessage()).contains("not supported");
        }
    }

    @Test
    void aSuccessfulResponseIsAmzJsonWithRequestIdAndChecksum() throws Exception {
        HttpResponse<byte[]> response = send(TARGET + "DescribeTable", "{\"TableName\":\"" + table + "\"}", true);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentType(response)).isEqualTo(AMZ_JSON);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertChecksum(response);
        Map<String, JsonNode> description = body(response).get("Table").asObject();
        assertThat(description.get("TableName").asString()).isEqualTo(table);
        assertThat(description.get("TableStatus").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void resourceNotFoundBodyHasTypeAndLowercaseMessage() throws Exception {
        String missing = Conformance.tableName("protocol-missing");
        HttpResponse<byte[]> response = send(TARGET + "DescribeTable", "{\"TableName\":\"" + missing + "\"}", true);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(contentType(response)).isEqualTo(AMZ_JSON);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertChecksum(response);
        Map<String, JsonNode> body = body(response);
        assertThat(body).containsOnlyKeys("__type", "message");
        assertThat(body.get("__type").asString())
                .isEqualTo("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
        assertThat(body.get("message").asString())
                .isEqualTo("Requested resource not found: Table: " + missing + " not found");
    }

    @Test
    void validationExceptionBodyHasTypeAndLowercaseMessage() throws Exception {
        HttpResponse<byte[]> response = send(TARGET + "GetItem",
                "{\"TableName\":\"" + table + "\",\"Key\":{\"other\":{\"S\":\"a\"}}}", true);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(contentType(response)).isEqualTo(AMZ_JSON);
        Map<String, JsonNode> body = body(response);
        assertThat(body).containsOnlyKeys("__type", "message");
        assertThat(body.get("__type").asString()).isEqualTo("com.amazon.coral.validate#ValidationException");
        assertThat(body.get("message").asString()).isEqualTo("The provided key element does not match the schema");
    }

    @Test
    void conditionalCheckFailedBodyHasTypeMessageAndTheItemWhenAsked() throws Exception {
        send(TARGET + "PutItem",
                "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"S\":\"ccf\"},\"v\":{\"N\":\"1\"}}}", true);
        String conditional = "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"S\":\"ccf\"}},"
                + "\"ConditionExpression\":\"attribute_not_exists(pk)\"";

        HttpResponse<byte[]> plain = send(TARGET + "PutItem", conditional + "}", true);
        assertThat(plain.statusCode()).isEqualTo(400);
        Map<String, JsonNode> body = body(plain);
        assertThat(body).containsOnlyKeys("__type", "message");
        assertThat(body.get("__type").asString())
                .isEqualTo("com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException");
        assertThat(body.get("message").asString()).isEqualTo("The conditional request failed");

        HttpResponse<byte[]> withItem = send(TARGET + "PutItem",
                conditional + ",\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}", true);
        assertThat(withItem.statusCode()).isEqualTo(400);
        Map<String, JsonNode> withItemBody = body(withItem);
        assertThat(withItemBody).containsOnlyKeys("__type", "message", "Item");
        Map<String, JsonNode> item = withItemBody.get("Item").asObject();
        assertThat(item.get("pk").asObject().get("S").asString()).isEqualTo("ccf");
        assertThat(item.get("v").asObject().get("N").asString()).isEqualTo("1");
    }

    @Test
    void aMemberOfTheWrongTypeIsASerializationExceptionWithCapitalisedMessage() throws Exception {
        HttpResponse<byte[]> response = send(TARGET + "DescribeTable", "{\"TableName\":23}", true);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(contentType(response)).isEqualTo(AMZ_JSON);
        Map<String, JsonNode> body = body(response);
        assertThat(body).containsOnlyKeys("__type", "Message");
        assertThat(body.get("__type").asString()).isEqualTo("com.amazon.coral.service#SerializationException");
        assertThat(body.get("Message").asString()).isEqualTo("NUMBER_VALUE cannot be converted to String");
    }

    private HttpResponse<byte[]> send(String target, String json, boolean signed)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (signed) {
            SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().uri(endpoint.resolve("/"))
                    .method(SdkHttpMethod.POST).putHeader("Content-Type", AMZ_JSON);
            if (target != null) {
                unsigned.putHeader("X-Amz-Target", target);
            }
            SignedRequest signedRequest = AwsV4HttpSigner.create().sign(r -> r
                    .identity(AwsBasicCredentials.create("AKIDCONFORMANCE", "conformance-secret"))
                    .request(unsigned.build())
                    .payload(ContentStreamProvider.fromUtf8String(json))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
            signedRequest.request().headers().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(value -> request.header(name, value));
                }
            });
        } else {
            request.header("Content-Type", AMZ_JSON);
            if (target != null) {
                request.header("X-Amz-Target", target);
            }
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String contentType(HttpResponse<byte[]> response) {
        return response.headers().firstValue("Content-Type").orElse(null);
    }

    private static Map<String, JsonNode> body(HttpResponse<byte[]> response) {
        return JsonNodeParser.create().parse(response.body()).asObject();
    }

    private static void assertChecksum(HttpResponse<byte[]> response) {
        CRC32 crc = new CRC32();
        crc.update(response.body());
        assertThat(response.headers().firstValue("x-amz-crc32")).contains(Long.toString(crc.getValue()));
    }
}
