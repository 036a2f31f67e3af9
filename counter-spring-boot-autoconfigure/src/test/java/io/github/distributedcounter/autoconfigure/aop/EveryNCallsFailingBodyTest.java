package io.github.distributedcounter.autoconfigure.aop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

import io.github.distributedcounter.ConcurrentWorkers;
import io.github.distributedcounter.EveryNCalls;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What a call counts when the body throws: its run is used, or with {@code countFailedRuns = false} given back. */
@DynamoDbEmulatorTest
class EveryNCallsFailingBodyTest {

    private static final String THREW = "threw";

    private final ApplicationContextRunner runner;

    EveryNCallsFailingBodyTest(URI endpoint) {
        runner = CounterRunner.on(endpoint, "failing-body-" + UUID.randomUUID())
                .withBean(Reports.class);
    }

    public static class Reports {

        private final AtomicInteger attempts = new AtomicInteger();
        private volatile IntPredicate throwsOnAttempt = attempt -> false;

        public void throwOn(IntPredicate attempts) {
            this.throwsOnAttempt = attempts;
        }

        public int attempts() {
            return attempts.get();
        }

        private String body() {
            if (throwsOnAttempt.test(attempts.incrementAndGet())) {
                throw new IllegalStateException("report failed");
            }
            return "ran";
        }

        @EveryNCalls(n = 5, key = "'used'")
        public String used() {
            return body();
        }

        @EveryNCalls(n = 5, key = "'given-back'", countFailedRuns = false)
        public String givenBack() {
            return body();
        }

        @EveryNCalls(n = 2, key = "'pair-used'")
        public String pairUsed() {
            return body();
        }

        @EveryNCalls(n = 2, key = "'pair-given-back'", countFailedRuns = false)
        public String pairGivenBack() {
            return body();
        }

        @EveryNCalls(n = 2, key = "'future-given-back'", countFailedRuns = false)
        public CompletableFuture<String> futureGivenBack() {
            return CompletableFuture.supplyAsync(this::body);
        }
    }

    private static String outcome(Supplier<String> call) {
        try {
            return String.valueOf(call.get());
        } catch (IllegalStateException e) {
            assertThat(e).hasMessage("report failed");
            return THREW;
        }
    }

    private static String outcome(CompletableFuture<String> call) {
        try {
            return String.valueOf(call.get(30, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isExactlyInstanceOf(IllegalStateException.class).hasMessage("report failed");
            return THREW;
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fourCalls(Supplier<String> outcome) {
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            outcomes.add(outcome.get());
        }
        return outcomes;
    }

    /** The outcome of every call: 8 threads × {@code calls} started together. */
    private static List<String> onEightThreads(int calls, Supplier<String> call) throws Exception {
        ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
        ConcurrentWorkers.run(8, thread -> {
            for (int i = 0; i < calls; i++) {
                outcomes.add(outcome(call));
            }
        });
        return new ArrayList<>(outcomes);
    }

    @Test
    void aRunWhoseBodyThrowsIsUsedByDefault() {
        runner.run(context -> {
            Reports reports = context.getBean(Reports.class);
            reports.throwOn(attempt -> attempt == 1);
            assertThat(fourCalls(() -> outcome(reports::pairUsed))).containsExactly("null", THREW, "null", "ran");
        });
    }

    @Test
    void aRunWhoseBodyThrowsIsGivenBackToTheNextCall() {
        runner.run(context -> {
            Reports reports = context.getBean(Reports.class);
            reports.throwOn(attempt -> attempt == 1);
            assertThat(fourCalls(() -> outcome(reports::pairGivenBack)))
                    .containsExactly("null", THREW, "ran", "ran");
            assertThat(StoredCounters.of(context, "pair-given-back", "pair-given-back#runs"))
                    .isEqualTo(Map.of("pair-given-back", 4L, "pair-given-back#runs", 2L));
        });
    }

    @Test
    void aFutureWhoseBodyFailsGivesItsRunBackToTheNextCall() {
        runner.run(context -> {
            Reports reports = context.getBean(Reports.class);
            reports.throwOn(attempt -> attempt == 1);
            assertThat(fourCalls(() -> outcome(reports.futureGivenBack())))
                    .containsExactly("null", THREW, "ran", "ran");
        });
    }

    @Test
    void byDefaultTheBodyRunsExactlyOncePerNCallsWhetherItThrowsOrNot() {
        runner.run(context -> {
            Reports reports = context.getBean(Reports.class);
            reports.throwOn(attempt -> attempt % 2 == 1);
            List<String> outcomes = onEightThreads(50, reports::used);
            assertThat(reports.attempts()).isEqualTo(80);
            assertThat(outcomes).hasSize(400).filteredOn(THREW::equals).hasSize(40);
            assertThat(outcomes).filteredOn("ran"::equals).hasSize(40);
            assertThat(StoredCounters.of(context, "used")).isEqualTo(Map.of("used", 400L));
        });
    }

    @Test
    void withFailedRunsGivenBackTheBodyReturnsNormallyExactlyOncePerNCalls() throws Exception {
        runner.run(context -> {
            Reports reports = context.getBean(Reports.class);
            reports.throwOn(attempt -> attempt <= 6);
            List<String> outcomes = onEightThreads(50, reports::givenBack);
            for (int i = 0; i < 10; i++) {
                outcomes.add(outcome(reports::givenBack));
            }
            assertThat(outcomes).hasSize(410).filteredOn(THREW::equals).hasSize(6);
            assertThat(outcomes).filteredOn("ran"::equals).hasSize(82);
            assertThat(reports.attempts()).isEqualTo(88);
            assertThat(StoredCounters.of(context, "given-back", "given-back#runs"))
                    .isEqualTo(Map.of("given-back", 410L, "given-back#runs", 82L));
        });
    }
}
