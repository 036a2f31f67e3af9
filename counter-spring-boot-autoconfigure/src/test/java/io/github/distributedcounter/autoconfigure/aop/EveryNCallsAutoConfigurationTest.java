package io.github.distributedcounter.autoconfigure.aop;

import static org.assertj.core.api.Assertions.assertThat;

import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
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
}
