package io.github.distributedcounter.autoconfigure.aop;

import java.util.Arrays;
import java.util.List;

import io.github.distributedcounter.DistributedCounter;
import io.github.distributedcounter.EveryNCalls;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.Ordered;

/**
 * Proxies beans that have {@link EveryNCalls} methods, checking each such method when its bean is created, in
 * the way Spring Framework applies {@code @Retryable} and {@code @Async}. It runs just before those post-processors,
 * so an {@code @Async} method is counted on its executor's thread. Each such bean depends on the counter, so the
 * counter is closed after it.
 */
final class EveryNCallsBeanPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

    private static final long serialVersionUID = 1L;

    private final transient EveryNCallsInterceptor interceptor;
    private transient ConfigurableListableBeanFactory beans;

    EveryNCallsBeanPostProcessor(EveryNCallsInterceptor interceptor) {
        this.interceptor = interceptor;
        this.advisor = new DefaultPointcutAdvisor(new AnnotationMatchingPointcut(null, EveryNCalls.class, true),
                interceptor);
        setBeforeExistingAdvisors(true);
        setOrder(Ordered.LOWEST_PRECEDENCE - 1);
    }

    CounterCircuit circuit() {
        return interceptor.turns().circuit();
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        super.setBeanFactory(beanFactory);
        interceptor.setBeanFactory(beanFactory);
        this.beans = (ConfigurableListableBeanFactory) beanFactory;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (isEligible(bean, beanName) && interceptor.register(AopUtils.getTargetClass(bean))) {
            String counter = counterBeanName(beanName);
            beans.registerDependentBean(counter, beanName);
            interceptor.turns().useCounter(beans.getBean(counter, DistributedCounter.class));
        }
        return super.postProcessAfterInitialization(bean, beanName);
    }

    /** The application's one {@link DistributedCounter} bean, or its {@code @Primary} one. */
    private String counterBeanName(String user) {
        String[] names = BeanFactoryUtils.beanNamesForTypeIncludingAncestors(beans, DistributedCounter.class);
        if (names.length == 1) {
            return names[0];
        }
        String needs = "@EveryNCalls on bean '" + user + "' needs one DistributedCounter bean but found ";
        if (names.length == 0) {
            throw new IllegalStateException(needs + "none. Add counter-spring-boot-starter, or define a"
                    + " DistributedCounter bean");
        }
        List<String> primary = Arrays.stream(names).filter(this::isPrimary).toList();
        if (primary.size() == 1) {
            return primary.get(0);
        }
        throw new IllegalStateException(needs + names.length + ": '" + String.join("', '", names)
                + "'. Mark the one it should use @Primary");
    }

    private boolean isPrimary(String name) {
        try {
            return beans.getMergedBeanDefinition(name).isPrimary();
        } catch (NoSuchBeanDefinitionException singletonWithoutDefinition) {
            return false;
        }
    }
}
