package io.github.distributedcounter.internal;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

import io.github.distributedcounter.CounterObserver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;

/**
 * The options of {@link io.github.distributedcounter.DynamoDbDistributedCounter.Builder}, with their defaults,
 * and their validation in one place ({@link #validate()}, run by {@code build()}). Every option rejects null
 * except {@code asyncExecutor}, where null means the counter's own pool. Public only for the root package; not
 * part of the API.
 */
public final class CounterOptions {

    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

    DynamoDbClient client;
    String tableName;
    String keyAttribute = "key";
    String valueAttribute = "counter_value";
    Long readCapacityUnits;
    Long writeCapacityUnits;
    Duration tableActiveTimeout = Duration.ofMinutes(2);
    boolean coalescing = true;
    int maxBatchSize = 10_000;
    Executor asyncExecutor;
    CounterObserver observer = CounterObserver.NONE;
    boolean exactlyOnce = true;
    Duration exactlyOnceRetention = ExactlyOnce.DEFAULT_RETENTION;
    Duration outcomeResolutionTimeout = Duration.ofSeconds(10);
    boolean paceThrottledKeys = true;

    public void client(DynamoDbClient client) {
        this.client = client;
    }

    public void tableName(String tableName) {
        this.tableName = tableName;
    }

    public void keyAttribute(String keyAttribute) {
        this.keyAttribute = keyAttribute;
    }

    public void valueAttribute(String valueAttribute) {
        this.valueAttribute = valueAttribute;
    }

    public void provisionedThroughput(long readCapacityUnits, long writeCapacityUnits) {
        this.readCapacityUnits = readCapacityUnits;
        this.writeCapacityUnits = writeCapacityUnits;
    }

    public void tableActiveTimeout(Duration timeout) {
        this.tableActiveTimeout = timeout;
    }

    public void coalescing(boolean coalescing) {
        this.coalescing = coalescing;
    }

    public void maxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    public void asyncExecutor(Executor asyncExecutor) {
        this.asyncExecutor = asyncExecutor;
    }

    public void observer(CounterObserver observer) {
        this.observer = observer;
    }

    public void exactlyOnce(boolean exactlyOnce) {
        this.exactlyOnce = exactlyOnce;
    }

    public void exactlyOnceRetention(Duration retention) {
        this.exactlyOnceRetention = retention;
    }

    public void outcomeResolutionTimeout(Duration timeout) {
        this.outcomeResolutionTimeout = timeout;
    }

    public void paceThrottledKeys(boolean paceThrottledKeys) {
        this.paceThrottledKeys = paceThrottledKeys;
    }

    /** Provisioned capacity where it was set, else null for on-demand billing. */
    ProvisionedThroughput provisionedThroughput() {
        return readCapacityUnits == null ? null : ProvisionedThroughput.builder()
                .readCapacityUnits(readCapacityUnits).writeCapacityUnits(writeCapacityUnits).build();
    }

    /** @throws IllegalArgumentException naming the first option that is missing or invalid */
    public void validate() {
        if (client == null) {
            throw new IllegalArgumentException("dynamoDbClient is required");
        }
        requireText(tableName, "tableName");
        if (!TABLE_NAME.matcher(tableName).matches()) {
            throw new IllegalArgumentException("tableName must be 3 to 255 characters of a-z, A-Z, 0-9, "
                    + "'_', '-' and '.', was '" + tableName + "'");
        }
        requireText(keyAttribute, "keyAttribute");
        requireText(valueAttribute, "valueAttribute");
        // checked with exactly-once off too: other instances sharing the table may have it on, and prune
        ExactlyOnce.requireUnreserved(keyAttribute, "keyAttribute");
        ExactlyOnce.requireUnreserved(valueAttribute, "valueAttribute");
        if (keyAttribute.equals(valueAttribute)) {
            throw new IllegalArgumentException("keyAttribute and valueAttribute must differ, both were '"
                    + keyAttribute + "'");
        }
        if (readCapacityUnits != null && (readCapacityUnits < 1 || writeCapacityUnits < 1)) {
            throw new IllegalArgumentException("capacity units must be at least 1, were read="
                    + readCapacityUnits + ", write=" + writeCapacityUnits);
        }
        requirePositive(tableActiveTimeout, "tableActiveTimeout");
        if (exactlyOnce || paceThrottledKeys) {
            requirePositive(outcomeResolutionTimeout, "outcomeResolutionTimeout");
        }
        if (exactlyOnce) { // used only with exactly-once on
            requirePositive(exactlyOnceRetention, "exactlyOnceRetention");
            if (exactlyOnceRetention.compareTo(ExactlyOnce.MIN_RETENTION) < 0) {
                throw new IllegalArgumentException("exactlyOnceRetention must be at least "
                        + ExactlyOnce.MIN_RETENTION + ", was " + exactlyOnceRetention + ": other instances "
                        + "remove an entry once it looks that old by their own clock, so it must cover the "
                        + "longest time a request stays in flight plus the difference between instances' clocks");
            }
            if (exactlyOnceRetention.compareTo(outcomeResolutionTimeout) <= 0) {
                throw new IllegalArgumentException("exactlyOnceRetention (" + exactlyOnceRetention
                        + ") must be longer than outcomeResolutionTimeout (" + outcomeResolutionTimeout + ")");
            }
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, was " + maxBatchSize);
        }
        if (observer == null) {
            throw new IllegalArgumentException("observer must not be null; leave it unset to observe nothing");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be null or blank");
        }
    }
}
