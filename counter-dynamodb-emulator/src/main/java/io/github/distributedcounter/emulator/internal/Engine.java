package io.github.distributedcounter.emulator.internal;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The database: its tables and the operations on them, one call per request. Thread-safe.
 * <p>
 * Its one background task, the deletion of items whose time to live has passed, runs once
 * {@link #startTimeToLiveSweeper()} is called, on a daemon thread, until {@link #close()}; it reads the time from
 * the engine's clock. {@link #sweepExpiredItems()} runs it once, for tests that drive the clock themselves.
 */
public final class Engine implements AutoCloseable {

    /** DynamoDB's legacy parameters, each with the expression parameter that replaces it. */
    private static final Map<String, String> LEGACY_PARAMETERS = Map.of(
            "Expected", "ConditionExpression",
            "ConditionalOperator", "ConditionExpression",
            "AttributeUpdates", "UpdateExpression",
            "AttributesToGet", "ProjectionExpression",
            "KeyConditions", "KeyConditionExpression",
            "QueryFilter", "FilterExpression",
            "ScanFilter", "FilterExpression");

    private final ConcurrentHashMap<String, Table> tables = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Throttle throttle;
    private final TableOperations tableOperations = new TableOperations(this);
    private final ItemOperations itemOperations = new ItemOperations(this);
    private final BatchWrite batchWrite = new BatchWrite(this);
    private final Transactions transactions = new Transactions(this);
    private final TimeToLive timeToLive = new TimeToLive(this);
    private final LongAdder throttledRequests = new LongAdder();
    private volatile boolean omitItemOnConditionFailure;
    private ScheduledExecutorService sweeper;

    public Engine(Clock clock) {
        this(clock, Throttle.NONE);
    }

    /** An engine whose requests {@code throttle} admits or throttles, e.g. a {@link TokenBucketThrottle}. */
    public Engine(Clock clock, Throttle throttle) {
        this.clock = clock;
        this.throttle = throttle;
    }

    /**
     * Runs one operation on a request body and returns the response body; a {@link ServiceError} is the error
     * response. As DynamoDB does, an unknown operation is reported before a missing signature, and a missing
     * signature before the body is read.
     */
    public byte[] handle(String operation, byte[] body, boolean signed) {
        Function<Map<String, Object>, Map<String, Object>> handler = dispatch(operation);
        if (!signed) {
            throw ServiceError.missingAuthenticationToken();
        }
        Map<String, Object> request = Json.parseObject(body);
        rejectLegacyParameters(request);
        try {
            return Json.write(handler.apply(request));
        } catch (ServiceError error) {
            if (error.isThrottling()) {
                throttledRequests.increment();
            }
            if (omitItemOnConditionFailure && error.item() != null) {
                throw error.withoutItem();
            }
            throw error;
        }
    }

    /**
     * A fault for tests: failed conditions are answered without the item even where the request asked for it
     * with {@code ReturnValuesOnConditionCheckFailure=ALL_OLD}.
     */
    public void omitItemOnConditionFailure(boolean omit) {
        this.omitItemOnConditionFailure = omit;
    }

    /**
     * How many requests were answered with a throttling error ({@link ServiceError#isThrottling()}) since the
     * engine started. A BatchGetItem that returns some keys as unprocessed is not one of them.
     */
    public long throttledRequests() {
        return throttledRequests.sum();
    }

    private Function<Map<String, Object>, Map<String, Object>> dispatch(String operation) {
        return switch (operation) {
            case "GetItem" -> itemOperations::getItem;
            case "PutItem" -> itemOperations::putItem;
            case "UpdateItem" -> itemOperations::updateItem;
            case "DeleteItem" -> itemOperations::deleteItem;
            case "BatchGetItem" -> itemOperations::batchGetItem;
            case "BatchWriteItem" -> batchWrite::batchWriteItem;
            case "TransactWriteItems" -> transactions::transactWriteItems;
            case "TransactGetItems" -> transactions::transactGetItems;
            case "UpdateTimeToLive" -> timeToLive::updateTimeToLive;
            case "DescribeTimeToLive" -> timeToLive::describeTimeToLive;
            case "CreateTable" -> tableOperations::createTable;
            case "DescribeTable" -> tableOperations::describeTable;
            case "DeleteTable" -> tableOperations::deleteTable;
            case "ListTables" -> tableOperations::listTables;
            case "Query", "Scan", "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction",
                    "UpdateTable", "CreateBackup", "CreateGlobalTable", "DescribeStream" ->
                    throw new ServiceError("com.amazon.coral.service#UnknownOperationException", operation
                            + " is not supported by this DynamoDB emulator: it is a test engine for single-item "
                            + "operations, batches and transactions", 400, null, null);
            default -> throw ServiceError.unknownOperation();
        };
    }

    /**
     * Starts deleting expired items in the background, every {@link TimeToLive#SWEEP_PERIOD}; stopped by
     * {@link #close()}.
     */
    public synchronized void startTimeToLiveSweeper() {
        if (sweeper != null) {
            return;
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "dynamodb-emulator-ttl");
            thread.setDaemon(true);
            return thread;
        });
        long period = TimeToLive.SWEEP_PERIOD.toMillis();
        sweeper.scheduleWithFixedDelay(this::sweepQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    /** Deletes the items whose time to live has passed, now by the engine's clock; returns how many. */
    public int sweepExpiredItems() {
        return timeToLive.sweep();
    }

    private void sweepQuietly() {
        try {
            sweepExpiredItems();
        } catch (RuntimeException e) {
            // a failed pass is retried on the next; the sweeper must not die
        }
    }

    /** Stops the background sweeper, if started. */
    @Override
    public synchronized void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
            sweeper = null;
        }
    }

    /**
     * Refuses DynamoDB's legacy conditional parameters, which this engine does not implement: ignoring them would
     * apply a write that DynamoDB might refuse.
     */
    private static void rejectLegacyParameters(Map<String, Object> request) {
        for (Map.Entry<String, String> legacy : LEGACY_PARAMETERS.entrySet()) {
            if (request.containsKey(legacy.getKey())) {
                throw ServiceError.validation("The legacy parameter " + legacy.getKey() + " is not supported by this "
                        + "DynamoDB emulator: use " + legacy.getValue() + " instead");
            }
        }
        if (request.get("RequestItems") instanceof Map<?, ?> tables) {
            for (Object tableRequest : tables.values()) {
                if (tableRequest instanceof Map<?, ?> keys && keys.containsKey("AttributesToGet")) {
                    throw ServiceError.validation("The legacy parameter AttributesToGet is not supported by this "
                            + "DynamoDB emulator: use ProjectionExpression instead");
                }
            }
        }
    }

    /** Serialises an error response body as DynamoDB does. */
    public static byte[] errorBody(ServiceError error) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("__type", error.type());
        if (error.getMessage() != null) {
            // a SerializationException, raised by the service framework, spells its member "Message"
            body.put(error.shortType().equals("SerializationException") ? "Message" : "message", error.getMessage());
        }
        if (error.item() != null) {
            body.put("Item", error.item());
        }
        if (error.details() instanceof Map<?, ?> details) {
            details.forEach((k, v) -> body.put((String) k, v));
        }
        return Json.write(body);
    }

    Table table(Map<String, Object> request) {
        return table(TableOperations.tableName(request));
    }

    Table table(String name) {
        Table table = tables.get(TableOperations.byNameOrArn(name));
        if (table == null) {
            throw ServiceError.resourceNotFound("Requested resource not found");
        }
        return table;
    }

    ConcurrentHashMap<String, Table> tables() {
        return tables;
    }

    Clock clock() {
        return clock;
    }

    Throttle throttle() {
        return throttle;
    }
}
