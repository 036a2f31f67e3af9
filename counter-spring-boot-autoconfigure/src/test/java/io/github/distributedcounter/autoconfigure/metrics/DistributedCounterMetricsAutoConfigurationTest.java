package io.github.distributedcounter.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import io.github.distributedcounter.ConcurrentWorkers;
import io.github.distributedcounter.CounterObserver;
import io.github.distributedcounter.DistributedCounter;
import io.github.distributedcounter.autoconfigure.DistributedCounterAutoConfiguration;
import io.github.distributedcounter.emulator.DynamoDbEmulator;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import io.github.distributedcounter.emulator.Limits;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@DynamoDbEmulatorTest
class DistributedCounterMetricsAutoConfigurationTest {

    private final String table = "metrics-" + UUID.randomUUID();
    private final ApplicationContextRunner runner;

    DistributedCounterMetricsAutoConfigurationTest(URI endpoint) {
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                        DistributedCounterMetricsAutoConfiguration.class, DistributedCounterAutoConfiguration.class))
                .withPropertyValues("distributed-counter.endpoint=" + endpoint, "distributed-counter.access-key=local",
                        "distributed-counter.secret-key=local", "distributed-counter.table=" + table,
                        "distributed-counter.create-table=true");
    }

    @Test
    void recordsRequestsIncrementsAndBatchSizes() {
        runner.run(context -> {
            DistributedCounter counter = context.getBean(DistributedCounter.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            counter.put("hot", 0);
            List<CompletableFuture<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                futures.add(counter.async().increment("hot", 1));
            }
            futures.forEach(CompletableFuture::join);
            counter.get("hot");
            counter.compareAndSet("hot", 1, 2);

            assertThat(registry.get("distributed.counter.increments").tag("table", table).counter().count())
                    .isEqualTo(500);
            var batches = registry.get("distributed.counter.batch.size").tag("table", table).summary();
            assertThat(batches.totalAmount()).isEqualTo(500);
            assertThat(batches.count()).as("requests that carried the 500 increments").isLessThan(500);
            assertThat(batches.max()).isGreaterThan(1);
            assertThat(registry.get("distributed.counter.requests")
                    .tags("operation", "UpdateItem", "outcome", "success").timer().count())
                    .isEqualTo(batches.count() + 1);
            assertThat(registry.get("distributed.counter.requests")
                    .tags("operation", "UpdateItem", "outcome", "condition_failed").timer().count()).isEqualTo(1);
            assertThat(registry.get("distributed.counter.requests")
                    .tags("operation", "GetItem", "outcome", "success").timer().count()).isEqualTo(1);
        });
    }

    /**
     * A key whose item takes 50 write units per write, on an engine admitting 100 units a second per key, and 8
     * threads incrementing it: it is throttled, and its batches are paced.
     */
    @Test
    void recordsThrottlesPacingDelaysAndPacedBatchesOfAThrottledKey() {
        try (DynamoDbEmulator limited = DynamoDbEmulator.builder().limits(Limits.perKey(100, 300)).start();
                DynamoDbClient client = limited.createClient()) {
            runner.withPropertyValues("distributed-counter.endpoint=" + limited.endpoint()).run(context -> {
                DistributedCounter counter = context.getBean(DistributedCounter.class);
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                client.putItem(b -> b.tableName(table).item(Map.of("key", AttributeValue.fromS("hot"),
                        "counter_value", AttributeValue.fromN("0"),
                        "padding", AttributeValue.fromS("x".repeat(50 * 1024 - 600)))));
                List<Long> values = Collections.synchronizedList(new ArrayList<>());
                ConcurrentWorkers.run(8, thread -> {
                    for (int i = 0; i < 3; i++) {
                        values.add(counter.increment("hot", 1));
                    }
                });

                assertThat(values).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 24).boxed()
                        .toList());
                assertThat(limited.throttledRequests()).as("the key was throttled").isPositive();
                assertThat(registry.get("distributed.counter.throttles").tags("table", table, "operation",
                        "UpdateItem").counter().count()).isEqualTo(limited.throttledRequests());
                assertThat(registry.get("distributed.counter.pacing.delay").tag("table", table).timer().count())
                        .as("requests that waited for the key's pace").isPositive();
                var paced = registry.get("distributed.counter.paced.batch.size").tag("table", table).summary();
                assertThat(paced.count()).as("requests of the paced key").isPositive();
                assertThat(paced.totalAmount()).as("several increments a request").isGreaterThan(paced.count());
            });
        }
    }

    @Test
    void noMetersWithoutAMeterRegistryBean() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DistributedCounterMetricsAutoConfiguration.class,
                        DistributedCounterAutoConfiguration.class))
                .withPropertyValues("distributed-counter.endpoint=http://localhost:1", "distributed-counter.table=counters")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CounterObserver.class)
                        .doesNotHaveBean(MicrometerCounterObserver.class));
    }

    @Test
    void metersWithTheApplicationsOwnMeterRegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DistributedCounterMetricsAutoConfiguration.class,
                        DistributedCounterAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("distributed-counter.endpoint=http://localhost:1", "distributed-counter.table=counters")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(MicrometerCounterObserver.class));
    }

    @Test
    void metersWithBootsMeterRegistry() {
        runner.run(context -> assertThat(context).hasSingleBean(MeterRegistry.class)
                .hasSingleBean(MicrometerCounterObserver.class));
    }

    @Test
    void noMetersWithoutMicrometer() {
        runner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CounterObserver.class));
    }

    @Test
    void anApplicationObserverReplacesTheMeters() {
        CounterObserver own = new CounterObserver() {
        };
        runner.withBean(CounterObserver.class, () -> own)
                .run(context -> assertThat(context).getBean(CounterObserver.class).isSameAs(own));
    }
}
