package io.github.distributedcounter.emulator;

/**
 * The throughput limits an engine enforces when {@link DynamoDbEmulator.Builder#limits(Limits) limits} are on:
 * how many capacity units per second one partition key may consume, and how much unused capacity DynamoDB's
 * burst allowance keeps. Immutable; {@link #aws()} gives DynamoDB's documented numbers.
 * <p>
 * <b>Per partition key.</b> Every partition key value of a table has a write bucket filled at
 * {@link #writeUnitsPerSecond()} and a read bucket filled at {@link #readUnitsPerSecond()}; a request is admitted
 * when its bucket holds the capacity units it consumes (a write unit per started KB; a strongly consistent read
 * unit per started 4 KB, half for an eventually consistent read) and is otherwise throttled, writing nothing.
 * Reads and writes are limited independently, as DynamoDB's partition-level throttling is. DynamoDB's numbers
 * are 1,000 write units and 3,000 read units per second "against a given partition key".
 * <p>
 * <b>Provisioned tables.</b> A table created with {@code BillingMode=PROVISIONED} also has a write bucket and a
 * read bucket for the whole table, filled at its {@code WriteCapacityUnits} and {@code ReadCapacityUnits}; a
 * request must fit in both its key's bucket and its table's bucket.
 * <p>
 * <b>Burst.</b> DynamoDB "currently retains up to five minutes (300 seconds) of unused read and write
 * capacity" of a table's provisioned throughput, which a burst may then consume faster than the provisioned
 * rate. With burst on ({@link #burstSeconds()} {@code > 0}) a provisioned table's bucket holds up to
 * {@code burstSeconds} seconds of its provisioned capacity; with burst off ({@code burstSeconds == 0}) a bucket
 * holds one second of capacity, so that sustained traffic gets exactly the per-second rate and nothing more.
 * Burst capacity cannot lift a partition key past its per-second limit: AWS states that "burst capacity can't
 * alleviate partition-level throttling", so with {@link #aws()} the per-key buckets hold one second of capacity
 * whatever {@code burstSeconds} is. {@link #withBurstOnPartitionKeys(boolean) withBurstOnPartitionKeys(true)}
 * lets the per-key buckets keep {@code burstSeconds} of unused capacity too, which DynamoDB does not do.
 * <p>
 * Every bucket starts full, as if its key or table had been idle, and a bucket that has filled up again is
 * forgotten (which changes nothing, since a new one starts full): memory holds only recently used keys.
 *
 * @param writeUnitsPerSecond write capacity units one partition key may consume per second, at least 1
 * @param readUnitsPerSecond read capacity units one partition key may consume per second, at least 1
 * @param burstSeconds seconds of unused capacity a provisioned table's bucket keeps, 0 (burst off) to 3,600
 * @param burstOnPartitionKeys whether per-key buckets keep {@code burstSeconds} of unused capacity as well
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html">
 *     Best practices for designing and using partition keys effectively (3,000 read and 1,000 write units per
 *     partition key)</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/burst-adaptive-capacity.html">
 *     DynamoDB burst and adaptive capacity (up to 300 seconds of unused capacity)</a>
 * @see <a href="https://repost.aws/knowledge-center/dynamodb-spiky-workloads-short-intervals">How DynamoDB
 *     handles spiky workloads (burst capacity can't alleviate partition-level throttling)</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/throttling-key-range-limit-exceeded-mitigation.html">
 *     Key range throughput exceeded (reads and writes throttled independently)</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html">
 *     DynamoDB read and write operations (capacity units)</a>
 */
public record Limits(long writeUnitsPerSecond, long readUnitsPerSecond, long burstSeconds,
        boolean burstOnPartitionKeys) {

    /** DynamoDB's write units per second per partition key. */
    public static final long AWS_WRITE_UNITS_PER_SECOND = 1_000;
    /** DynamoDB's read units per second per partition key. */
    public static final long AWS_READ_UNITS_PER_SECOND = 3_000;
    /** Seconds of unused capacity DynamoDB's burst allowance keeps. */
    public static final long AWS_BURST_SECONDS = 300;

    /** The largest units per second accepted, so that a bucket's arithmetic cannot overflow. */
    public static final long MAX_UNITS_PER_SECOND = 1_000_000;
    /** The largest burst accepted, so that a bucket's arithmetic cannot overflow. */
    public static final long MAX_BURST_SECONDS = 3_600;

    /**
     * @throws IllegalArgumentException if a rate is outside 1..{@value #MAX_UNITS_PER_SECOND} or the burst
     *     outside 0..{@value #MAX_BURST_SECONDS} seconds
     */
    public Limits {
        checkRate("writeUnitsPerSecond", writeUnitsPerSecond);
        checkRate("readUnitsPerSecond", readUnitsPerSecond);
        if (burstSeconds < 0 || burstSeconds > MAX_BURST_SECONDS) {
            throw new IllegalArgumentException("burstSeconds must be between 0 (burst off) and "
                    + MAX_BURST_SECONDS + ", was " + burstSeconds);
        }
    }

    /**
     * DynamoDB's numbers: 1,000 write units and 3,000 read units per second per partition key, each a hard
     * per-second limit, and 300 seconds of burst on provisioned tables.
     */
    public static Limits aws() {
        return new Limits(AWS_WRITE_UNITS_PER_SECOND, AWS_READ_UNITS_PER_SECOND, AWS_BURST_SECONDS, false);
    }

    /** Custom per-key rates, with DynamoDB's 300 seconds of burst on provisioned tables. */
    public static Limits perKey(long writeUnitsPerSecond, long readUnitsPerSecond) {
        return new Limits(writeUnitsPerSecond, readUnitsPerSecond, AWS_BURST_SECONDS, false);
    }

    /** These limits with burst off: every bucket holds one second of capacity. */
    public Limits withoutBurst() {
        return withBurstSeconds(0);
    }

    /** These limits with {@code burstSeconds} of burst (0 for off). */
    public Limits withBurstSeconds(long burstSeconds) {
        return new Limits(writeUnitsPerSecond, readUnitsPerSecond, burstSeconds, burstOnPartitionKeys);
    }

    /** These limits with per-key buckets keeping {@link #burstSeconds()} of unused capacity, or not. */
    public Limits withBurstOnPartitionKeys(boolean burstOnPartitionKeys) {
        return new Limits(writeUnitsPerSecond, readUnitsPerSecond, burstSeconds, burstOnPartitionKeys);
    }

    /** Whether burst is on: some bucket keeps more than one second of unused capacity. */
    public boolean burst() {
        return burstSeconds > 0;
    }

    private static void checkRate(String name, long value) {
        if (value < 1 || value > MAX_UNITS_PER_SECOND) {
            throw new IllegalArgumentException(name + " must be between 1 and " + MAX_UNITS_PER_SECOND + ", was "
                    + value);
        }
    }
}
