package io.github.distributedcounter.autoconfigure.metrics;

import io.github.distributedcounter.CounterObserver;
import io.github.distributedcounter.autoconfigure.DistributedCounterAutoConfiguration;
import io.github.distributedcounter.autoconfigure.DistributedCounterProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters {@code distributed.counter.*} for the auto-configured counter; they are registered when
 * Spring Boot binds meter binders to the application's {@code MeterRegistry}. Applies only where the application
 * has a {@link MeterRegistry} bean (its own, or Spring Boot's from {@code spring-boot-micrometer-metrics}, for which
 * it runs after Boot's metrics auto-configuration); with Micrometer on the classpath but no registry, no observer
 * is installed.
 */
@AutoConfiguration(before = DistributedCounterAutoConfiguration.class,
        afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, MeterBinder.class})
@ConditionalOnBean(MeterRegistry.class)
@EnableConfigurationProperties(DistributedCounterProperties.class)
public class DistributedCounterMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(CounterObserver.class)
    MicrometerCounterObserver distributedCounterMeters(DistributedCounterProperties properties) {
        return new MicrometerCounterObserver(properties.getTable() == null ? "" : properties.getTable());
    }
}
