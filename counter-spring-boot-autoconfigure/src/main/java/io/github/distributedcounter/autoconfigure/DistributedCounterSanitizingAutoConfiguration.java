package io.github.distributedcounter.autoconfigure;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Masks {@code distributed-counter.access-key} and {@code distributed-counter.secret-key} in
 * {@code /actuator/configprops} and {@code /actuator/env}, even where those endpoints are set to show values.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public class DistributedCounterSanitizingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "distributedCounterSanitizingFunction")
    SanitizingFunction distributedCounterSanitizingFunction() {
        return data -> isCredential(data) ? data.withSanitizedValue() : data;
    }

    private static boolean isCredential(SanitizableData data) {
        String key = data.getLowerCaseKey();
        return key.endsWith("access-key") || key.endsWith("secret-key") || key.endsWith("accesskey")
                || key.endsWith("secretkey") || key.endsWith("access_key") || key.endsWith("secret_key");
    }
}
