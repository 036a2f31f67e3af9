package io.github.distributedcounter.autoconfigure.health;

import io.github.distributedcounter.DistributedCounter;
import io.github.distributedcounter.autoconfigure.DistributedCounterAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code distributedCounter} health indicator for the application's one (or {@code @Primary})
 * {@link DistributedCounter} bean, whether auto-configured or the application's own; switched by
 * {@code management.health.distributed-counter.enabled}.
 */
@AutoConfiguration(after = DistributedCounterAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, DistributedCounter.class})
@ConditionalOnSingleCandidate(DistributedCounter.class)
@ConditionalOnEnabledHealthIndicator("distributed-counter")
public class DistributedCounterHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "distributedCounterHealthIndicator")
    DistributedCounterHealthIndicator distributedCounterHealthIndicator(DistributedCounter counter) {
        return new DistributedCounterHealthIndicator(counter);
    }
}
