package io.github.distributedcounter.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.distributedcounter.AsyncDistributedCounter;
import io.github.distributedcounter.CounterClosedException;
import io.github.distributedcounter.CounterObserver;
import io.github.distributedcounter.DecimalCounter;
import io.github.distributedcounter.DescribesTable;
import io.github.distributedcounter.DistributedCounter;
import io.github.distributedcounter.DynamoDbDistributedCounter;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * What {@link DynamoDbDistributedCounter} does, assembled from its options: checks arguments and the closed
 * state before any request, and hands increments to the {@link Coalescer}, everything else to
 * {@link CounterItems}. Public only for the root package, which holds one; not part of the API.
 */
public final class CounterEngine implements DistributedCounter, DescribesTable {

    private final TableSchema schema;
    private final TableAdmin admin;
    private final CounterItems items;
    private final Coalescer coalescer;
    private final ExecutorService ownedExecutor;
    private final AsyncCounter async;
    private final DecimalView decimal;
    private volatile boolean closed;

    /** @param options validated options */
    public CounterEngine(CounterOptions options) {
        this.ownedExecutor = options.asyncExecutor == null ? defaultExecutor() : null;
        Executor executor = options.asyncExecutor == null ? ownedExecutor : options.asyncExecutor;
        this.schema = new TableSchema(options.tableName, options.keyAttribute, options.valueAttribute);
        CounterObserver observer = SafeObserver.of(options.observer);
        AwsRequestOverrideConfiguration override = observer == CounterObserver.NONE ? null
                : AwsRequestOverrideConfiguration.builder().addMetricPublisher(new SdkMetricsBridge(observer)).build();
        ExactlyOnce exactlyOnce = options.exactlyOnce
                ? new ExactlyOnce(options.exactlyOnceRetention, options.outcomeResolutionTimeout) : null;
        TableCalls calls = new TableCalls(options.client, schema, observer);
        KeyPacer pacer = options.paceThrottledKeys ? new KeyPacer(System::nanoTime) : null;
        AwsRequestOverrideConfiguration incrementOverride = pacer == null ? override
                : (override == null ? AwsRequestOverrideConfiguration.builder() : override.toBuilder())
                        .addPlugin(ThrottlingNotRetried.plugin()).build();
        CounterRequests requests = new CounterRequests(schema, exactlyOnce, override, incrementOverride);
        KnownKeys knownKeys = new KnownKeys();
        this.admin = new TableAdmin(calls, schema, options.provisionedThroughput(), options.tableActiveTimeout,
                override);
        this.items = new CounterItems(calls, admin, requests, schema, knownKeys,
                exactlyOnce == null ? ExactlyOnce.DEFAULT_RETENTION : exactlyOnce.retention());
        Handoff handoff = new Handoff(executor);
        StaleEntryPruner pruner = exactlyOnce == null ? null
                : new StaleEntryPruner(calls, requests, exactlyOnce, handoff::execute);
        IncrementSender sender = new IncrementSender(calls, admin, requests, schema, knownKeys, exactlyOnce,
                pruner, pacer == null ? null : new ThrottledKeys(pacer, options.outcomeResolutionTimeout));
        this.coalescer = new Coalescer(new TableIncrementWriter(sender, schema, observer), handoff,
                options.coalescing ? options.maxBatchSize : 1);
        this.async = new AsyncCounter(this, items, coalescer, handoff);
        this.decimal = new DecimalView(this, items, coalescer);
    }

    @Override
    public String tableName() {
        return schema.tableName();
    }

    @Override
    public TableStatus tableStatus() {
        return admin.describeStatus();
    }

    @Override
    public void createTable() {
        requireOpen();
        admin.createTable();
    }

    @Override
    public OptionalLong get(String key) {
        return items.get(open(Keys.requireValid(key)));
    }

    @Override
    public Map<String, Long> getAll(Collection<String> keys) {
        List<String> valid = requireValidKeys(keys);
        requireOpen();
        return items.getAll(valid);
    }

    @Override
    public void put(String key, long value) {
        items.put(open(Keys.requireValid(key)), value);
    }

    @Override
    public long increment(String key, long amount) {
        return coalescer.increment(open(Keys.requireValid(key)), Increment.by(amount));
    }

    @Override
    public long increment(String key, long amount, long initialValue) {
        return coalescer.increment(open(Keys.requireValid(key)), Increment.startingAt(amount, initialValue));
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
        return items.incrementIfAtMost(key, amount, maximum);
    }

    @Override
    public boolean compareAndSet(String key, long expectedValue, long newValue) {
        return items.compareAndSet(open(Keys.requireValid(key)), expectedValue, newValue);
    }

    @Override
    public boolean delete(String key) {
        return items.delete(open(Keys.requireValid(key)));
    }

    @Override
    public AsyncDistributedCounter async() {
        return async;
    }

    @Override
    public DecimalCounter decimal() {
        return decimal;
    }

    /** See {@link DynamoDbDistributedCounter#close()}. */
    public void close() {
        closed = true;
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }

    boolean isClosed() {
        return closed;
    }

    void requireOpen() {
        if (closed) {
            throw new CounterClosedException(schema.tableName());
        }
    }

    /** {@code key}, once the counter is known to be open. */
    private String open(String key) {
        requireOpen();
        return key;
    }

    <T> CompletableFuture<T> closedFuture() {
        return CompletableFuture.failedFuture(new CounterClosedException(schema.tableName()));
    }

    static List<String> requireValidKeys(Collection<String> keys) {
        Objects.requireNonNull(keys, "keys must not be null");
        for (String key : keys) {
            Keys.requireValid(key);
        }
        return List.copyOf(keys);
    }

    static long negate(long amount) {
        if (amount == Long.MIN_VALUE) {
            throw new IllegalArgumentException("amount must be greater than Long.MIN_VALUE to be negated");
        }
        return -amount;
    }

    static long requireNonNegative(long amount) {
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
}
