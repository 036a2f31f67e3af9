package io.github.distributedcounter.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.UUID;

import io.github.distributedcounter.autoconfigure.DistributedCounterAutoConfiguration;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/**
 * The {@code distributedCounter} component and Spring Boot's liveness and readiness groups, with the counter's
 * table missing (the component DOWN): the component counts in {@code /actuator/health} and in no probe group,
 * unless the application adds it to one.
 */
@DynamoDbEmulatorTest
class DistributedCounterHealthGroupsTest {

    private final ApplicationContextRunner runner;

    DistributedCounterHealthGroupsTest(URI endpoint) {
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DistributedCounterAutoConfiguration.class,
                        DistributedCounterHealthAutoConfiguration.class, HealthContributorAutoConfiguration.class,
                        HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
                        ApplicationAvailabilityAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class,
                        AvailabilityHealthContributorAutoConfiguration.class))
                .withPropertyValues("distributed-counter.endpoint=" + endpoint,
                        "distributed-counter.access-key=groupsAccess", "distributed-counter.secret-key=groupsSecret",
                        "distributed-counter.table=missing-" + UUID.randomUUID(),
                        "management.endpoint.health.probes.enabled=true");
    }

    @Test
    void aDownCounterLeavesLivenessAndReadinessUpAndTheOverallHealthDown() {
        runner.run(context -> {
            started(context);
            HealthEndpoint health = context.getBean(HealthEndpoint.class);
            assertThat(health.healthForPath("distributedCounter").getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.healthForPath("liveness").getStatus()).isEqualTo(Status.UP);
            assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void readinessIncludesTheCounterOnlyWhenTheApplicationAddsIt() {
        runner.withPropertyValues(
                "management.endpoint.health.group.readiness.include=readinessState,distributedCounter")
                .run(context -> {
                    started(context);
                    HealthEndpoint health = context.getBean(HealthEndpoint.class);
                    assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.healthForPath("liveness").getStatus()).isEqualTo(Status.UP);
                });
    }

    /** The availability states SpringApplication publishes once the application has started. */
    private static void started(ApplicationContext context) {
        AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
        AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
    }
}
