package io.github.distributedcounter.emulator.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * DynamoDB's throughput limits as token buckets: per partition key (a table and a partition key value) a write
 * bucket and a read bucket, and for a {@code PROVISIONED} table a write bucket and a read bucket for the whole
 * table at its provisioned capacity. A request is admitted when its key's bucket, and its table's bucket where
 * there is one, hold the capacity units it consumes; both are then charged. Otherwise it is throttled: nothing
 * is charged and the request throws DynamoDB's throttling error, which leaves the item unchanged. The public
 * {@code Limits} type of the engine documents the numbers and the burst allowance.
 * <p>
 * A bucket holds up to {@code rate × max(1, burstSeconds)} units (one second's worth with burst off), starts
 * full and refills continuously at its rate; a full bucket admits one request larger than it holds, going
 * into debt, so that an item bigger than a small provisioned table's capacity can still be written. Arithmetic
 * is exact: levels are kept in billionths of a unit and the time comes from an injectable nanosecond source.
 * <p>
 * <b>Errors.</b> On an on-demand ({@code PAY_PER_REQUEST}) table a throttled request gets a
 * {@code ThrottlingException} with the message {@value #ON_DEMAND_MESSAGE}; on a provisioned table a
 * {@code ProvisionedThroughputExceededException} with the message {@value #PROVISIONED_MESSAGE}. Both list their
 * throttling reasons with the table's ARN, e.g. {@code TableWriteKeyRangeThroughputExceeded} for a hot key or
 * {@code TableReadProvisionedThroughputExceeded} for a table past its provisioned reads, in the member the
 * service model gives each ({@code throttlingReasons} in a {@code ThrottlingException},
 * {@code ThrottlingReasons} in a {@code ProvisionedThroughputExceededException}), so the AWS SDKs read them.
 * The documentation names these exceptions and reasons (the developer guide's "Diagnosing throttling" lists
 * {@code ProvisionedThroughputExceededException}, {@code RequestLimitExceeded} and {@code ThrottlingException}
 * with their throttling reasons; the PutItem and BatchGetItem references name
 * {@code ProvisionedThroughputExceededException} for provisioned throughput) but does not print the messages;
 * the two messages are the ones DynamoDB sends, as quoted from its responses in public issue reports.
 * <p>
 * <b>Cost.</b> One {@link ConcurrentHashMap} lookup and one lock on the key's own bucket per request (plus the
 * table's bucket on a provisioned table); no global lock. A bucket that has filled up again is removed by a
 * sweep that runs at most every {@value #SWEEP_INTERVAL_SECONDS} seconds, on the thread of the request that
 * finds it due; since a new bucket starts full, removing a full one changes nothing, and idle keys do not hold
 * memory.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/throttling-diagnosing-workflow.html">
 *     Diagnosing throttling</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ThrottlingReason.html">
 *     ThrottlingReason</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html">
 *     Error handling with DynamoDB</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html">PutItem</a>
 */
public final class TokenBucketThrottle implements Throttle {

    /** The message of the {@code ThrottlingException} for an on-demand table. */
    public static final String ON_DEMAND_MESSAGE = "Throughput exceeds the current capacity of your table or "
            + "index. DynamoDB is automatically scaling your table or index so please try again shortly. If "
            + "exceptions persist, check if you have a hot key: "
            + "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html";

    /** The message of the {@code ProvisionedThroughputExceededException} for a provisioned table. */
    public static final String PROVISIONED_MESSAGE = "The level of configured provisioned throughput for the table "
            + "was exceeded. Consider increasing your provisioning level with the UpdateTable API.";

    static final long SWEEP_INTERVAL_SECONDS = 10;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANO_UNITS_PER_UNIT = 1_000_000_000L;
    private static final long MAX_UNITS_PER_SECOND = 1_000_000;
    private static final long MAX_BURST_SECONDS = 3_600;

    private final long writeUnitsPerSecond;
    private final long readUnitsPerSecond;
    private final long keyCapacitySeconds;
    private final long tableCapacitySeconds;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<BucketKey, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep;

    /**
     * @param writeUnitsPerSecond write units per second per partition key
     * @param readUnitsPerSecond read units per second per partition key
     * @param burstSeconds seconds of unused capacity a provisioned table's buckets keep, 0 for burst off
     * @param burstOnPartitionKeys whether per-key buckets keep {@code burstSeconds} of unused capacity too
     * @param nanoTime the time in nanoseconds, e.g. {@code System::nanoTime}
     */
    public TokenBucketThrottle(long writeUnitsPerSecond, long readUnitsPerSecond, long burstSeconds,
            boolean burstOnPartitionKeys, LongSupplier nanoTime) {
        if (writeUnitsPerSecond < 1 || writeUnitsPerSecond > MAX_UNITS_PER_SECOND || readUnitsPerSecond < 1
                || readUnitsPerSecond > MAX_UNITS_PER_SECOND || burstSeconds < 0 || burstSeconds > MAX_BURST_SECONDS) {
            throw new IllegalArgumentException("rates must be between 1 and " + MAX_UNITS_PER_SECOND
                    + " and burst between 0 and " + MAX_BURST_SECONDS + " seconds, were " + writeUnitsPerSecond + ", "
                    + readUnitsPerSecond + " and " + burstSeconds);
        }
        this.writeUnitsPerSecond = writeUnitsPerSecond;
        this.readUnitsPerSecond = readUnitsPerSecond;
        this.tableCapacitySeconds = Math.max(1, burstSeconds);
        this.keyCapacitySeconds = burstOnPartitionKeys ? tableCapacitySeconds : 1;
        this.nanoTime = nanoTime;
        this.nextSweep = new AtomicLong(nanoTime.getAsLong() + SWEEP_INTERVAL_SECONDS * NANOS_PER_SECOND);
    }

    @Override
    public void admitWrite(Table table, Table.ItemKey key, double units) {
        admit(table, key.hash(), true, units);
    }

    @Override
    public void admitRead(Table table, Table.ItemKey key, double units) {
        admit(table, key.hash(), false, units);
    }

    /** How many buckets are held (for tests of their expiry). */
    int bucketCount() {
        return buckets.size();
    }

    private void admit(Table table, Value partition, boolean write, double units) {
        long now = nanoTime.getAsLong();
        sweepIfDue(now);
        long cost = Math.round(units * NANO_UNITS_PER_UNIT);
        boolean provisioned = "PROVISIONED".equals(table.billingMode);
        BucketKey keyBucketKey = new BucketKey(table, partition, write);
        BucketKey tableBucketKey = provisioned ? new BucketKey(table, null, write) : null;
        while (true) {
            Bucket keyBucket = bucket(keyBucketKey);
            Bucket tableBucket = provisioned ? bucket(tableBucketKey) : null;
            // lock order: a key's bucket, then its table's bucket; the sweep holds one lock at a time
            synchronized (keyBucket) {
                if (keyBucket.retired) {
                    buckets.remove(keyBucketKey, keyBucket);
                    continue;
                }
                keyBucket.refill(now);
                if (tableBucket == null) {
                    if (keyBucket.admits(cost)) {
                        keyBucket.level -= cost;
                        return;
                    }
                    throw ServiceError.throttling(ON_DEMAND_MESSAGE, reasons("throttlingReasons", table,
                            List.of(reason(write, "KeyRangeThroughputExceeded"))));
                }
                synchronized (tableBucket) {
                    if (tableBucket.retired) {
                        buckets.remove(tableBucketKey, tableBucket);
                        continue;
                    }
                    tableBucket.refill(now);
                    boolean keyAdmits = keyBucket.admits(cost);
                    boolean tableAdmits = tableBucket.admits(cost);
                    if (keyAdmits && tableAdmits) {
                        keyBucket.level -= cost;
                        tableBucket.level -= cost;
                        return;
                    }
                    List<String> reasons = new ArrayList<>(2);
                    if (!keyAdmits) {
                        reasons.add(reason(write, "KeyRangeThroughputExceeded"));
                    }
                    if (!tableAdmits) {
                        reasons.add(reason(write, "ProvisionedThroughputExceeded"));
                    }
                    throw ServiceError.provisionedThroughputExceeded(PROVISIONED_MESSAGE,
                            reasons("ThrottlingReasons", table, reasons));
                }
            }
        }
    }

    private Bucket bucket(BucketKey key) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            return bucket;
        }
        return buckets.computeIfAbsent(key, this::newBucket);
    }

    private Bucket newBucket(BucketKey key) {
        long rate;
        long seconds;
        if (key.partition() == null) {
            long provisioned = key.write() ? key.table().writeCapacityUnits : key.table().readCapacityUnits;
            rate = Math.max(1, Math.min(provisioned, MAX_UNITS_PER_SECOND));
            seconds = tableCapacitySeconds;
        } else {
            rate = key.write() ? writeUnitsPerSecond : readUnitsPerSecond;
            seconds = keyCapacitySeconds;
        }
        return new Bucket(rate, rate * seconds * NANO_UNITS_PER_UNIT, nanoTime.getAsLong());
    }

    /** Removes the buckets that have filled up again, at most every {@value #SWEEP_INTERVAL_SECONDS} seconds. */
    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_SECONDS * NANOS_PER_SECOND)) {
            return;
        }
        for (Map.Entry<BucketKey, Bucket> entry : buckets.entrySet()) {
            Bucket bucket = entry.getValue();
            boolean full;
            synchronized (bucket) {
                bucket.refill(now);
                full = bucket.level >= bucket.capacity;
                if (full) {
                    bucket.retired = true;
                }
            }
            if (full) {
                buckets.remove(entry.getKey(), bucket);
            }
        }
    }

    private static String reason(boolean write, String limit) {
        return "Table" + (write ? "Write" : "Read") + limit;
    }

    /**
     * The member listing the reasons, named as the service model names it: {@code throttlingReasons} in a
     * {@code ThrottlingException}, {@code ThrottlingReasons} in a {@code ProvisionedThroughputExceededException}.
     */
    private static Map<String, Object> reasons(String member, Table table, List<String> reasons) {
        List<Object> list = new ArrayList<>(reasons.size());
        for (String reason : reasons) {
            list.add(Map.of("reason", reason, "resource", TableOperations.ARN_PREFIX + table.name));
        }
        return Map.of(member, list);
    }

    /** A bucket's identity: a table (by identity) and a partition key value, or null for the whole table. */
    private record BucketKey(Table table, Value partition, boolean write) {
    }

    /** A token bucket; its fields are guarded by its own monitor. */
    private static final class Bucket {
        final long rate;
        final long capacity;
        long level;
        long updated;
        boolean retired;

        Bucket(long rate, long capacity, long now) {
            this.rate = rate;
            this.capacity = capacity;
            this.level = capacity;
            this.updated = now;
        }

        /** Adds what the rate has refilled since the last refill, up to the capacity. */
        void refill(long now) {
            long elapsed = now - updated;
            if (elapsed <= 0) {
                return;
            }
            updated = now;
            long missing = capacity - level;
            if (missing <= 0) {
                return;
            }
            // a unit per second is a billionth of a unit per nanosecond, so the refill is rate × elapsed
            level = elapsed >= missing / rate + 1 ? capacity : Math.min(capacity, level + elapsed * rate);
        }

        /** Whether it holds {@code cost}, or is full (a full bucket admits one request larger than it). */
        boolean admits(long cost) {
            return level >= cost || level >= capacity;
        }
    }
}
