package io.github.distributedcounter.autoconfigure.aop;

import java.time.Duration;

import io.github.distributedcounter.DistributedCounter;
import io.github.distributedcounter.EveryNCalls;
import io.github.distributedcounter.autoconfigure.DistributedCounterAutoConfiguration;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

/**
 * Applies {@link EveryNCalls} to Spring bean methods, counting with the {@link DistributedCounter} bean. Needs
 * Spring AOP (proxy-based, no AspectJ weaver): the advising post-processor, advisors and AOP Alliance method
 * interceptors; it backs off where they are not on the classpath.
 */
@AutoConfiguration(after = DistributedCounterAutoConfiguration.class)
@ConditionalOnClass({AbstractBeanFactoryAwareAdvisingPostProcessor.class, Advisor.class, MethodInterceptor.class})
public class EveryNCallsAutoConfiguration {

    /** Binds its properties from the environment: a post-processor is created before property beans. */
    @Bean
    @ConditionalOnMissingBean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static EveryNCallsBeanPostProcessor everyNCallsBeanPostProcessor(Environment environment) {
        EveryNCallsProperties properties = Binder.get(environment)
                .bindOrCreate(EveryNCallsProperties.PREFIX, EveryNCallsProperties.class);
        requirePositive("detection-timeout", properties.getDetectionTimeout());
        requirePositive("probe-interval", properties.getProbeInterval());
        CounterCircuit circuit = new CounterCircuit(properties.getDetectionTimeout(), properties.getProbeInterval());
        return new EveryNCallsBeanPostProcessor(new EveryNCallsInterceptor(new Turns(circuit)));
    }

    private static void requirePositive(String property, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidConfigurationPropertyValueException(EveryNCallsProperties.PREFIX + "." + property,
                    value, "must be positive");
        }
    }
}
