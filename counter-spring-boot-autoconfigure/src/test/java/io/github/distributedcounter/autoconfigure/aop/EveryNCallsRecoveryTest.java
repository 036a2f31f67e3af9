package io.github.distributedcounter.autoconfigure.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import io.github.distributedcounter.EveryNCalls;
import io.github.distributedcounter.EveryNCalls.OnCounterFailure;
import io.github.distributedcounter.FaultInjectingProxy;
import io.github.distributedcounter.autoconfigure.DistributedCounterAutoConfiguration;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The circuit opens when DynamoDB goes away and closes, once, when a probe finds it back. */
@DynamoDbEmulatorTest
@ExtendWith(OutputCaptureExtension.class)
class EveryNCallsRecoveryTest {

    private final String table = "recovery-" + UUID.randomUUID();
    private final FaultInjectingProxy proxy;
    private final ApplicationContextRunner runner;

    EveryNCallsRecoveryTest(URI endpoint) throws Exception {
        proxy = new FaultInjectingProxy(endpoint);
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DistributedCounterAutoConfiguration.class,
                        EveryNCallsAutoConfiguration.class, EveryNCallsHealthAutoConfiguration.class))
                .withPropertyValues("distributed-counter.endpoint=" + proxy.endpoint(),
                        "distributed-counter.access-key=local", "distributed-counter.secret-key=local",
                        "distributed-counter.table=" + table,
                        "distributed-counter.create-table=true", "distributed-counter.retry.max-attempts=1",
                        "distributed-counter.api-call-attempt-timeout=10s",
                        // the increment sent while DynamoDB is down gives up within 1 s, before the circuit
                        // stops waiting for it, so it can never be applied later
                        "distributed-counter.outcome-resolution-timeout=1s",
                        "distributed-counter.every-n-calls.detection-timeout=10s",
                        "distributed-counter.every-n-calls.probe-interval=50ms")
                .withBean(Ticks.class);
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
    }

    public static class Ticks {

        final AtomicInteger runs = new AtomicInteger();

        public int runs() {
            return runs.get();
        }

        @EveryNCalls(n = 2, key = "'ticks'", onCounterFailure = OnCounterFailure.SKIP)
        public String tick() {
            runs.incrementAndGet();
            return "ran";
        }

        /** Another key: while the circuit is open, a call after each probe interval sends the probe. */
        @EveryNCalls(n = 2, key = "'pokes'", onCounterFailure = OnCounterFailure.SKIP)
        public String poke() {
            return "ran";
        }
    }

    @Test
    void countingResumesWhereItStoppedOnceTheStoreAnswersAgain(CapturedOutput output) {
        runner.run(context -> {
            Ticks ticks = context.getBean(Ticks.class);
            HealthIndicator health = context.getBean("everyNCallsHealthIndicator", HealthIndicator.class);
            assertThat(ticks.tick()).isNull();
            assertThat(ticks.tick()).isEqualTo("ran");
            proxy.setDown(true);
            assertThat(ticks.tick()).isNull();
            assertThat(ticks.tick()).isNull();
            assertThat(health.health(true).getDetails()).containsEntry("circuit", "OPEN");
            proxy.setDown(false);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                ticks.poke();
                assertThat(health.health(true).getDetails()).containsEntry("circuit", "CLOSED");
            });
            assertThat(ticks.tick()).isNull();
            assertThat(ticks.tick()).isEqualTo("ran");
            assertThat(ticks.runs()).isEqualTo(2);
            assertThat(StoredCounters.of(context, "ticks")).isEqualTo(Map.of("ticks", 4L));
            String counter = "@EveryNCalls: the distributed counter of table '" + table + "'";
            assertThat(output.getAll().split(Pattern.quote(counter + " failed ("), -1)).hasSize(2);
            assertThat(output.getAll().split(Pattern.quote(counter + " answers again; calls are counted again"), -1))
                    .hasSize(2);
        });
    }
}
