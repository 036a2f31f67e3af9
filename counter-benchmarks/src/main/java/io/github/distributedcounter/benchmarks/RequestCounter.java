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
        sent();
    }

    /** Counts one request; stand-ins for DynamoDB that send no HTTP request call it themselves. */
    void sent() {
        requests.increment();
    }

    long count() {
        return requests.sum();
    }
}
