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
 * {@link DistributedCounter} on an Amazon DynamoDB table: one item per counter, partition key {@code key}
 * (String) and value {@code counter_value} (Number) by default, as in the Python package
 * {@code distributed_counter}, so services in both languages can share a table.
 * <p>
 * Concurrent increments of one key from this instance are combined into one request that adds their sum
 * (see {@link Builder#coalescing(boolean)}); each caller still gets its own exact value. Build it with
 * {@link #builder()}; close it to stop its asynchronous executor (the DynamoDB client is the caller's). After
 * {@link #close()} every counter call fails without a request: synchronous calls throw
 * {@link CounterClosedException}, asynchronous ones return a future completed exceptionally with it.
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

    /**
     * Closes the counter: later calls fail with {@link CounterClosedException} without sending anything (synchronous
     * calls throw it, asynchronous ones return a future completed exceptionally with it; bad arguments still throw
     * {@link IllegalArgumentException}); {@link #tableName()} and {@link #tableStatus()} keep working. Stops the
     * executor this counter created for asynchronous calls; increments already accepted are still sent. The
     * DynamoDB client stays open. Calling it again does nothing.
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
         * Whether increments are exactly-once under retries; default {@code true}. Each increment request then
         * records this instance's sequence number and the value before the write in the item, so a request that
         * DynamoDB applied but whose response was lost is not counted again when retried, and its caller still
         * gets its value.
         */
        public Builder exactlyOnce(boolean exactlyOnce) {
            options.exactlyOnce(exactlyOnce);
            return this;
        }

        /**
         * How long another instance's exactly-once entry stays in an item after that instance's last write to
         * it; older entries are removed, so an item holds one entry (about 50 bytes) per instance that wrote it
         * within this time. At least 1 minute, and longer than {@link #outcomeResolutionTimeout(Duration)}: it must
         * exceed the longest time a request can be in flight plus the difference between instances' clocks, as each
         * instance judges another's entry by its own clock; default 10 minutes.
         */
        public Builder exactlyOnceRetention(Duration retention) {
            options.exactlyOnceRetention(retention);
            return this;
        }

        /**
         * With exactly-once on: how long an increment whose outcome is unknown (timeout, connection lost, 5xx,
         * throttling) is re-sent before its callers get an {@link OutcomeUnknownException}; default 10 s. With
         * {@link #paceThrottledKeys(boolean) paceThrottledKeys} on it also bounds how long a throttled increment
         * is re-sent with exactly-once off; its callers then get a {@link DistributedCounterException}.
         */
        public Builder outcomeResolutionTimeout(Duration timeout) {
            options.outcomeResolutionTimeout(timeout);
            return this;
        }

        /**
         * Whether the increments of a key that DynamoDB throttles are paced; default {@code true}. A throttled
         * increment request then returns to the counter at once (the AWS SDK does not retry throttling on it, and
         * retries everything else as the client is configured to), and this instance spaces the key's next
         * requests: the interval between them grows by half on each throttling and shrinks with each request that
         * goes through, until the key is no longer paced. Callers arriving meanwhile queue and go out together in
         * the next request, so a fleet of instances converges on the key's capacity with each request carrying
         * more increments. A throttled request writes nothing, and a re-sent one carries the same exactly-once
         * sequence number, so nothing is counted twice. Keys that are not throttled never wait. Only increments
         * and decrements are paced. {@code false} leaves throttled increments to the AWS SDK's retries (and,
         * with exactly-once on, the counter's own re-sending with backoff), as a client without this library
         * would.
         */
        public Builder paceThrottledKeys(boolean paceThrottledKeys) {
            options.paceThrottledKeys(paceThrottledKeys);
            return this;
        }

        /**
         * Receives requests, batches, retries and throttles, for metrics; default none. An exception it throws
         * never reaches a caller: it is ignored and logged at WARNING (logger
         * {@code io.github.distributedcounter.CounterObserver}, {@link System.Logger}) once per observer method.
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

        /**
         * The partition key attribute (String); default {@code key}, as in the Python package. Must not start with
         * {@code dcs_} or {@code dcb_}, the prefixes of the exactly-once bookkeeping.
         */
        public Builder keyAttribute(String keyAttribute) {
            options.keyAttribute(keyAttribute);
            return this;
        }

        /**
         * The value attribute (Number); default {@code counter_value}, as in the Python package. Must differ from
         * the key attribute and must not start with {@code dcs_} or {@code dcb_}, the prefixes of the exactly-once
         * bookkeeping.
         */
        public Builder valueAttribute(String valueAttribute) {
            options.valueAttribute(valueAttribute);
            return this;
        }

        /**
         * Provisioned capacity for {@link #createTable()}; without it the table is created with on-demand
         * billing (PAY_PER_REQUEST).
         */
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
         * Whether concurrent increments of one key are combined into one request; default {@code true}.
         * Either way one request per key is in flight from this counter at a time.
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
         * Runs asynchronous calls, sends the combined requests of busy keys (one thread per key while it is
         * busy) and completes the futures of asynchronous increments, so their callbacks run on it; by default a
         * pool of up to 64 daemon threads owned by the counter (also with null). Any executor is safe: where it
         * refuses a task (with any exception or error) or would run it on the submitting thread, a waiting caller
         * or the submitting thread sends instead; where it takes a task but has not started it within 200 ms (it
         * dropped it, or its threads are all busy), a daemon thread of the counter's own runs it. No callback runs
         * while a key's request is being sent, so callbacks may call the counter, blocking too.
         */
        public Builder asyncExecutor(Executor asyncExecutor) {
            options.asyncExecutor(asyncExecutor);
            return this;
        }

        /**
         * @throws IllegalArgumentException if a required option is missing or an option is invalid
         */
        public DynamoDbDistributedCounter build() {
            options.validate();
            return new DynamoDbDistributedCounter(options);
        }
    }
}
