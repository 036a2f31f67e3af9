package io.github.distributedcounter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

class DistributedCounterSanitizingAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DistributedCounterSanitizingAutoConfiguration.class))
            .withUserConfiguration(PropertiesConfiguration.class)
            .withPropertyValues("distributed-counter.access-key=our-access", "distributed-counter.secret-key=our-secret",
                    "other-service.access-key=their-access", "other-service.secret-key=their-secret");

    @Test
    void configpropsMasksOurCredentialsButShowsAnotherPrefixsKeys() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            Map<String, Object> ours = configprops(context, "distributed-counter");
            assertThat(ours).containsEntry("accessKey", SanitizableData.SANITIZED_VALUE)
                    .containsEntry("secretKey", SanitizableData.SANITIZED_VALUE);
            Map<String, Object> theirs = configprops(context, "other-service");
            assertThat(theirs).containsEntry("accessKey", "their-access").containsEntry("secretKey", "their-secret");
        });
    }

    @Test
    void environmentKeysAreMaskedOnlyForOurPrefixInEveryRelaxedForm() {
        runner.run(context -> {
            SanitizingFunction function = context.getBean("distributedCounterSanitizingFunction",
                    SanitizingFunction.class);
            PropertySource<?> source = new MapPropertySource("test", Map.of());
            for (String ours : List.of("distributed-counter.access-key", "distributed-counter.secret-key",
                    "distributed-counter.accessKey", "distributedCounter.secretKey", "distributed-counter.secret_key",
                    "DISTRIBUTED_COUNTER_ACCESS_KEY", "DISTRIBUTED_COUNTER_SECRETKEY")) {
                assertThat(function.apply(new SanitizableData(source, ours, "value")).getValue()).as(ours)
                        .isEqualTo(SanitizableData.SANITIZED_VALUE);
            }
            for (String theirs : List.of("other-service.access-key", "aws.secret-key", "spring.cloud.aws.secret-key",
                    "OTHER_SERVICE_SECRET_KEY", "app.distributed-counter.secret-key", "distributed-counter.table")) {
                assertThat(function.apply(new SanitizableData(source, theirs, "value")).getValue()).as(theirs)
                        .isEqualTo("value");
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> configprops(AssertableApplicationContext context, String prefix) {
        ConfigurationPropertiesReportEndpoint endpoint = new ConfigurationPropertiesReportEndpoint(
                context.getBeanProvider(SanitizingFunction.class).orderedStream().toList(), Show.ALWAYS);
        endpoint.setApplicationContext(context);
        Map<String, Object> properties = new HashMap<>();
        endpoint.configurationPropertiesWithPrefix(prefix).getContexts().values()
                .forEach(c -> c.getBeans().values().forEach(bean -> {
                    if (prefix.equals(bean.getPrefix())) {
                        properties.putAll(bean.getProperties());
                    }
                }));
        assertThat(properties).as(prefix).isNotEmpty();
        return properties;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({DistributedCounterProperties.class, OtherServiceProperties.class})
    static class PropertiesConfiguration {
    }

    @ConfigurationProperties("other-service")
    public static class OtherServiceProperties {

        private String accessKey;
        private String secretKey;

        public String getAccessKey() {
            return accessKey;
        }

        public void setAccessKey(String accessKey) {
            this.accessKey = accessKey;
        }

        public String getSecretKey() {
            return secretKey;
        }

        public void setSecretKey(String secretKey) {
            this.secretKey = secretKey;
        }
    }
}
