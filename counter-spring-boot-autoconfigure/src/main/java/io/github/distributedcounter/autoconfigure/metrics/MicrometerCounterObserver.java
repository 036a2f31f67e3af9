package io.github.distributedcounter.autoconfigure.metrics;

import java.util.concurrent.TimeUnit;

import io.github.distributedcounter.CounterObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Records the counter's activity as Micrometer meters, once bound to a registry:
 * <ul>
 * <li>{@code distributed.counter.requests} (timer; tags {@code operation}, {@code outcome}) — DynamoDB requests;</li>
 * <li>{@code distributed.counter.increments} (counter) — increments and decrements served;</li>
 * <li>{@code distributed.counter.batch.size} (distribution summary) — increments carried per request;</li>
 * <li>{@code distributed.counter.throttles} and {@code distributed.counter.retries} (counters; tag
 * {@code operation}) — throttled attempts and retries of the AWS SDK;</li>
 * <li>{@code distributed.counter.pacing.delay} (timer) — how long increment requests of throttled keys waited
 * for their key's pace;</li>
 * <li>{@code distributed.counter.paced.batch.size} (distribution summary) — increments carried per request of a
 * key being paced after throttling.</li>
 * </ul>
 * Every meter also has the tag {@code table}.
 */
public class MicrometerCounterObserver implements CounterObserver, MeterBinder {

    private final String table;
    private volatile Meters meters;

    public MicrometerCounterObserver(String table) {
        this.table = table;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.meters = new Meters(registry, table);
    }

    @Override
    public void requestCompleted(String operation, String outcome, long nanos) {
        Meters m = meters;
        if (m != null) {
            Timer.builder("distributed.counter.requests").description("DynamoDB requests of the distributed counter")
                    .tags("table", table, "operation", operation, "outcome", outcome)
                    .register(m.registry).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void incrementBatchWritten(int size) {
        Meters m = meters;
        if (m != null) {
            m.batchSize.record(size);
        }
    }

    @Override
    public void incrementsServed(int count) {
        Meters m = meters;
        if (m != null) {
            m.increments.increment(count);
        }
    }

    @Override
    public void throttled(String operation) {
        Meters m = meters;
        if (m != null) {
            Counter.builder("distributed.counter.throttles").description("DynamoDB attempts throttled")
                    .tags("table", table, "operation", operation).register(m.registry).increment();
        }
    }

    @Override
    public void retried(String operation, int retries) {
        Meters m = meters;
        if (m != null) {
            Counter.builder("distributed.counter.retries").description("DynamoDB attempts retried by the AWS SDK")
                    .tags("table", table, "operation", operation).register(m.registry).increment(retries);
        }
    }

    @Override
    public void paced(long nanos) {
        Meters m = meters;
        if (m != null) {
            m.pacingDelay.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void pacedBatchWritten(int size) {
        Meters m = meters;
        if (m != null) {
            m.pacedBatchSize.record(size);
        }
    }

    private static final class Meters {

        final MeterRegistry registry;
        final Counter increments;
        final DistributionSummary batchSize;
        final Timer pacingDelay;
        final DistributionSummary pacedBatchSize;

        Meters(MeterRegistry registry, String table) {
            this.registry = registry;
            this.increments = Counter.builder("distributed.counter.increments")
                    .description("Increments and decrements served").tag("table", table).register(registry);
            this.batchSize = DistributionSummary.builder("distributed.counter.batch.size")
                    .description("Increments carried by one DynamoDB request").tag("table", table)
                    .register(registry);
            this.pacingDelay = Timer.builder("distributed.counter.pacing.delay")
                    .description("Wait of an increment request for its throttled key's pace").tag("table", table)
                    .register(registry);
            this.pacedBatchSize = DistributionSummary.builder("distributed.counter.paced.batch.size")
                    .description("Increments carried by one DynamoDB request of a key paced after throttling")
                    .tag("table", table).register(registry);
        }
    }
}
