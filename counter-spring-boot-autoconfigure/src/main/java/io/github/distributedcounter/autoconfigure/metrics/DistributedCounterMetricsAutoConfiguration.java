package io.github.distributedcounter.autoconfigure.metrics;

import io.github.distributedcounter.CounterObserver;
import io.github.distributedcounter.autoconfigure.DistributedCounterAutoConfiguration;
import io.github.distributedcounter.autoconfigure.DistributedCounterProperties;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters {@code distributed.counter.*} for the auto-configured counter; they are registered when
 * Spring Boot binds meter binders to the application's {@code MeterRegistry}.
 */
@AutoConfiguration(before = DistributedCounterAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@EnableConfigurationProperties(DistributedCounterProperties.class)
public class DistributedCounterMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(CounterObserver.class)
    MicrometerCounterObserver distributedCounterMeters(DistributedCounterProperties properties) {
        return new MicrometerCounterObserver(properties.getTable() == null ? "" : properties.getTable());
    }
}
