package io.github.distributedcounter;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.github.distributedcounter.internal.Coalescer;
import io.github.distributedcounter.internal.CounterTable;
import io.github.distributedcounter.internal.ExactlyOnce;
import io.github.distributedcounter.internal.Handoff;
import io.github.distributedcounter.internal.Keys;
import io.github.distributedcounter.internal.SafeObserver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
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

    private final CounterTable table;
    private final Coalescer coalescer;
    private final Handoff handoff;
    private final ExecutorService ownedExecutor;
    private final AsyncDistributedCounter async = new Async();
    private volatile boolean closed;

    private DynamoDbDistributedCounter(Builder builder) {
        this.ownedExecutor = builder.asyncExecutor == null ? defaultExecutor() : null;
        Executor executor = builder.asyncExecutor == null ? ownedExecutor : builder.asyncExecutor;
        this.handoff = new Handoff(executor);
        ExactlyOnce exactlyOnce = builder.exactlyOnce
                ? new ExactlyOnce(builder.exactlyOnceRetention, builder.outcomeResolutionTimeout) : null;
        this.table = new CounterTable(builder.client, builder.tableName, builder.keyAttribute,
                builder.valueAttribute, builder.provisionedThroughput, builder.tableActiveTimeout, SafeObserver.of(builder.observer),
                exactlyOnce, executor);
        this.coalescer = new Coalescer(table, handoff, builder.coalescing ? builder.maxBatchSize : 1);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The name of the counter table. */
    @Override
    public String tableName() {
        return table.tableName();
    }

    /** The table's current status as DynamoDB reports it, e.g. {@code ACTIVE}. */
    @Override
    public TableStatus tableStatus() {
        return table.describeStatus();
    }

    @Override
    public void createTable() {
        requireOpen();
        table.createTable();
    }

    @Override
    public OptionalLong get(String key) {
        return table.get(open(Keys.requireValid(key)));
    }

    @Override
    public Map<String, Long> getAll(Collection<String> keys) {
        List<String> valid = requireValidKeys(keys);
        requireOpen();
        return table.getAll(valid);
    }

    @Override
    public void put(String key, long value) {
        table.put(open(Keys.requireValid(key)), value);
    }

    @Override
    public long increment(String key, long amount) {
        return coalescer.increment(open(Keys.requireValid(key)), amount, false, 0);
    }

    @Override
    public long increment(String key, long amount, long initialValue) {
        return coalescer.increment(open(Keys.requireValid(key)), amount, true, initialValue);
    }

    @Override
    public long decrement(String key, long amount) {
        return increment(key, negate(amount));
    }

    @Override
    public long decrement(String key, long amount, long initialValue) {
        return increment(key, negate(amount), initialValue);
    }

    @Override
    public OptionalLong incrementIfAtMost(String key, long amount, long maximum) {
        Keys.requireValid(key);
        requireNonNegative(amount);
        requireOpen();
        return table.incrementIfAtMost(key, amount, maximum);
    }

    @Override
    public boolean compareAndSet(String key, long expectedValue, long newValue) {
        return table.compareAndSet(open(Keys.requireValid(key)), expectedValue, newValue);
    }

    @Override
    public boolean delete(String key) {
        return table.delete(open(Keys.requireValid(key)));
    }

    @Override
    public AsyncDistributedCounter async() {
        return async;
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
        closed = true;
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new CounterClosedException(table.tableName());
        }
    }

    /** {@code key}, once the counter is known to be open. */
    private String open(String key) {
        requireOpen();
        return key;
    }

    private <T> CompletableFuture<T> closedFuture() {
        return CompletableFuture.failedFuture(new CounterClosedException(table.tableName()));
    }

    private static List<String> requireValidKeys(Collection<String> keys) {
        Objects.requireNonNull(keys, "keys must not be null");
        for (String key : keys) {
            Keys.requireValid(key);
        }
        return List.copyOf(keys);
    }

    private static long negate(long amount) {
        if (amount == Long.MIN_VALUE) {
            throw new IllegalArgumentException("amount must be greater than Long.MIN_VALUE to be negated");
        }
        return -amount;
    }

    private static long requireNonNegative(long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("amount must be at least 0, was " + amount);
        }
        return amount;
    }

    private static ExecutorService defaultExecutor() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "distributed-counter-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        int size = 64;
        ThreadPoolExecutor executor = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private final class Async implements AsyncDistributedCounter {

        @Override
        public CompletableFuture<OptionalLong> get(String key) {
            Keys.requireValid(key);
            return supply(() -> table.get(key));
        }

        @Override
        public CompletableFuture<Map<String, Long>> getAll(Collection<String> keys) {
            List<String> valid = requireValidKeys(keys);
            return supply(() -> table.getAll(valid));
        }

        @Override
        public CompletableFuture<Void> put(String key, long value) {
            Keys.requireValid(key);
            return supply(() -> {
                table.put(key, value);
                return null;
            });
        }

        @Override
        public CompletableFuture<Long> increment(String key, long amount) {
            Keys.requireValid(key);
            return closed ? closedFuture() : coalescer.incrementAsync(key, amount, false, 0);
        }

        @Override
        public CompletableFuture<Long> increment(String key, long amount, long initialValue) {
            Keys.requireValid(key);
            return closed ? closedFuture() : coalescer.incrementAsync(key, amount, true, initialValue);
        }

        @Override
        public CompletableFuture<Long> decrement(String key, long amount) {
            return increment(key, negate(amount));
        }

        @Override
        public CompletableFuture<Long> decrement(String key, long amount, long initialValue) {
            return increment(key, negate(amount), initialValue);
        }

        @Override
        public CompletableFuture<OptionalLong> incrementIfAtMost(String key, long amount, long maximum) {
            Keys.requireValid(key);
            requireNonNegative(amount);
            return supply(() -> table.incrementIfAtMost(key, amount, maximum));
        }

        @Override
        public CompletableFuture<Boolean> compareAndSet(String key, long expectedValue, long newValue) {
            Keys.requireValid(key);
            return supply(() -> table.compareAndSet(key, expectedValue, newValue));
        }

        @Override
        public CompletableFuture<Boolean> delete(String key) {
            Keys.requireValid(key);
            return supply(() -> table.delete(key));
        }

        /** Runs {@code call} on the executor, or where it does not take it on the counter's own thread. */
        private <T> CompletableFuture<T> supply(Supplier<T> call) {
            if (closed) {
                return closedFuture();
            }
            CompletableFuture<T> future = new CompletableFuture<>();
            handoff.execute(() -> {
                try {
                    future.complete(call.get());
                } catch (Throwable e) {
                    future.completeExceptionally(new CompletionException(e));
                }
            });
            return future;
        }
    }

    /** Builds a {@link DynamoDbDistributedCounter}; {@code dynamoDbClient} and {@code tableName} are required. */
    public static final class Builder {

        private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

        private DynamoDbClient client;
        private String tableName;
        private String keyAttribute = "key";
        private String valueAttribute = "counter_value";
        private ProvisionedThroughput provisionedThroughput;
        private Duration tableActiveTimeout = Duration.ofMinutes(2);
        private boolean coalescing = true;
        private int maxBatchSize = 10_000;
        private Executor asyncExecutor;
        private CounterObserver observer = CounterObserver.NONE;
        private boolean exactlyOnce = true;
        private Duration exactlyOnceRetention = Duration.ofMinutes(10);
        private Duration outcomeResolutionTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /**
         * Whether increments are exactly-once under retries; default {@code true}. Each increment request then
         * records this instance's sequence number and the value before the write in the item, so a request that
         * DynamoDB applied but whose response was lost is not counted again when retried, and its caller still
         * gets its value.
         */
        public Builder exactlyOnce(boolean exactlyOnce) {
            this.exactlyOnce = exactlyOnce;
            return this;
        }

        /**
         * How long another instance's exactly-once entry stays in an item after that instance's last write to
         * it; older entries are removed, so an item holds one entry (about 60 bytes) per instance that wrote it
         * within this time. Must exceed the longest time a request can be in flight; default 10 minutes.
         */
        public Builder exactlyOnceRetention(Duration retention) {
            this.exactlyOnceRetention = retention;
            return this;
        }

        /**
         * With exactly-once on: how long an increment whose outcome is unknown (timeout, connection lost, 5xx,
         * throttling) is re-sent before its callers get an {@link OutcomeUnknownException}; default 10 s.
         */
        public Builder outcomeResolutionTimeout(Duration timeout) {
            this.outcomeResolutionTimeout = timeout;
            return this;
        }

        /**
         * Receives requests, batches, retries and throttles, for metrics; default none. An exception it throws
         * never reaches a caller: it is ignored and logged at WARNING (logger
         * {@code io.github.distributedcounter.CounterObserver}, {@link System.Logger}) once per observer method.
         */
        public Builder observer(CounterObserver observer) {
            this.observer = observer == null ? CounterObserver.NONE : observer;
            return this;
        }

        /** The client for every request; required. The counter does not close it. */
        public Builder dynamoDbClient(DynamoDbClient client) {
            this.client = client;
            return this;
        }

        /** The counter table; required. */
        public Builder tableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        /**
         * The partition key attribute (String); default {@code key}, as in the Python package. Must not start with
         * {@code dcs_} or {@code dcb_}, the prefixes of the exactly-once bookkeeping.
         */
        public Builder keyAttribute(String keyAttribute) {
            this.keyAttribute = keyAttribute;
            return this;
        }

        /**
         * The value attribute (Number); default {@code counter_value}, as in the Python package. Must differ from
         * the key attribute and must not start with {@code dcs_} or {@code dcb_}, the prefixes of the exactly-once
         * bookkeeping.
         */
        public Builder valueAttribute(String valueAttribute) {
            this.valueAttribute = valueAttribute;
            return this;
        }

        /**
         * Provisioned capacity for {@link #createTable()}; without it the table is created with on-demand
         * billing (PAY_PER_REQUEST).
         */
        public Builder provisionedThroughput(long readCapacityUnits, long writeCapacityUnits) {
            if (readCapacityUnits < 1 || writeCapacityUnits < 1) {
                throw new IllegalArgumentException("capacity units must be at least 1, were read="
                        + readCapacityUnits + ", write=" + writeCapacityUnits);
            }
            this.provisionedThroughput = ProvisionedThroughput.builder()
                    .readCapacityUnits(readCapacityUnits).writeCapacityUnits(writeCapacityUnits).build();
            return this;
        }

        /** How long the first call after {@link #createTable()} waits for the table to be active; default 2 min. */
        public Builder tableActiveTimeout(Duration timeout) {
            this.tableActiveTimeout = timeout;
            return this;
        }

        /**
         * Whether concurrent increments of one key are combined into one request; default {@code true}.
         * Either way one request per key is in flight from this counter at a time.
         */
        public Builder coalescing(boolean coalescing) {
            this.coalescing = coalescing;
            return this;
        }

        /** The most callers one combined request may carry; default 10,000. */
        public Builder maxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        /**
         * Runs asynchronous calls, sends the combined requests of busy keys (one thread per key while it is
         * busy) and completes the futures of asynchronous increments, so their callbacks run on it; by default a
         * pool of up to 64 daemon threads owned by the counter. Any executor is safe: where it refuses a task
         * (with any exception or error) or would run it on the submitting thread, a waiting caller or the
         * submitting thread sends instead; where it takes a task but has not started it within 200 ms (it
         * dropped it, or its threads are all busy), a daemon thread of the counter's own runs it. No callback runs
         * while a key's request is being sent, so callbacks may call the counter, blocking too.
         */
        public Builder asyncExecutor(Executor asyncExecutor) {
            this.asyncExecutor = asyncExecutor;
            return this;
        }

        /**
         * @throws IllegalArgumentException if a required option is missing or an option is invalid
         */
        public DynamoDbDistributedCounter build() {
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
            requireUnreserved(keyAttribute, "keyAttribute");
            requireUnreserved(valueAttribute, "valueAttribute");
            if (keyAttribute.equals(valueAttribute)) {
                throw new IllegalArgumentException("keyAttribute and valueAttribute must differ, both were '"
                        + keyAttribute + "'");
            }
            requirePositive(tableActiveTimeout, "tableActiveTimeout");
            if (exactlyOnce) { // both are used only with exactly-once on
                requirePositive(exactlyOnceRetention, "exactlyOnceRetention");
                requirePositive(outcomeResolutionTimeout, "outcomeResolutionTimeout");
                if (exactlyOnceRetention.compareTo(outcomeResolutionTimeout) <= 0) {
                    throw new IllegalArgumentException("exactlyOnceRetention (" + exactlyOnceRetention
                            + ") must be longer than outcomeResolutionTimeout (" + outcomeResolutionTimeout + ")");
                }
            }
            if (maxBatchSize < 1) {
                throw new IllegalArgumentException("maxBatchSize must be at least 1, was " + maxBatchSize);
            }
            return new DynamoDbDistributedCounter(this);
        }

        private static void requirePositive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
        }

        /** Checked with exactly-once off too: other instances sharing the table may have it on, and prune. */
        private static void requireUnreserved(String attribute, String name) {
            for (String prefix : ExactlyOnce.RESERVED_PREFIXES) {
                if (attribute.startsWith(prefix)) {
                    throw new IllegalArgumentException(name + " '" + attribute + "' must not start with '" + prefix
                            + "': the prefixes " + String.join(" and ", ExactlyOnce.RESERVED_PREFIXES.stream()
                                    .map(p -> "'" + p + "'").toList())
                            + " are reserved for the counter's exactly-once bookkeeping");
                }
            }
        }

        private static void requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be null or blank");
            }
        }
    }
}
