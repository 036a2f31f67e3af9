package io.github.distributedcounter.autoconfigure.aop;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import io.github.distributedcounter.EveryNCalls;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Registers the {@link EveryNCalls} methods of every bean for reflective invocation at build time, so that in a
 * GraalVM native image the interceptor finds their annotation and parameter names (for keys such as
 * {@code #tenant}) and calls them behind the proxy.
 */
class EveryNCallsBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

    @Override
    public BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
        List<Method> methods = new ArrayList<>();
        ReflectionUtils.doWithMethods(registeredBean.getBeanClass(), methods::add,
                method -> AnnotatedElementUtils.hasAnnotation(method, EveryNCalls.class));
        if (methods.isEmpty()) {
            return null;
        }
        return (generationContext, code) -> methods.forEach(method -> generationContext.getRuntimeHints()
                .reflection().registerMethod(method, ExecutableMode.INVOKE));
    }
}
