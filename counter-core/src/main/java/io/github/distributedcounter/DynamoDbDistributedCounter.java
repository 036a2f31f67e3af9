package io.github.distributedcounter;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executor;

import io.github.distributedcounter.internal.CounterEngine;
import io.github.distributedcounter.internal.CounterOptions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * {@link DistributedCounter} on an Amazon DynamoDB table: one item per counter, partition key {@code key} (String) and
 * value {@code counter_value} (Number) by default, as in the Python package {@code distributed_counter}, so services
 * in both languages can share a table.
 * <p>
 * Concurrent increments of one key from this instance are combined into one request that adds their sum
 * (see {@link Builder#coalescing(boolean)}); each caller still gets its own exact value. Build it with
 * {@link #builder()}; close it to stop its asynchronous executor (the DynamoDB client is the caller's).
 */
public final class DynamoDbDistributedCounter implements DistributedCounter, DescribesTable, AutoCloseable {

    private final CounterEngine engine;

    private DynamoDbDistributedCounter(CounterOptions options) {
        this.engine = new CounterEngine(options);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String tableName() {
        return engine.tableName();
    }

    @Override
    public TableStatus tableStatus() {
        return engine.tableStatus();
    }

    @Override
    public void createTable() {
        engine.createTable();
    }

    @Override
    public OptionalLong get(String key) {
        return engine.get(key);
    }

    @Override
    public Map<String, Long> getAll(Collection<String> keys) {
        return engine.getAll(keys);
    }

    @Override
    public void put(String key, long value) {
        engine.put(key, value);
    }

    @Override
    public long increment(String key, long amount) {
        return engine.increment(key, amount);
    }

    @Override
    public long increment(String key, long amount, long initialValue) {
        return engine.increment(key, amount, initialValue);
    }

    @Override
    public long decrement(String key, long amount) {
        return engine.decrement(key, amount);
    }

    @Override
    public long decrement(String key, long amount, long initialValue) {
        return engine.decrement(key, amount, initialValue);
    }

    @Override
    public OptionalLong incrementIfAtMost(String key, long amount, long maximum) {
        return engine.incrementIfAtMost(key, amount, maximum);
    }

    @Override
    public boolean compareAndSet(String key, long expectedValue, long newValue) {
        return engine.compareAndSet(key, expectedValue, newValue);
    }

    @Override
    public boolean delete(String key) {
        return engine.delete(key);
    }

    @Override
    public AsyncDistributedCounter async() {
        return engine.async();
    }

    @Override
    public DecimalCounter decimal() {
        return engine.decimal();
    }

    /**
     * Closes the counter: later calls fail with {@link CounterClosedException} without sending anything;
     * {@link #tableName()} and {@link #tableStatus()} keep working. Stops the executor this counter created;
     * increments already accepted are still sent. The DynamoDB client stays open. Calling it again does nothing.
     */
    @Override
    public void close() {
        engine.close();
    }

    /**
     * Builds a {@link DynamoDbDistributedCounter}; {@code dynamoDbClient} and {@code tableName} are required. Every
     * option is checked in {@link #build()}; null is rejected there for every option but {@code asyncExecutor}.
     */
    public static final class Builder {

        private final CounterOptions options = new CounterOptions();

        private Builder() {
        }

        /**
         * Whether increments are exactly-once under retries; default {@code true}: a retried request that was applied
         * is not counted again (the item records this instance's sequence and the value before the write).
         */
        public Builder exactlyOnce(boolean exactlyOnce) {
            options.exactlyOnce(exactlyOnce);
            return this;
        }

        /**
         * How long another instance's exactly-once entry (about 50 bytes) stays in an item after that instance's
         * last write to it; default 10 minutes, at least 1 minute and longer than the outcome resolution timeout.
         * It must exceed the longest time a request can be in flight plus the skew between instances' clocks.
         */
        public Builder exactlyOnceRetention(Duration retention) {
            options.exactlyOnceRetention(retention);
            return this;
        }

        /**
         * How long an increment whose outcome is unknown (timeout, connection lost, 5xx, throttling) is re-sent
         * before its callers get an {@link OutcomeUnknownException}; default 10 s. With exactly-once off it bounds
         * the re-sending of paced throttled increments, which then fail with {@link DistributedCounterException}.
         */
        public Builder outcomeResolutionTimeout(Duration timeout) {
            options.outcomeResolutionTimeout(timeout);
            return this;
        }

        /**
         * Whether the increments of a key that DynamoDB throttles for the key's own rate are paced; default
         * {@code true}: the AWS SDK does not retry that throttling on a batch of callers, and this instance spaces
         * the key's next requests, each carrying the callers that queued meanwhile; a re-sent request keeps its
         * exactly-once sequence number. Keys that are not throttled never wait. {@code false} leaves throttled
         * increments to the AWS SDK's retries.
         */
        public Builder paceThrottledKeys(boolean paceThrottledKeys) {
            options.paceThrottledKeys(paceThrottledKeys);
            return this;
        }

        /**
         * Receives requests, batches, retries and throttles, for metrics; default none. An exception it throws never
         * reaches a caller: it is logged at WARNING once per method (logger {@code ...CounterObserver}).
         */
        public Builder observer(CounterObserver observer) {
            options.observer(observer);
            return this;
        }

        /** The client for every request; required. The counter does not close it. */
        public Builder dynamoDbClient(DynamoDbClient client) {
            options.client(client);
            return this;
        }

        /** The counter table; required. */
        public Builder tableName(String tableName) {
            options.tableName(tableName);
            return this;
        }

        /** The partition key attribute (String); default {@code key}; not starting {@code dcs_} or {@code dcb_}. */
        public Builder keyAttribute(String keyAttribute) {
            options.keyAttribute(keyAttribute);
            return this;
        }

        /** The value attribute (Number); default {@code counter_value}; not the key's; not starting dcs_ or dcb_. */
        public Builder valueAttribute(String valueAttribute) {
            options.valueAttribute(valueAttribute);
            return this;
        }

        /** Provisioned capacity for {@link #createTable()}; without it the table is on-demand (PAY_PER_REQUEST). */
        public Builder provisionedThroughput(long readCapacityUnits, long writeCapacityUnits) {
            options.provisionedThroughput(readCapacityUnits, writeCapacityUnits);
            return this;
        }

        /** How long the first call after {@link #createTable()} waits for the table to be active; default 2 min. */
        public Builder tableActiveTimeout(Duration timeout) {
            options.tableActiveTimeout(timeout);
            return this;
        }

        /**
         * Whether concurrent increments of one key are combined into one request; default {@code true}. Either way
         * one request per key is in flight from this counter at a time.
         */
        public Builder coalescing(boolean coalescing) {
            options.coalescing(coalescing);
            return this;
        }

        /** The most callers one combined request may carry; default 10,000. */
        public Builder maxBatchSize(int maxBatchSize) {
            options.maxBatchSize(maxBatchSize);
            return this;
        }

        /**
         * Runs asynchronous calls, the combined requests of busy keys and the callbacks of asynchronous increments;
         * default (also with null) a pool of up to 64 daemon threads owned by the counter. Any executor is safe: a
         * task it refuses, runs in place or leaves unstarted for 200 ms is run by a waiting caller or a thread of
         * the counter's own, and no callback runs while a key's request is being sent.
         */
        public Builder asyncExecutor(Executor asyncExecutor) {
            options.asyncExecutor(asyncExecutor);
            return this;
        }

        /** @throws IllegalArgumentException if a required option is missing or an option is invalid */
        public DynamoDbDistributedCounter build() {
            options.validate();
            return new DynamoDbDistributedCounter(options);
        }
    }
}
