package io.github.distributedcounter.benchmarks;

import java.util.concurrent.atomic.LongAdder;

import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/** Counts the attempts that DynamoDB throttled, from the AWS SDK's per-attempt metrics. */
final class ThrottleCounter implements MetricPublisher {

    private final LongAdder throttled = new LongAdder();

    @Override
    public void publish(MetricCollection call) {
        for (MetricCollection attempt : call.children()) {
            if (attempt.metricValues(CoreMetric.ERROR_TYPE).contains("Throttling")) {
                throttled.increment();
            }
        }
    }

    long count() {
        return throttled.sum();
    }

    @Override
    public void close() {
    }
}
