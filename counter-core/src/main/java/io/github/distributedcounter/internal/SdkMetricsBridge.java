package io.github.distributedcounter.internal;

import io.github.distributedcounter.CounterObserver;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/** Passes the AWS SDK's per-call retry and throttling metrics on to a {@link CounterObserver}. */
final class SdkMetricsBridge implements MetricPublisher {

    private static final String THROTTLING = "Throttling";

    private final CounterObserver observer;

    SdkMetricsBridge(CounterObserver observer) {
        this.observer = observer;
    }

    @Override
    public void publish(MetricCollection call) {
        String operation = call.metricValues(CoreMetric.OPERATION_NAME).stream().findFirst().orElse("unknown");
        int retries = call.metricValues(CoreMetric.RETRY_COUNT).stream().mapToInt(Integer::intValue).sum();
        if (retries > 0) {
            observer.retried(operation, retries);
        }
        for (MetricCollection attempt : call.children()) {
            if (attempt.metricValues(CoreMetric.ERROR_TYPE).contains(THROTTLING)) {
                observer.throttled(operation);
            }
        }
    }

    @Override
    public void close() {
    }
}
