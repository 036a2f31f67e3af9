package io.github.distributedcounter.autoconfigure.aop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import io.github.distributedcounter.DistributedCounter;
import io.github.distributedcounter.DynamoDbDistributedCounter;
import io.github.distributedcounter.EveryNCalls;
import io.github.distributedcounter.EveryNCalls.OnCounterFailure;
import io.github.distributedcounter.autoconfigure.DistributedCounterAutoConfiguration;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Misconfiguration is reported, never masked by {@code SKIP} or {@code RUN}. */
@DynamoDbEmulatorTest
@ExtendWith(OutputCaptureExtension.class)
class EveryNCallsMisconfigurationTest {

    private final ApplicationContextRunner runner;

    EveryNCallsMisconfigurationTest(URI endpoint) {
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DistributedCounterAutoConfiguration.class,
                        EveryNCallsAutoConfiguration.class))
                .withPropertyValues("distributed-counter.endpoint=" + endpoint,
                        "distributed-counter.access-key=local", "distributed-counter.secret-key=local");
    }

    public static class Reports {

        @EveryNCalls(n = 2, onCounterFailure = OnCounterFailure.SKIP)
        public String report() {
            return "ran";
        }
    }

    private static DistributedCounter counter(DynamoDbClient client) {
        return DynamoDbDistributedCounter.builder().dynamoDbClient(client).tableName("unused").build();
    }

    @Test
    void twoCounterBeansFailStartUp(DynamoDbClient client) {
        runner.withBean("first", DistributedCounter.class, () -> counter(client))
                .withBean("second", DistributedCounter.class, () -> counter(client))
                .withBean(Reports.class)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .isExactlyInstanceOf(IllegalStateException.class)
                        .hasMessage("@EveryNCalls on bean 'everyNCallsMisconfigurationTest.Reports' needs"
                                + " one DistributedCounter bean but found 2: 'first', 'second'. Mark the one"
                                + " it should use @Primary"));
    }

    @Test
    void twoCounterBeansOneOfThemPrimaryStartFine(DynamoDbClient client) {
        runner.withBean("first", DistributedCounter.class, () -> counter(client), d -> d.setPrimary(true))
                .withBean("second", DistributedCounter.class, () -> counter(client))
                .withBean(Reports.class)
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void noCounterBeanFailsStartUp() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EveryNCallsAutoConfiguration.class))
                .withBean(Reports.class)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .isExactlyInstanceOf(IllegalStateException.class)
                        .hasMessage("@EveryNCalls on bean 'everyNCallsMisconfigurationTest.Reports' needs one"
                                + " DistributedCounter bean but found none. Add counter-spring-boot-starter, or"
                                + " define a DistributedCounter bean"));
    }

    @Test
    void aMissingTableIsLoggedOnceAtWarnNamingTheCause(CapturedOutput output) {
        runner.withPropertyValues("distributed-counter.table=misspelled-table").withBean(Reports.class)
                .run(context -> {
                    Reports reports = context.getBean(Reports.class);
                    for (int i = 0; i < 4; i++) {
                        assertThat(reports.report()).isNull();
                    }
                    String opened = "@EveryNCalls: the distributed counter of table 'misspelled-table' failed (";
                    assertThat(output.getAll().lines()
                            .filter(line -> line.contains("WARN") && line.contains(opened)).toList())
                            .singleElement().asString().contains("io.github.distributedcounter.TableNotFoundException:"
                                    + " DynamoDB table 'misspelled-table' does not exist or is not active.");
                });
    }
}
