package io.github.distributedcounter.autoconfigure.aop;

import java.util.Locale;

import io.github.distributedcounter.EveryNCalls;
import io.github.distributedcounter.EveryNCalls.OnCounterFailure;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters of {@link EveryNCalls}, registered when Spring Boot binds meter binders to the application's
 * {@code MeterRegistry}: {@code distributed.counter.every-n-calls.circuit.open} (gauge, 1 while calls are decided
 * without the counter) and {@code distributed.counter.every-n-calls.uncounted} (counter, tag {@code fallback}:
 * {@code propagate}, {@code run} or {@code skip}; calls decided by their onCounterFailure).
 */
@AutoConfiguration(after = EveryNCallsAutoConfiguration.class)
@ConditionalOnClass({MeterRegistry.class, MeterBinder.class})
@ConditionalOnBean(EveryNCallsBeanPostProcessor.class)
public class EveryNCallsMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "everyNCallsMeters")
    MeterBinder everyNCallsMeters(EveryNCallsBeanPostProcessor postProcessor) {
        CounterCircuit circuit = postProcessor.circuit();
        return registry -> {
            Gauge.builder("distributed.counter.every-n-calls.circuit.open", circuit,
                    c -> c.state() == CounterCircuit.State.CLOSED ? 0 : 1)
                    .description("1 while @EveryNCalls calls are decided without the counter").register(registry);
            for (OnCounterFailure mode : OnCounterFailure.values()) {
                FunctionCounter.builder("distributed.counter.every-n-calls.uncounted", circuit,
                        c -> c.uncountedCalls(mode))
                        .description("@EveryNCalls calls decided by their onCounterFailure, without a count")
                        .tag("fallback", mode.name().toLowerCase(Locale.ROOT)).register(registry);
            }
        };
    }
}
