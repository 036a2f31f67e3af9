package io.github.distributedcounter.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Configuration of the distributed counter, prefix {@code distributed-counter}.
 */
@ConfigurationProperties("distributed-counter")
public class DistributedCounterProperties {

    /** Name of the DynamoDB table that holds the counters. Required unless you define your own counter bean. */
    private String table;

    /** AWS region of the table, e.g. eu-west-1. Defaults to the AWS SDK's region chain, or us-east-1 with an endpoint. */
    private String region;

    /**
     * DynamoDB endpoint, e.g. http://127.0.0.1:8000 for the DynamoDB emulator run as its own process. Defaults to
     * the region's AWS endpoint.
     */
    private URI endpoint;

    /** Whether to create the table at start-up when it is missing (on-demand billing). */
    private boolean createTable;

    /** Partition key attribute (String) of the table; 'key' is what the Python package distributed_counter uses. */
    private String keyAttribute = "key";

    /** Number attribute that holds a counter's value; 'counter_value' is what the Python package uses. */
    private String valueAttribute = "counter_value";

    /** Static access key id, for local endpoints. Without it the AWS SDK's default credentials chain is used. */
    private String accessKey;

    /** Static secret access key, for local endpoints; never logged and masked in /actuator/configprops. */
    private String secretKey;

    /** Whether concurrent increments of one key are combined into one DynamoDB request. */
    private boolean coalescing = true;

    /**
     * Whether increments are exactly-once when requests are retried (the item keeps, per instance, a sequence and
     * the value before its last write).
     */
    private boolean exactlyOnce = true;

    /**
     * With exactly-once on, how long an increment whose request failed ambiguously (lost response, timeout, 5xx,
     * throttling) is re-sent to learn its outcome before the caller gets an OutcomeUnknownException. A number
     * without a unit is seconds.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration outcomeResolutionTimeout = Duration.ofSeconds(10);

    /**
     * With exactly-once on, how long another instance's entry (sequence and last value, about 50 bytes) stays in
     * an item after that instance's last write to it; at least 1 minute and longer than outcome-resolution-timeout,
     * as it must cover a request in flight plus the difference between instances' clocks. A number without a unit
     * is seconds.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration exactlyOnceRetention = Duration.ofMinutes(10);

    /** Most increments one combined request may carry. */
    private int maxBatchSize = 10_000;

    /**
     * Whether the increments of a key that DynamoDB throttles for its own rate are paced: the AWS SDK does not
     * retry a throttled batch, the counter spaces the key's requests (backing off on throttling, speeding up as
     * requests go through) and callers queue meanwhile into larger batches. Off leaves throttled increments to the
     * SDK's retries.
     */
    private boolean paceThrottledKeys = true;

    /** How long the first call after creating the table waits for it to become active; a bare number is seconds. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration tableActiveTimeout = Duration.ofMinutes(2);

    /** Time limit of one HTTP attempt to DynamoDB (client built from these properties); a bare number is seconds. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration apiCallAttemptTimeout = Duration.ofSeconds(2);

    /**
     * Time limit of a whole call to DynamoDB including retries (client built from these properties); a bare number
     * is seconds.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration apiCallTimeout = Duration.ofSeconds(10);

    /** Most HTTP connections to DynamoDB, used by the client built from these properties. */
    private int maxConnections = 64;

    private final Retry retry = new Retry();

    private final Embedded embedded = new Embedded();

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public URI getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(URI endpoint) {
        this.endpoint = endpoint;
    }

    public boolean isCreateTable() {
        return createTable;
    }

    public void setCreateTable(boolean createTable) {
        this.createTable = createTable;
    }

    public String getKeyAttribute() {
        return keyAttribute;
    }

    public void setKeyAttribute(String keyAttribute) {
        this.keyAttribute = keyAttribute;
    }

    public String getValueAttribute() {
        return valueAttribute;
    }

    public void setValueAttribute(String valueAttribute) {
        this.valueAttribute = valueAttribute;
    }

    public String getAccessKey() {
        return accessKey;
    }

    public void setAccessKey(String accessKey) {
        this.accessKey = accessKey;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public boolean isCoalescing() {
        return coalescing;
    }

    public void setCoalescing(boolean coalescing) {
        this.coalescing = coalescing;
    }

    public boolean isExactlyOnce() {
        return exactlyOnce;
    }

    public void setExactlyOnce(boolean exactlyOnce) {
        this.exactlyOnce = exactlyOnce;
    }

    public Duration getOutcomeResolutionTimeout() {
        return outcomeResolutionTimeout;
    }

    public void setOutcomeResolutionTimeout(Duration outcomeResolutionTimeout) {
        this.outcomeResolutionTimeout = outcomeResolutionTimeout;
    }

    public Duration getExactlyOnceRetention() {
        return exactlyOnceRetention;
    }

    public void setExactlyOnceRetention(Duration exactlyOnceRetention) {
        this.exactlyOnceRetention = exactlyOnceRetention;
    }

    public int getMaxBatchSize() {
        return maxBatchSize;
    }

    public void setMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    public boolean isPaceThrottledKeys() {
        return paceThrottledKeys;
    }

    public void setPaceThrottledKeys(boolean paceThrottledKeys) {
        this.paceThrottledKeys = paceThrottledKeys;
    }

    public Duration getTableActiveTimeout() {
        return tableActiveTimeout;
    }

    public void setTableActiveTimeout(Duration tableActiveTimeout) {
        this.tableActiveTimeout = tableActiveTimeout;
    }

    public Duration getApiCallAttemptTimeout() {
        return apiCallAttemptTimeout;
    }

    public void setApiCallAttemptTimeout(Duration apiCallAttemptTimeout) {
        this.apiCallAttemptTimeout = apiCallAttemptTimeout;
    }

    public Duration getApiCallTimeout() {
        return apiCallTimeout;
    }

    public void setApiCallTimeout(Duration apiCallTimeout) {
        this.apiCallTimeout = apiCallTimeout;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public Retry getRetry() {
        return retry;
    }

    public Embedded getEmbedded() {
        return embedded;
    }

    /**
     * Retries of the client built from these properties: the AWS SDK's standard retry strategy, with exponential
     * backoff and full jitter, and a longer backoff after throttling.
     */
    public static class Retry {

        /** Most attempts of one call to DynamoDB, the first included; 1 turns retries off. */
        private int maxAttempts = 9;

        /** Base of the exponential backoff after a failed attempt other than throttling; a bare number is ms. */
        private Duration baseDelay = Duration.ofMillis(25);

        /** Base of the exponential backoff after a throttled attempt; a bare number is milliseconds. */
        private Duration throttlingBaseDelay = Duration.ofMillis(100);

        /** Longest pause between two attempts; a bare number is milliseconds. */
        private Duration maxDelay = Duration.ofSeconds(1);

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getBaseDelay() {
            return baseDelay;
        }

        public void setBaseDelay(Duration baseDelay) {
            this.baseDelay = baseDelay;
        }

        public Duration getThrottlingBaseDelay() {
            return throttlingBaseDelay;
        }

        public void setThrottlingBaseDelay(Duration throttlingBaseDelay) {
            this.throttlingBaseDelay = throttlingBaseDelay;
        }

        public Duration getMaxDelay() {
            return maxDelay;
        }

        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }
    }

    /**
     * The project's DynamoDB emulator in this JVM, in memory on loopback, for development and tests; not a
     * production store (needs counter-dynamodb-emulator on the classpath).
     */
    public static class Embedded {

        /**
         * Whether to start the DynamoDB emulator in this JVM (in memory, loopback only, nothing on disk) and point
         * the counter at it. Needs counter-dynamodb-emulator on the classpath (start-up fails without it); its data
         * is gone when the application stops.
         */
        private boolean enabled;

        /** Loopback port of the embedded DynamoDB emulator; 0 picks a free one. */
        private int port;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }
    }
}
