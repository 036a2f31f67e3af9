package io.github.distributedcounter.autoconfigure.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.distributedcounter.ConcurrentWorkers;
import io.github.distributedcounter.DistributedCounter;
import io.github.distributedcounter.EveryNCalls;
import io.github.distributedcounter.EveryNCalls.OnCounterFailure;
import io.github.distributedcounter.TableNotFoundException;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@DynamoDbEmulatorTest
class EveryNCallsTest {

    private final ApplicationContextRunner runner;
    private final String table = "every-n-" + UUID.randomUUID();

    EveryNCallsTest(URI endpoint) {
        runner = CounterRunner.on(endpoint, table);
    }

    public static class Ticker {

        final AtomicInteger runs = new AtomicInteger();

        @EveryNCalls(n = 10)
        public void tick() {
            runs.incrementAndGet();
        }

        public int runs() {
            return runs.get();
        }
    }

    public static class Reports {

        final List<String> ran = new ArrayList<>();

        public List<String> ran() {
            return ran;
        }

        @EveryNCalls(n = 3, key = "'report:' + #tenant")
        public String report(String tenant) {
            ran.add(tenant);
            return "ran:" + tenant;
        }

        @EveryNCalls(n = 2)
        public Optional<String> optional() {
            return Optional.of("ran");
        }

        @EveryNCalls(n = 2)
        public int primitive() {
            return 7;
        }

        @EveryNCalls(n = 2)
        public boolean flag() {
            return true;
        }

        @EveryNCalls(n = 2)
        public String reference() {
            return "ran";
        }

        @EveryNCalls(n = 1, key = "#p0")
        public String byPosition(String key) {
            return key;
        }

        public String notAnnotated() {
            return "always";
        }
    }

    public static class FailurePolicies {

        @EveryNCalls(n = 5)
        public String propagate() {
            return "ran";
        }

        @EveryNCalls(n = 5, onCounterFailure = OnCounterFailure.RUN)
        public String run() {
            return "ran";
        }

        @EveryNCalls(n = 5, onCounterFailure = OnCounterFailure.SKIP)
        public String skip() {
            return "ran";
        }
    }

    public static class ZeroN {

        @EveryNCalls(n = 0)
        public void never() {
        }
    }

    public static class BadKey {

        @EveryNCalls(n = 2, key = "'a' +")
        public void broken() {
        }
    }

    @Test
    void runsExactlyOncePerTenCallsAcrossTwoInstancesAndSixteenThreadsEach() throws Exception {
        ApplicationContextRunner instance = runner.withBean(Ticker.class);
        instance.run(first -> instance.run(second -> {
            Ticker a = first.getBean(Ticker.class);
            Ticker b = second.getBean(Ticker.class);
            ConcurrentWorkers.run(32, thread -> {
                Ticker ticker = thread < 16 ? a : b;
                int calls = thread % 16 < 8 ? 62 : 63;
                for (int i = 0; i < calls; i++) {
                    ticker.tick();
                }
            });
            assertThat(a.runs() + b.runs()).isEqualTo(200);
            String key = "every-n-calls:" + Ticker.class.getName() + ".tick()";
            assertThat(first.getBean(DistributedCounter.class).get(key)).isEqualTo(OptionalLong.of(2000));
        }));
    }

    @Test
    void spelKeysKeepTenantsApart() {
        runner.withBean(Reports.class).run(context -> {
            Reports reports = context.getBean(Reports.class);
            List<String> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(reports.report("acme"));
                if (i < 3) {
                    results.add(reports.report("globex"));
                }
            }
            assertThat(reports.ran()).containsExactly("acme", "globex", "acme");
            assertThat(results).filteredOn(r -> r != null).containsExactly("ran:acme", "ran:globex", "ran:acme");
            DistributedCounter counter = context.getBean(DistributedCounter.class);
            assertThat(counter.get("report:acme")).isEqualTo(OptionalLong.of(6));
            assertThat(counter.get("report:globex")).isEqualTo(OptionalLong.of(3));
            assertThat(reports.byPosition("positional")).isEqualTo("positional");
            assertThat(counter.get("positional")).isEqualTo(OptionalLong.of(1));
        });
    }

    @Test
    void skippedCallsReturnNullEmptyOptionalOrZero() {
        runner.withBean(Reports.class).run(context -> {
            Reports reports = context.getBean(Reports.class);
            assertThat(reports.optional()).isEmpty();
            assertThat(reports.optional()).contains("ran");
            assertThat(reports.primitive()).isZero();
            assertThat(reports.primitive()).isEqualTo(7);
            assertThat(reports.flag()).isFalse();
            assertThat(reports.flag()).isTrue();
            assertThat(reports.reference()).isNull();
            assertThat(reports.reference()).isEqualTo("ran");
            assertThat(reports.notAnnotated()).isEqualTo("always");
        });
    }

    @Test
    void counterFailureIsPropagatedRunOrSkippedAsTheAnnotationSays() {
        runner.withPropertyValues("distributed-counter.create-table=false", "distributed-counter.table=missing-table")
                .withBean(FailurePolicies.class).run(context -> {
                    FailurePolicies policies = context.getBean(FailurePolicies.class);
                    assertThatThrownBy(policies::propagate).isExactlyInstanceOf(TableNotFoundException.class)
                            .hasMessageStartingWith("DynamoDB table 'missing-table' does not exist");
                    assertThat(policies.run()).isEqualTo("ran");
                    assertThat(policies.skip()).isNull();
                });
    }

    @Test
    void nBelowOneFailsStartUp() {
        runner.withBean(ZeroN.class).run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("@EveryNCalls on public void " + ZeroN.class.getName()
                        + ".never(): n must be at least 1, was 0"));
    }

    @Test
    void invalidKeyExpressionFailsStartUp() {
        runner.withBean(BadKey.class).run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().isInstanceOf(org.springframework.expression.ParseException.class));
        runner.withBean(BadKey.class).run(context -> assertThat(context.getStartupFailure())
                .hasStackTraceContaining("@EveryNCalls on public void " + BadKey.class.getName()
                        + ".broken(): invalid key expression ''a' +'"));
    }
}
