package io.github.distributedcounter.benchmarks;

import java.util.concurrent.atomic.LongAdder;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Counts HTTP requests (attempts) sent to DynamoDB. */
final class RequestCounter implements ExecutionInterceptor {

    private final LongAdder requests = new LongAdder();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        requests.increment();
    }

    /** Counts requests that reach no HTTP client. */
    void count(int sent) {
        requests.add(sent);
    }

    long count() {
        return requests.sum();
    }
}
