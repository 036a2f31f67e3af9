package io.github.distributedcounter.autoconfigure.aop;

import io.github.distributedcounter.EveryNCalls;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code everyNCalls} health component: whether {@link EveryNCalls} calls are counted or decided without the
 * counter; switched by {@code management.health.every-n-calls.enabled}.
 */
@AutoConfiguration(after = EveryNCallsAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(EveryNCallsBeanPostProcessor.class)
@ConditionalOnEnabledHealthIndicator("every-n-calls")
public class EveryNCallsHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "everyNCallsHealthIndicator")
    HealthIndicator everyNCallsHealthIndicator(EveryNCallsBeanPostProcessor postProcessor) {
        CounterCircuit circuit = postProcessor.circuit();
        return () -> {
            CounterCircuit.State state = circuit.state();
            Health.Builder health = Health.up().withDetail("circuit", state.name());
            if (state != CounterCircuit.State.CLOSED) {
                health.withDetail("since", String.valueOf(circuit.openedAt())).withDetail("cause", circuit.cause());
            }
            return health.build();
        };
    }
}
