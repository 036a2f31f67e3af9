package io.github.distributedcounter.autoconfigure.aop;

import static org.assertj.core.api.Assertions.assertThat;

import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class EveryNCallsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EveryNCallsAutoConfiguration.class));

    @Test
    void appliesWithSpringAop() {
        runner.run(context -> assertThat(context).hasSingleBean(EveryNCallsBeanPostProcessor.class));
    }

    @Test
    void backsOffWithoutSpringAopsAdvisingPostProcessor() {
        runner.withClassLoader(new FilteredClassLoader(AbstractBeanFactoryAwareAdvisingPostProcessor.class))
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(EveryNCallsBeanPostProcessor.class));
    }

    @Test
    void backsOffWithoutSpringAop() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.aop."))
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(EveryNCallsBeanPostProcessor.class));
    }

    @Test
    void backsOffWithoutAopAllianceInterceptors() {
        runner.withClassLoader(new FilteredClassLoader(MethodInterceptor.class))
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(EveryNCallsBeanPostProcessor.class));
    }

    @Test
    void backsOffWithoutAopAdvisors() {
        runner.withClassLoader(new FilteredClassLoader(Advisor.class))
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(EveryNCallsBeanPostProcessor.class));
    }

    @Test
    void aDetectionTimeoutThatIsNotPositiveFailsStartUp() {
        runner.withPropertyValues("distributed-counter.every-n-calls.detection-timeout=0")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .isExactlyInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessage("Property distributed-counter.every-n-calls.detection-timeout with value 'PT0S'"
                                + " is invalid: must be positive"));
    }

    @Test
    void aProbeIntervalThatIsNotPositiveFailsStartUp() {
        runner.withPropertyValues("distributed-counter.every-n-calls.probe-interval=-1s")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .isExactlyInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessage("Property distributed-counter.every-n-calls.probe-interval with value 'PT-1S'"
                                + " is invalid: must be positive"));
    }
}
