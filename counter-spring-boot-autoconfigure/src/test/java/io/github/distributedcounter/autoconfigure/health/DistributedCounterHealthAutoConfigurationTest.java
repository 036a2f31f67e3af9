package io.github.distributedcounter.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.UUID;

import io.github.distributedcounter.DistributedCounter;
import io.github.distributedcounter.DynamoDbDistributedCounter;
import io.github.distributedcounter.autoconfigure.DistributedCounterAutoConfiguration;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@DynamoDbEmulatorTest
class DistributedCounterHealthAutoConfigurationTest {

    private final DynamoDbClient client;
    private final ApplicationContextRunner runner;
    private final String table = "health-" + UUID.randomUUID();

    DistributedCounterHealthAutoConfigurationTest(URI endpoint, DynamoDbClient client) {
        this.client = client;
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DistributedCounterAutoConfiguration.class,
                        DistributedCounterHealthAutoConfiguration.class))
                .withPropertyValues("distributed-counter.endpoint=" + endpoint,
                        "distributed-counter.access-key=healthAccess", "distributed-counter.secret-key=healthSecret",
                        "distributed-counter.table=" + table);
    }

    @Test
    void upWithTableAndStatusWhileTheTableIsActiveThenDownWhenDeleted() {
        runner.withPropertyValues("distributed-counter.create-table=true").run(context -> {
            assertThat(context).hasBean("distributedCounterHealthIndicator");
            HealthIndicator indicator = context.getBean("distributedCounterHealthIndicator", HealthIndicator.class);
            Health health = indicator.health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("table", table).containsEntry("status", "ACTIVE");

            client.deleteTable(b -> b.tableName(table));
            Health down = indicator.health(true);
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails()).containsEntry("table", table).containsEntry("status", "MISSING")
                    .containsEntry("error", "table does not exist");
        });
    }

    @Test
    void upForTheApplicationsOwnCounterBeanDeclaredAsDistributedCounter() {
        DynamoDbDistributedCounter own = DynamoDbDistributedCounter.builder().dynamoDbClient(client)
                .tableName(table).build();
        own.createTable();
        runner.withBean("myCounter", DistributedCounter.class, () -> own).run(context -> {
            assertThat(context).hasSingleBean(DistributedCounter.class).hasBean("distributedCounterHealthIndicator");
            Health health = context.getBean("distributedCounterHealthIndicator", HealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("table", table).containsEntry("status", "ACTIVE");
        });
    }

    @Test
    void unknownWithTheReasonForACounterThatCannotDescribeItsTable() {
        DistributedCounter opaque = (DistributedCounter) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DistributedCounter.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException();
                });
        runner.withBean("opaqueCounter", DistributedCounter.class, () -> opaque).run(context -> {
            assertThat(context).hasNotFailed().hasBean("distributedCounterHealthIndicator");
            Health health = context.getBean("distributedCounterHealthIndicator", HealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
            assertThat(health.getDetails()).containsEntry("error", "the DistributedCounter bean ("
                    + opaque.getClass().getName() + ") does not implement "
                    + "io.github.distributedcounter.DescribesTable, so its table cannot be checked");
        });
    }

    @Test
    void downWhenDynamoDbIsUnreachable() {
        runner.withPropertyValues("distributed-counter.endpoint=http://127.0.0.1:1",
                "distributed-counter.api-call-timeout=1s", "distributed-counter.retry.base-delay=2s",
                "distributed-counter.retry.max-delay=2s").run(context -> {
                    Health health = context.getBean("distributedCounterHealthIndicator", HealthIndicator.class)
                            .health(true);
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails()).containsEntry("table", table);
                    assertThat(health.getDetails().get("error").toString())
                            .startsWith("io.github.distributedcounter.DistributedCounterException: DescribeTable on table '"
                                    + table + "' failed: Client execution did not complete before the specified timeout "
                                    + "configuration: 1000 millis")
                            .doesNotContain("healthSecret").doesNotContain("healthAccess");
                });
    }

    @Test
    void canBeSwitchedOff() {
        runner.withPropertyValues("management.health.distributed-counter.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("distributedCounterHealthIndicator"));
    }

    @Test
    void absentWithoutSpringBootHealth() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean("distributedCounterHealthIndicator"));
    }
}
