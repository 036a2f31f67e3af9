package io.github.distributedcounter.emulator.internal;

import java.util.Map;

/**
 * An error that the engine answers with, as DynamoDB would: its {@code __type}, its message and its HTTP
 * status. Nothing has been written when one is thrown.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html">
 *     Error handling with DynamoDB</a>
 */
public final class ServiceError extends RuntimeException {

    private static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";

    private final String type;
    private final int status;
    private final transient Map<String, Value> item;
    private final transient Object details;

    public ServiceError(String type, String message, int status, Map<String, Value> item, Object details) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
        this.item = item;
        this.details = details;
    }

    public static ServiceError validation(String message) {
        return new ServiceError("com.amazon.coral.validate#ValidationException", message, 400, null, null);
    }

    public static ServiceError serialization(String message) {
        return new ServiceError("com.amazon.coral.service#SerializationException", message, 400, null, null);
    }

    public static ServiceError unknownOperation() {
        return new ServiceError("com.amazon.coral.service#UnknownOperationException", null, 400, null, null);
    }

    /** A request with neither an {@code Authorization} header nor a presigned query; any signature passes. */
    public static ServiceError missingAuthenticationToken() {
        return new ServiceError("com.amazon.coral.service#MissingAuthenticationTokenException",
                "Request is missing Authentication Token", 400, null, null);
    }

    public static ServiceError resourceNotFound(String message) {
        return new ServiceError(DYNAMODB + "ResourceNotFoundException", message, 400, null, null);
    }

    public static ServiceError resourceInUse(String message) {
        return new ServiceError(DYNAMODB + "ResourceInUseException", message, 400, null, null);
    }

    /** A failed condition; {@code item} is the item as it was, returned when the request asked for it. */
    public static ServiceError conditionalCheckFailed(Map<String, Value> item) {
        return new ServiceError(DYNAMODB + "ConditionalCheckFailedException", "The conditional request failed", 400,
                item, null);
    }

    /**
     * A cancelled transaction: {@code reasons} holds one cancellation reason per action, in order (each a map of
     * {@code Code}, and {@code Message} and {@code Item} where they apply), serialised as
     * {@code CancellationReasons}; the message lists their codes.
     */
    public static ServiceError transactionCanceled(java.util.List<Map<String, Object>> reasons) {
        java.util.StringJoiner codes = new java.util.StringJoiner(", ", "[", "]");
        reasons.forEach(reason -> codes.add(String.valueOf(reason.get("Code"))));
        return new ServiceError(DYNAMODB + "TransactionCanceledException",
                "Transaction cancelled, please refer cancellation reasons for specific reasons " + codes, 400, null,
                Map.of("CancellationReasons", reasons));
    }

    public static ServiceError idempotentParameterMismatch(String message) {
        return new ServiceError(DYNAMODB + "IdempotentParameterMismatchException", message, 400, null, null);
    }

    public static ServiceError transactionInProgress(String message) {
        return new ServiceError(DYNAMODB + "TransactionInProgressException", message, 400, null, null);
    }

    public static ServiceError provisionedThroughputExceeded(String message) {
        return provisionedThroughputExceeded(message, null);
    }

    /** With {@code details}, e.g. the {@code ThrottlingReasons} member, or null. */
    public static ServiceError provisionedThroughputExceeded(String message, Object details) {
        return new ServiceError(DYNAMODB + "ProvisionedThroughputExceededException", message, 400, null, details);
    }

    public static ServiceError throttling(String message) {
        return throttling(message, null);
    }

    /** With {@code details}, e.g. the {@code ThrottlingReasons} member, or null. */
    public static ServiceError throttling(String message, Object details) {
        return new ServiceError("com.amazon.coral.availability#ThrottlingException", message, 400, null, details);
    }

    /** The {@code __type}, e.g. {@code com.amazon.coral.validate#ValidationException}. */
    public String type() {
        return type;
    }

    /** The type's short name, e.g. {@code ValidationException}. */
    public String shortType() {
        return type.substring(type.indexOf('#') + 1);
    }

    /**
     * Whether this is one of DynamoDB's throttling errors ({@code ProvisionedThroughputExceededException},
     * {@code ThrottlingException} or {@code RequestLimitExceeded}), which the AWS SDKs retry with backoff.
     */
    public boolean isThrottling() {
        String shortType = shortType();
        return shortType.equals("ProvisionedThroughputExceededException") || shortType.equals("ThrottlingException")
                || shortType.equals("RequestLimitExceeded");
    }

    public int status() {
        return status;
    }

    /** The item returned with a failed condition, or null. */
    public Map<String, Value> item() {
        return item;
    }

    /** The same error without the item. */
    public ServiceError withoutItem() {
        return new ServiceError(type, getMessage(), status, null, details);
    }

    /** Extra members of the error body (e.g. a transaction's cancellation reasons), or null. */
    public Object details() {
        return details;
    }
}
