package io.github.distributedcounter.autoconfigure.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.distributedcounter.DistributedCounter;
import io.github.distributedcounter.autoconfigure.DistributedCounterAutoConfiguration;
import io.github.distributedcounter.autoconfigure.DynamoDbConnectionDetails;
import io.github.distributedcounter.local.DynamoDbLocalServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DynamoDbLocalAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DynamoDbLocalAutoConfiguration.class,
                    DistributedCounterAutoConfiguration.class))
            .withPropertyValues("distributed-counter.table=embedded", "distributed-counter.create-table=true");

    @Test
    void startsDynamoDbLocalOnLoopbackAndPointsTheCounterAtIt() {
        runner.withPropertyValues("distributed-counter.embedded.enabled=true").run(context -> {
            DynamoDbLocalServer server = context.getBean(DynamoDbLocalServer.class);
            assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(context.getBean(DynamoDbConnectionDetails.class).getEndpoint()).isEqualTo(server.endpoint());
            DistributedCounter counter = context.getBean(DistributedCounter.class);
            assertThat(counter.increment("k", 2, 40)).isEqualTo(42);
            try (var client = server.createClient()) {
                assertThat(client.listTables().tableNames()).contains("embedded");
            }
        });
    }

    @Test
    void stopsTheServerWithTheContext() {
        DynamoDbLocalServer[] server = new DynamoDbLocalServer[1];
        runner.withPropertyValues("distributed-counter.embedded.enabled=true")
                .run(context -> server[0] = context.getBean(DynamoDbLocalServer.class));
        assertThat(server[0].isRunning()).isFalse();
    }

    @Test
    void offByDefault() {
        runner.withPropertyValues("distributed-counter.endpoint=http://127.0.0.1:1",
                "distributed-counter.create-table=false")
                .run(context -> assertThat(context).doesNotHaveBean(DynamoDbLocalServer.class));
    }

    @Test
    void offWithoutCounterDynamoDbLocalOnTheClasspath() {
        runner.withPropertyValues("distributed-counter.embedded.enabled=true", "distributed-counter.create-table=false",
                "distributed-counter.endpoint=http://127.0.0.1:1")
                .withClassLoader(new FilteredClassLoader(DynamoDbLocalServer.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("dynamoDbLocalServer"));
    }
}
