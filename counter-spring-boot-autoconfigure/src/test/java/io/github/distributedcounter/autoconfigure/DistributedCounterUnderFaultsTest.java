package io.github.distributedcounter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import io.github.distributedcounter.ConcurrentWorkers;
import io.github.distributedcounter.DistributedCounter;
import io.github.distributedcounter.EveryNCalls;
import io.github.distributedcounter.FaultInjectingProxy;
import io.github.distributedcounter.FaultInjectingProxy.Fault;
import io.github.distributedcounter.autoconfigure.aop.EveryNCallsAutoConfiguration;
import io.github.distributedcounter.autoconfigure.metrics.DistributedCounterMetricsAutoConfiguration;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configured counter, client and {@code @EveryNCalls} through a proxy that throttles and loses responses. */
@DynamoDbEmulatorTest
class DistributedCounterUnderFaultsTest {

    private static final int THREADS = 8;

    private final String table = "faults-" + UUID.randomUUID();
    private final URI dynamoDb;
    private FaultInjectingProxy proxy;
    private ApplicationContextRunner runner;

    DistributedCounterUnderFaultsTest(URI dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    @BeforeEach
    void start() throws Exception {
        proxy = new FaultInjectingProxy(dynamoDb);
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                        DistributedCounterMetricsAutoConfiguration.class, DistributedCounterAutoConfiguration.class,
                        EveryNCallsAutoConfiguration.class))
                .withPropertyValues("distributed-counter.endpoint=" + proxy.endpoint(),
                        "distributed-counter.access-key=local", "distributed-counter.secret-key=local",
                        "distributed-counter.table=" + table, "distributed-counter.create-table=true",
                        // slow answers under faults on a loaded machine are not an outage here
                        "distributed-counter.every-n-calls.detection-timeout=30s");
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
    }

    private static Fault sometimes(String operation, int percent, Fault fault) {
        return operation.equals("UpdateItem") && ThreadLocalRandom.current().nextInt(100) < percent
                ? fault : Fault.NONE;
    }

    /** Runs {@code perThread} calls of {@code call} on each of 8 threads started together. */
    private void onEightThreads(int perThread, Runnable call) throws Exception {
        ConcurrentWorkers.run(THREADS, thread -> {
            for (int i = 0; i < perThread; i++) {
                call.run();
            }
        });
    }

    /** Throttling at random, without a per-key reason, is the AWS SDK's to retry, not paced. */
    @Test
    void halfOfAllWritesThrottledAreRetriedWithoutAnErrorAndCounted() throws Exception {
        runner.run(context -> {
            DistributedCounter counter = context.getBean(DistributedCounter.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            counter.put("hot", 0);
            proxy.setPolicy(operation -> sometimes(operation, 50, Fault.THROTTLE));
            ConcurrentLinkedQueue<Long> values = new ConcurrentLinkedQueue<>();
            onEightThreads(100, () -> values.add(counter.increment("hot", 1)));
            proxy.setPolicy(operation -> Fault.NONE);

            List<Long> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            assertThat(sorted).isEqualTo(LongStream.rangeClosed(1, 800).boxed().toList());
            assertThat(counter.get("hot")).isEqualTo(OptionalLong.of(800));
            int throttled = proxy.injected(Fault.THROTTLE);
            assertThat(throttled).isGreaterThan(20);
            assertThat(registry.get("distributed.counter.throttles").tags("table", table, "operation", "UpdateItem")
                    .counter().count()).as("every throttled attempt is counted").isEqualTo(throttled);
            assertThat(registry.get("distributed.counter.retries").tags("table", table, "operation", "UpdateItem")
                    .counter().count()).as("the SDK retried after throttles, the only fault injected")
                    .isPositive().isLessThanOrEqualTo(throttled);
            assertThat(registry.get("distributed.counter.pacing.delay").tags("table", table).timer().count())
                    .as("requests that waited for a pace").isZero();
        });
    }

    public static class Ticker {

        private final AtomicInteger runs = new AtomicInteger();

        @EveryNCalls(n = 10)
        public void tick() {
            runs.incrementAndGet();
        }

        int runs() {
            return runs.get();
        }
    }

    @Test
    void everyNCallsRunsOncePerTenCallsWhenResponsesAreLost() throws Exception {
        runner.withBean(Ticker.class).run(context -> {
            Ticker ticker = context.getBean(Ticker.class);
            DistributedCounter counter = context.getBean(DistributedCounter.class);
            counter.get("warm-up");
            proxy.setPolicy(operation -> sometimes(operation, 20, Fault.CUT_AFTER_APPLY));
            onEightThreads(250, ticker::tick);
            proxy.setPolicy(operation -> Fault.NONE);

            assertThat(proxy.injected(Fault.CUT_AFTER_APPLY)).as("responses cut").isGreaterThan(20);
            assertThat(ticker.runs()).isEqualTo(200);
            assertThat(counter.get("every-n-calls:" + Ticker.class.getName() + ".tick()"))
                    .isEqualTo(OptionalLong.of(2000));
        });
    }
}
