package io.github.distributedcounter.autoconfigure;

import java.util.Locale;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Masks {@code distributed-counter.access-key} and {@code distributed-counter.secret-key} in
 * {@code /actuator/configprops} and {@code /actuator/env}, even where those endpoints are set to show values.
 * Only these two properties are masked, in any relaxed form ({@code distributedCounter.secretKey},
 * {@code DISTRIBUTED_COUNTER_SECRET_KEY}, ...); other properties, including other libraries' {@code access-key}
 * and {@code secret-key}, are left to the application's own sanitizing settings.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public class DistributedCounterSanitizingAutoConfiguration {

    /** Our credential property names with '-', '_' and '.' removed, lower case. */
    private static final Set<String> CREDENTIALS = Set.of("distributedcounteraccesskey",
            "distributedcountersecretkey");

    @Bean
    @ConditionalOnMissingBean(name = "distributedCounterSanitizingFunction")
    SanitizingFunction distributedCounterSanitizingFunction() {
        return data -> isCredential(data) ? data.withSanitizedValue() : data;
    }

    private static boolean isCredential(SanitizableData data) {
        String key = data.getKey();
        if (key == null) {
            return false;
        }
        StringBuilder uniform = new StringBuilder(key.length());
        for (char c : key.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c != '-' && c != '_' && c != '.') {
                uniform.append(c);
            }
        }
        return CREDENTIALS.contains(uniform.toString());
    }
}
