package io.github.distributedcounter.benchmarks;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The machine a benchmark ran on, as its report opens. */
final class Machine {

    private Machine() {
    }

    /** E.g. {@code Run 2026-11-26T14:13:26Z on 2 cores (Linux amd64, Java 17.0.15)}. */
    static String run(Instant started) {
        return String.format(Locale.ROOT, "Run %s on %d cores (%s %s, Java %s)", started.truncatedTo(ChronoUnit.SECONDS),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"));
    }
}
