package io.github.distributedcounter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import io.github.distributedcounter.DistributedCounter;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

@DynamoDbEmulatorTest
class DistributedCounterBuilderCustomizerTest {

    private final ApplicationContextRunner runner;

    DistributedCounterBuilderCustomizerTest(URI endpoint) {
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DistributedCounterAutoConfiguration.class))
                .withPropertyValues("distributed-counter.endpoint=" + endpoint,
                        "distributed-counter.access-key=testAccess", "distributed-counter.secret-key=testSecret",
                        "distributed-counter.create-table=true",
                        "distributed-counter.table=customized-" + UUID.randomUUID());
    }

    @Test
    void customizersApplyInOrderAfterTheProperties() {
        runner.withUserConfiguration(TwoExecutors.class).run(context -> {
            DistributedCounter counter = context.getBean(DistributedCounter.class);
            assertThat(counter.async().increment("a", 1, 0).join()).isEqualTo(1);
            assertThat(counter.async().get("a").join()).hasValue(1);
            assertThat(context.getBean(TwoExecutors.class).used).isNotEmpty().containsOnly("second");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoExecutors {

        final List<String> used = new CopyOnWriteArrayList<>();
        private final Executor threads = Executors.newCachedThreadPool();

        private Executor recording(String name) {
            return task -> {
                used.add(name);
                threads.execute(task);
            };
        }

        @Bean
        @Order(2)
        DistributedCounterBuilderCustomizer second() {
            return builder -> builder.asyncExecutor(recording("second"));
        }

        @Bean
        @Order(1)
        DistributedCounterBuilderCustomizer first() {
            return builder -> builder.asyncExecutor(recording("first"));
        }
    }
}
