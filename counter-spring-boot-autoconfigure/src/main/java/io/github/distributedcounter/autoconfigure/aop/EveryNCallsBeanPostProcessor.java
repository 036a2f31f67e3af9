package io.github.distributedcounter.autoconfigure.aop;

import io.github.distributedcounter.EveryNCalls;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.BeanFactory;

/**
 * Proxies beans that have {@link EveryNCalls} methods, checking each such method when its bean is created, in
 * the way Spring Framework applies {@code @Retryable} and {@code @Async}.
 */
public class EveryNCallsBeanPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

    private static final long serialVersionUID = 1L;

    private final transient EveryNCallsInterceptor interceptor;

    public EveryNCallsBeanPostProcessor(EveryNCallsInterceptor interceptor) {
        this.interceptor = interceptor;
        this.advisor = new DefaultPointcutAdvisor(new AnnotationMatchingPointcut(null, EveryNCalls.class, true),
                interceptor);
        setBeforeExistingAdvisors(true);
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        super.setBeanFactory(beanFactory);
        interceptor.setBeanFactory(beanFactory);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (isEligible(bean, beanName)) {
            interceptor.register(AopUtils.getTargetClass(bean));
        }
        return super.postProcessAfterInitialization(bean, beanName);
    }
}
