package io.github.distributedcounter.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The token buckets on a fake clock: exact counts of admitted and throttled requests. */
class TokenBucketThrottleTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    private final AtomicLong now = new AtomicLong(42 * SECOND);

    private TokenBucketThrottle throttle(long writeUnits, long readUnits, long burstSeconds, boolean burstOnKeys) {
        return new TokenBucketThrottle(writeUnits, readUnits, burstSeconds, burstOnKeys, now::get);
    }

    private static Table onDemand(String name) {
        return table(name, "PAY_PER_REQUEST", 0, 0);
    }

    private static Table table(String name, String billingMode, long read, long write) {
        return new Table(name, new Table.KeyAttribute("pk", Value.Type.S), null, List.of(), billingMode, read, write,
                Instant.EPOCH, "id-" + name);
    }

    private static Table.ItemKey key(String value) {
        return new Table.ItemKey(new Value.S(value), null);
    }

    private void advance(long nanos) {
        now.addAndGet(nanos);
    }

    /** Sends {@code attempts} writes of {@code units} each; returns how many were admitted. */
    private static int writes(Throttle throttle, Table table, Table.ItemKey key, int attempts, double units) {
        int admitted = 0;
        for (int i = 0; i < attempts; i++) {
            try {
                throttle.admitWrite(table, key, units);
                admitted++;
            } catch (ServiceError e) {
                assertThat(e.isThrottling()).isTrue();
            }
        }
        return admitted;
    }

    private static int reads(Throttle throttle, Table table, Table.ItemKey key, int attempts, double units) {
        int admitted = 0;
        for (int i = 0; i < attempts; i++) {
            try {
                throttle.admitRead(table, key, units);
                admitted++;
            } catch (ServiceError e) {
                assertThat(e.isThrottling()).isTrue();
            }
        }
        return admitted;
    }

    @Test
    void aKeyAdmitsItsPerSecondLimitAtOnceThenOnlyWhatRefills() {
        Throttle throttle = throttle(1_000, 3_000, 0, false);
        Table table = onDemand("t");
        Table.ItemKey hot = key("hot");

        assertThat(writes(throttle, table, hot, 1_500, 1)).isEqualTo(1_000);
        advance(1 * MS);
        assertThat(writes(throttle, table, hot, 10, 1)).isEqualTo(1);
        advance(250 * MS);
        assertThat(writes(throttle, table, hot, 1_000, 1)).isEqualTo(250);
        advance(100 * MS);
        assertThat(writes(throttle, table, hot, 1_000, 4)).as("4-unit writes").isEqualTo(25);
    }

    @Test
    void aThrottledWriteOnAnOnDemandTableIsAThrottlingExceptionWithItsReason() {
        Throttle throttle = throttle(1, 1, 0, false);
        Table table = onDemand("orders");
        throttle.admitWrite(table, key("k"), 1);

        assertThatThrownBy(() -> throttle.admitWrite(table, key("k"), 1))
                .isInstanceOfSatisfying(ServiceError.class, e -> {
                    assertThat(e.type()).isEqualTo("com.amazon.coral.availability#ThrottlingException");
                    assertThat(e.shortType()).isEqualTo("ThrottlingException");
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo(TokenBucketThrottle.ON_DEMAND_MESSAGE)
                            .startsWith("Throughput exceeds the current capacity of your table or index.");
                    assertThat(e.details()).isEqualTo(Map.of("throttlingReasons", List.of(Map.of(
                            "reason", "TableWriteKeyRangeThroughputExceeded",
                            "resource", "arn:aws:dynamodb:us-east-1:000000000000:table/orders"))));
                });
    }

    @Test
    void refillStopsAtOneSecondWithBurstOff() {
        Throttle throttle = throttle(1_000, 3_000, 0, false);
        Table table = onDemand("t");
        Table.ItemKey hot = key("hot");
        writes(throttle, table, hot, 1_000, 1);

        advance(60 * SECOND);
        assertThat(writes(throttle, table, hot, 5_000, 1)).isEqualTo(1_000);
    }

    @Test
    void burstSecondsDoNotLiftAPartitionKeyUnlessAskedTo() {
        Table table = onDemand("t");
        assertThat(writes(throttle(10, 30, 300, false), table, key("a"), 10_000, 1))
                .as("DynamoDB: burst cannot alleviate partition-level throttling").isEqualTo(10);
        assertThat(writes(throttle(10, 30, 300, true), table, key("a"), 10_000, 1))
                .as("burst on partition keys").isEqualTo(3_000);
    }

    @Test
    void burstAccumulatesUnusedCapacityUpToItsCap() {
        Throttle throttle = throttle(10, 30, 300, true);
        Table table = onDemand("t");
        Table.ItemKey hot = key("hot");
        assertThat(writes(throttle, table, hot, 5_000, 1)).as("starts full").isEqualTo(3_000);

        advance(100 * SECOND);
        assertThat(writes(throttle, table, hot, 5_000, 1)).as("100 s unused").isEqualTo(1_000);
        advance(250 * SECOND);
        assertThat(writes(throttle, table, hot, 5_000, 1)).as("250 s unused").isEqualTo(2_500);
        advance(3_600 * SECOND);
        assertThat(writes(throttle, table, hot, 5_000, 1)).as("capped at 300 s").isEqualTo(3_000);
        advance(1 * SECOND);
        assertThat(writes(throttle, table, hot, 5_000, 1)).as("then the rate").isEqualTo(10);
    }

    @Test
    void readsAndWritesAreLimitedIndependently() {
        Throttle throttle = throttle(1_000, 3_000, 0, false);
        Table table = onDemand("t");
        Table.ItemKey hot = key("hot");
        assertThat(writes(throttle, table, hot, 2_000, 1)).isEqualTo(1_000);

        assertThat(reads(throttle, table, hot, 4_000, 1)).as("strongly consistent").isEqualTo(3_000);
        advance(1 * SECOND);
        assertThat(reads(throttle, table, hot, 7_000, 0.5)).as("eventually consistent").isEqualTo(6_000);
        assertThat(writes(throttle, table, hot, 2_000, 1)).isEqualTo(1_000);
    }

    @Test
    void aThrottledReadNamesTheReadLimit() {
        Throttle throttle = throttle(1, 1, 0, false);
        Table table = onDemand("t");
        throttle.admitRead(table, key("k"), 1);

        assertThatThrownBy(() -> throttle.admitRead(table, key("k"), 0.5))
                .isInstanceOfSatisfying(ServiceError.class, e -> assertThat(e.details()).isEqualTo(Map.of(
                        "throttlingReasons", List.of(Map.of("reason", "TableReadKeyRangeThroughputExceeded",
                                "resource", "arn:aws:dynamodb:us-east-1:000000000000:table/t")))));
    }

    @Test
    void twoKeysAndTwoTablesAreIndependent() {
        Throttle throttle = throttle(1_000, 3_000, 0, false);
        Table first = onDemand("first");
        Table second = onDemand("second");
        assertThat(writes(throttle, first, key("a"), 2_000, 1)).isEqualTo(1_000);
        assertThat(writes(throttle, first, key("b"), 2_000, 1)).isEqualTo(1_000);
        assertThat(writes(throttle, second, key("a"), 2_000, 1)).isEqualTo(1_000);
        assertThat(writes(throttle, first, key("a"), 10, 1)).isZero();
    }

    @Test
    void theSortKeyIsNotPartOfThePartition() {
        Throttle throttle = throttle(1_000, 3_000, 0, false);
        Table table = onDemand("t");
        int admitted = 0;
        for (int i = 0; i < 2_000; i++) {
            admitted += writes(throttle, table, new Table.ItemKey(new Value.S("hot"), new Value.S("s" + i)), 1, 1);
        }
        assertThat(admitted).isEqualTo(1_000);
    }

    @Test
    void aProvisionedTableIsLimitedToItsCapacityAndSaysSo() {
        Throttle throttle = throttle(1_000, 3_000, 0, false);
        Table table = table("prov", "PROVISIONED", 20, 10);
        assertThat(writes(throttle, table, key("a"), 5, 1) + writes(throttle, table, key("b"), 10, 1))
                .as("the table's 10 write units, shared by its keys").isEqualTo(10);

        assertThatThrownBy(() -> throttle.admitWrite(table, key("c"), 1))
                .isInstanceOfSatisfying(ServiceError.class, e -> {
                    assertThat(e.type())
                            .isEqualTo("com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException");
                    assertThat(e.getMessage()).isEqualTo(TokenBucketThrottle.PROVISIONED_MESSAGE)
                            .isEqualTo("The level of configured provisioned throughput for the table was exceeded. "
                                    + "Consider increasing your provisioning level with the UpdateTable API.");
                    assertThat(e.details()).isEqualTo(Map.of("ThrottlingReasons", List.of(Map.of(
                            "reason", "TableWriteProvisionedThroughputExceeded",
                            "resource", "arn:aws:dynamodb:us-east-1:000000000000:table/prov"))));
                });
        assertThat(reads(throttle, table, key("a"), 100, 1)).as("reads have their own 20 units").isEqualTo(20);
        advance(500 * MS);
        assertThat(writes(throttle, table, key("a"), 100, 1)).isEqualTo(5);
    }

    @Test
    void onAProvisionedTableAHotKeyIsThrottledByItsOwnLimitToo() {
        Throttle throttle = throttle(100, 300, 0, false);
        Table table = table("prov", "PROVISIONED", 10_000, 10_000);
        assertThat(writes(throttle, table, key("hot"), 1_000, 1)).isEqualTo(100);
        assertThatThrownBy(() -> throttle.admitWrite(table, key("hot"), 1))
                .isInstanceOfSatisfying(ServiceError.class, e -> {
                    assertThat(e.shortType()).isEqualTo("ProvisionedThroughputExceededException");
                    assertThat(e.details()).isEqualTo(Map.of("ThrottlingReasons", List.of(Map.of(
                            "reason", "TableWriteKeyRangeThroughputExceeded",
                            "resource", "arn:aws:dynamodb:us-east-1:000000000000:table/prov"))));
                });
        assertThat(writes(throttle, table, key("cold"), 1_000, 1))
                .as("the hot key's throttled writes took nothing from the table").isEqualTo(100);
    }

    @Test
    void aProvisionedTableBurstsOnItsUnusedCapacity() {
        Throttle throttle = throttle(1_000, 3_000, 300, false);
        Table table = table("prov", "PROVISIONED", 5, 5);
        int admitted = 0;
        for (int i = 0; i < 3_000; i++) {
            admitted += writes(throttle, table, key("k" + i), 1, 1);
        }
        assertThat(admitted).as("300 s of 5 units, spread over keys").isEqualTo(1_500);

        advance(60 * SECOND);
        assertThat(writes(throttle, table, key("k"), 1_000, 1)).as("60 s unused").isEqualTo(300);
        advance(1_000 * SECOND);
        admitted = 0;
        for (int i = 0; i < 3_000; i++) {
            admitted += writes(throttle, table, key("x" + i), 1, 1);
        }
        assertThat(admitted).as("capped at 300 s").isEqualTo(1_500);
    }

    @Test
    void aFullBucketAdmitsOneRequestLargerThanItHolds() {
        Throttle throttle = throttle(1_000, 3_000, 0, false);
        Table table = table("small", "PROVISIONED", 1, 1);
        assertThat(writes(throttle, table, key("k"), 1, 3)).as("a 3 KB write on 1 WCU").isEqualTo(1);
        advance(2 * SECOND);
        assertThat(writes(throttle, table, key("k"), 1, 1)).as("still paying it back").isZero();
        advance(1 * SECOND);
        assertThat(writes(throttle, table, key("k"), 1, 1)).isEqualTo(1);
    }

    @Test
    void bucketsThatFilledUpAgainAreForgottenAndTheOthersKept() {
        TokenBucketThrottle throttle = throttle(1_000, 3_000, 0, false);
        Table table = onDemand("t");
        for (int i = 0; i < 1_000; i++) {
            throttle.admitWrite(table, key("k" + i), 1);
        }
        assertThat(throttle.bucketCount()).isEqualTo(1_000);

        advance(TokenBucketThrottle.SWEEP_INTERVAL_SECONDS * SECOND);
        writes(throttle, table, key("hot"), 1_000, 1);
        assertThat(throttle.bucketCount()).as("only the key just used").isEqualTo(1);

        advance(TokenBucketThrottle.SWEEP_INTERVAL_SECONDS * SECOND - 500 * MS);
        writes(throttle, table, key("busy"), 1_000, 1);
        advance(500 * MS);
        writes(throttle, table, key("other"), 1, 1);
        assertThat(throttle.bucketCount()).as("busy has not refilled yet").isEqualTo(2);
        assertThat(writes(throttle, table, key("busy"), 1_000, 1)).as("and keeps its level").isEqualTo(500);
    }

    @Test
    void concurrentRequestsOnOneKeyNeverOverdraw() throws Exception {
        TokenBucketThrottle throttle = throttle(1_000, 3_000, 0, false);
        Table table = onDemand("t");
        int threads = 16;
        AtomicInteger admitted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                pool.execute(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < 500; i++) {
                        // a few buckets refill and are swept while others race on the hot key
                        if (i % 100 == 0) {
                            advance(TokenBucketThrottle.SWEEP_INTERVAL_SECONDS * SECOND / 10);
                        }
                        admitted.addAndGet(writes(throttle, table, key("hot"), 1, 1));
                    }
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        // 16 × 5 steps of 1 s each: at most the first full bucket plus 80 s of refill
        assertThat(admitted.get()).isLessThanOrEqualTo(1_000 + 80 * 1_000).isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void concurrentRequestsAtOneInstantAdmitExactlyTheBucket() throws Exception {
        TokenBucketThrottle throttle = throttle(1_000, 3_000, 0, false);
        Table table = onDemand("t");
        int threads = 16;
        AtomicInteger admitted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                pool.execute(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    admitted.addAndGet(writes(throttle, table, key("hot"), 200, 1));
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(admitted.get()).isEqualTo(1_000);
    }

    @Test
    void rejectsRatesAndBurstsOutOfRange() {
        assertThatThrownBy(() -> throttle(0, 1, 0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> throttle(1, 0, 0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> throttle(1, 1, -1, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> throttle(1, 1, 3_601, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
