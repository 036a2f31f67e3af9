package io.github.distributedcounter.autoconfigure.aop;

import java.net.URI;

import io.github.distributedcounter.autoconfigure.DistributedCounterAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The auto-configured counter and {@code @EveryNCalls} on a DynamoDB endpoint, with local credentials. Counts may
 * take 30 s before they count as an outage, so that a slow, loaded machine never opens the circuit.
 */
final class CounterRunner {

    private CounterRunner() {
    }

    /** Counting in {@code table}, created at start-up where it is missing. */
    static ApplicationContextRunner on(URI endpoint, String table) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DistributedCounterAutoConfiguration.class,
                        EveryNCallsAutoConfiguration.class))
                .withPropertyValues("distributed-counter.endpoint=" + endpoint,
                        "distributed-counter.access-key=local", "distributed-counter.secret-key=local",
                        "distributed-counter.table=" + table, "distributed-counter.create-table=true",
                        "distributed-counter.every-n-calls.detection-timeout=30s");
    }
}
