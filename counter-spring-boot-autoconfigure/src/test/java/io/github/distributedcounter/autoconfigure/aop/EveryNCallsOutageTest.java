package io.github.distributedcounter.autoconfigure.aop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import io.github.distributedcounter.ConcurrentWorkers;
import io.github.distributedcounter.DistributedCounterException;
import io.github.distributedcounter.EveryNCalls;
import io.github.distributedcounter.EveryNCalls.OnCounterFailure;
import io.github.distributedcounter.autoconfigure.DistributedCounterAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import reactor.core.publisher.Mono;

/**
 * {@code SKIP}, {@code RUN} and {@code PROPAGATE} against a store that never answers and one that refuses
 * connections: once the first call found it unreachable, the circuit is open and no call waits for the store.
 */
@ExtendWith(OutputCaptureExtension.class)
class EveryNCallsOutageTest {

    private static final int THREADS = 8;
    private static final int CALLS = 25;

    private final String table = "outage-" + UUID.randomUUID();
    private SilentStore silent;

    @BeforeEach
    void start() throws Exception {
        silent = new SilentStore();
    }

    @AfterEach
    void stop() throws Exception {
        silent.close();
    }

    public static class Policies {

        final AtomicInteger runs = new AtomicInteger();

        public int runs() {
            return runs.get();
        }

        @EveryNCalls(n = 5, onCounterFailure = OnCounterFailure.SKIP)
        public String skip() {
            runs.incrementAndGet();
            return "ran";
        }

        @EveryNCalls(n = 5, onCounterFailure = OnCounterFailure.RUN)
        public String run() {
            runs.incrementAndGet();
            return "ran";
        }

        @EveryNCalls(n = 5)
        public String propagate() {
            runs.incrementAndGet();
            return "ran";
        }
    }

    private ApplicationContextRunner runner(URI endpoint) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                        DistributedCounterAutoConfiguration.class, EveryNCallsAutoConfiguration.class,
                        EveryNCallsHealthAutoConfiguration.class, EveryNCallsMetricsAutoConfiguration.class))
                .withPropertyValues("distributed-counter.endpoint=" + endpoint,
                        "distributed-counter.access-key=local", "distributed-counter.secret-key=local",
                        "distributed-counter.table=" + table, "distributed-counter.api-call-attempt-timeout=1s",
                        "distributed-counter.api-call-timeout=2s", "distributed-counter.outcome-resolution-timeout=1s",
                        "distributed-counter.retry.max-attempts=2",
                        "distributed-counter.every-n-calls.detection-timeout=300ms",
                        "distributed-counter.every-n-calls.probe-interval=1h")
                .withBean(Policies.class);
    }

    /** Every result of {@code THREADS} × {@code CALLS} calls, the thrown exception where one was thrown. */
    private static List<Object> onEightThreads(Callable<Object> call) throws Exception {
        ConcurrentLinkedQueue<Object> results = new ConcurrentLinkedQueue<>();
        ConcurrentWorkers.run(THREADS, thread -> {
            for (int i = 0; i < CALLS; i++) {
                try {
                    results.add(String.valueOf(call.call()));
                } catch (Exception e) {
                    results.add(e);
                }
            }
        });
        return List.copyOf(results);
    }

    private void assertCircuitOpenOnce(ApplicationContext context, CapturedOutput output) {
        assertThat(output.getAll().split(Pattern.quote("@EveryNCalls: the distributed counter of table '" + table
                + "' failed ("), -1)).hasSize(2);
        assertThat(context.getBean(MeterRegistry.class).get("distributed.counter.every-n-calls.circuit.open")
                .gauge().value()).isEqualTo(1.0);
        Health health = context.getBean("everyNCallsHealthIndicator", HealthIndicator.class).health(true);
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("circuit", "OPEN");
    }

    @Test
    void skipSkipsEveryCallAndOpensTheCircuitOnceWhenTheStoreNeverAnswers(CapturedOutput output) throws Exception {
        runner(silent.endpoint()).run(context -> {
            Policies policies = context.getBean(Policies.class);
            List<Object> results = onEightThreads(policies::skip);
            assertThat(results).hasSize(THREADS * CALLS).containsOnly("null");
            assertThat(policies.runs()).isZero();
            assertCircuitOpenOnce(context, output);
            assertThat(context.getBean(MeterRegistry.class).get("distributed.counter.every-n-calls.uncounted")
                    .tag("fallback", "skip").functionCounter().count()).isEqualTo(THREADS * CALLS);
        });
    }

    @Test
    void runRunsEveryCallAndOpensTheCircuitOnceWhenTheStoreRefusesConnections(CapturedOutput output)
            throws Exception {
        runner(SilentStore.refusingEndpoint()).run(context -> {
            Policies policies = context.getBean(Policies.class);
            List<Object> results = onEightThreads(policies::run);
            assertThat(results).hasSize(THREADS * CALLS).containsOnly("ran");
            assertThat(policies.runs()).isEqualTo(THREADS * CALLS);
            assertCircuitOpenOnce(context, output);
        });
    }

    @Test
    void propagateThrowsOnEveryCallAndOpensTheCircuitOnceWhenTheStoreNeverAnswers(CapturedOutput output)
            throws Exception {
        runner(silent.endpoint()).run(context -> {
            Policies policies = context.getBean(Policies.class);
            List<Object> results = onEightThreads(policies::propagate);
            String method = "@EveryNCalls on public java.lang.String " + Policies.class.getName() + ".propagate(): ";
            assertThat(results).hasSize(THREADS * CALLS).allSatisfy(result -> assertThat(result)
                    .isExactlyInstanceOf(DistributedCounterException.class)
                    .extracting(e -> ((Exception) e).getMessage()).isIn(
                            method + "the distributed counter gave no answer within PT0.3S",
                            method + "not counted: the distributed counter is unavailable (no answer within PT0.3S)"));
            assertThat(policies.runs()).isZero();
            assertCircuitOpenOnce(context, output);
        });
    }

    public static class Pending {

        @EveryNCalls(n = 2, onCounterFailure = OnCounterFailure.SKIP)
        public CompletableFuture<String> future() {
            return CompletableFuture.completedFuture("ran");
        }

        @EveryNCalls(n = 2, onCounterFailure = OnCounterFailure.SKIP)
        public Mono<String> mono() {
            return Mono.just("ran");
        }
    }

    @Test
    void futureAndMonoMethodsReturnBeforeTheStoreAnswers() {
        runner(silent.endpoint()).withPropertyValues("distributed-counter.every-n-calls.detection-timeout=1h")
                .withBean(Pending.class).run(context -> {
                    Pending pending = context.getBean(Pending.class);
                    assertThat(pending.future()).isNotNull().isNotDone();
                    assertThat(pending.mono().toFuture()).isNotDone();
                });
    }
}
