package io.github.distributedcounter.autoconfigure.aop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.github.distributedcounter.ConcurrentWorkers;
import io.github.distributedcounter.EveryNCalls;
import io.github.distributedcounter.EveryNCalls.OnCounterFailure;
import io.github.distributedcounter.autoconfigure.DistributedCounterAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Measures {@code SKIP} calls against a store that accepts connections and never answers, with the default
 * properties: prints the wall time of all calls and the per-call p50, p99 and maximum. Not part of the build (the
 * name does not end in {@code Test}); run it with
 * {@code mvn -B -q -pl counter-spring-boot-autoconfigure -am verify -Dtest=EveryNCallsOutageMeasurement
 * -Dsurefire.failIfNoSpecifiedTests=false -Dthreads=8 -Dcalls=100}.
 */
class EveryNCallsOutageMeasurement {

    public static class Reports {

        @EveryNCalls(n = 10, onCounterFailure = OnCounterFailure.SKIP)
        public String report() {
            return "ran";
        }
    }

    @Test
    void skipCallsAgainstAStoreThatNeverAnswers() throws Exception {
        int threads = Integer.getInteger("threads", 8);
        int calls = Integer.getInteger("calls", 100);
        try (SilentStore silent = new SilentStore()) {
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(DistributedCounterAutoConfiguration.class,
                            EveryNCallsAutoConfiguration.class))
                    .withPropertyValues("distributed-counter.endpoint=" + silent.endpoint(),
                            "distributed-counter.access-key=local", "distributed-counter.secret-key=local",
                            "distributed-counter.table=measurement")
                    .withBean(Reports.class).run(context -> {
                        Reports reports = context.getBean(Reports.class);
                        long[] nanos = new long[threads * calls];
                        List<String> results = Collections.synchronizedList(new ArrayList<>());
                        long began = System.nanoTime();
                        ConcurrentWorkers.run(threads, thread -> {
                            for (int i = 0; i < calls; i++) {
                                long callStart = System.nanoTime();
                                results.add(String.valueOf(reports.report()));
                                nanos[thread * calls + i] = System.nanoTime() - callStart;
                            }
                        });
                        long wall = System.nanoTime() - began;
                        assertThat(results).hasSize(threads * calls).containsOnly("null");
                        Arrays.sort(nanos);
                        System.out.printf("SKIP against a store that never answers: %d threads x %d calls: wall %.3f s,"
                                + " per call p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", threads, calls, wall / 1e9,
                                percentile(nanos, 0.50) / 1e6, percentile(nanos, 0.99) / 1e6,
                                nanos[nanos.length - 1] / 1e6);
                    });
        }
    }

    private static long percentile(long[] sorted, double fraction) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)];
    }
}
