package io.github.distributedcounter.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS-terms benchmark runs end to end in a short run (fleets of 1 and 2 instances): every row is written, and
 * every stored value is what was acknowledged (the benchmark itself fails otherwise).
 */
class AwsBenchmarkSmokeTest {

    @Test
    void aShortRunWritesEveryRowTheChartAndExactStoredValues(@TempDir Path out) throws Exception {
        AwsBenchmark.main(new String[] {"0.3", out.toString(), "1,2"});

        List<String> csv = Files.readAllLines(out.resolve("aws-benchmark-results.csv"));
        assertThat(csv).hasSize(1 + 3 + 2 * 3 * 2 + 1 + 2);
        for (String line : csv.subList(1, csv.size())) {
            String[] fields = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
            long acknowledged = Long.parseLong(fields[11]);
            long stored = Long.parseLong(fields[12]);
            long failed = Long.parseLong(fields[13]);
            assertThat(acknowledged).as(line).isPositive();
            assertThat(stored).as(line).isBetween(acknowledged, acknowledged + failed);
            if (fields[1].equals("\"library\"")) {
                assertThat(failed).as(line).isZero();
            }
        }
        assertThat(csv).filteredOn(line -> line.contains("\"library, exactly-once off\""))
                .singleElement().asString().contains("2 instances");
        assertThat(Files.readString(out.resolve("aws-benchmark-results.md"))).contains("| target | figure | verdict |",
                "with exactly-once off (a smaller item, the only change)");
        assertThat(Files.readString(out.resolve("aws-benchmark-fleet.svg"))).startsWith("<svg")
                .contains("increments/s — one hot key, fleet", "p99 latency, ms — one hot key in a 10 KB item, fleet",
                        "library, pacing off", "raw AWS SDK")
                .containsPattern("<polyline points=\"[0-9.]+,[0-9.]+ [0-9.]+,[0-9.]+\"");
    }
}
