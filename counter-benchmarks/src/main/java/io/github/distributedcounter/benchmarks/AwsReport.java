package io.github.distributedcounter.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.github.distributedcounter.benchmarks.AwsBenchmark.Row;
import io.github.distributedcounter.emulator.Limits;

/** The rows of {@link AwsBenchmark} as a Markdown table with the targets' verdicts, and as CSV. */
final class AwsReport {

    private final List<Row> rows;
    private final String settings;

    AwsReport(List<Row> rows, String settings) {
        this.rows = rows;
        this.settings = settings;
    }

    String markdown() {
        StringBuilder md = new StringBuilder(settings).append("\n\n");
        md.append("| scenario | implementation | load | increments/s | × raw SDK | p50 ms | p99 ms | p99.9 ms "
                + "| requests/s | throttled | write units / increment | stored = acknowledged |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Row r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %s | %s | %s | %s | %,.0f | %.1f%% | %s "
                    + "| %s |%n", r.scenario(), r.implementation(), r.load(), r.incrementsPerSecond(),
                    versusRaw(r), millis(r.p50Millis()), millis(r.p99Millis()), millis(r.p999Millis()),
                    r.requestsPerSecond(), 100 * r.throttledShare(), units(r.writeUnitsPerIncrement()),
                    stored(r)));
        }
        md.append("\n").append(targets());
        return md.toString();
    }

    private String versusRaw(Row r) {
        if (r.implementation().equals(AwsBenchmark.RAW)) {
            return "—";
        }
        return find(r.scenario(), r.load(), AwsBenchmark.RAW)
                .map(raw -> String.format(Locale.ROOT, "%.2f×", r.incrementsPerSecond() / raw.incrementsPerSecond()))
                .orElse("—");
    }

    private static String stored(Row r) {
        String verdict = r.stored() == r.acknowledged() ? "yes" : r.consistent() ? "within failed calls" : "NO";
        String failed = r.failures() == 0 ? "" : String.format(Locale.ROOT, "; %,d calls failed", r.failures());
        return String.format(Locale.ROOT, "%s (%,d%s)", verdict, r.stored(), failed);
    }

    private String targets() {
        StringBuilder md = new StringBuilder("| target | figure | verdict |\n|---|---|---|\n");
        fleetTargets(md, AwsBenchmark.FLEET, true);
        fleetTargets(md, AwsBenchmark.PADDED_FLEET, false);
        fleet(AwsBenchmark.FLEET, 1, AwsBenchmark.LIBRARY).ifPresent(library ->
                fleet(AwsBenchmark.FLEET, 1, AwsBenchmark.RAW).ifPresent(raw ->
                        target(md, "1 instance, " + AwsBenchmark.THREADS + " threads, one key: library ≥ 10× raw SDK",
                                ratio(library.incrementsPerSecond(), raw.incrementsPerSecond()),
                                library.incrementsPerSecond() >= 10 * raw.incrementsPerSecond())));
        rows.stream().filter(r -> r.load().startsWith("async")).findFirst().ifPresent(async ->
                target(md, "async, 10,000 outstanding, 1 instance: ≥ 1,000,000 increments/s at ≤ 1,000 requests/s",
                        String.format(Locale.ROOT, "%s/s at %,.0f requests/s", count(async.incrementsPerSecond()),
                                async.requestsPerSecond()),
                        async.incrementsPerSecond() >= 1_000_000 && async.requestsPerSecond() <= 1_000));
        String distinct = "1,000 distinct keys, 1 instance";
        find(distinct, AwsBenchmark.THREADS + " threads", AwsBenchmark.LIBRARY).ifPresent(library ->
                find(distinct, AwsBenchmark.THREADS + " threads", AwsBenchmark.RAW).ifPresent(raw ->
                        target(md, "1,000 distinct keys: library ≥ 0.95× raw SDK",
                                ratio(library.incrementsPerSecond(), raw.incrementsPerSecond()),
                                library.incrementsPerSecond() >= 0.95 * raw.incrementsPerSecond())));
        return md.toString();
    }

    /**
     * The targets of the largest fleet of {@code scenario}; the fair-share bound is a write's share of the key's
     * capacity times the instances (N ms for a write of 1 unit), at least a round trip.
     */
    private void fleetTargets(StringBuilder md, String scenario, boolean throughputTarget) {
        int largest = rows.stream().filter(r -> r.scenario().equals(scenario)).mapToInt(Row::instances).max()
                .orElse(0);
        Optional<Row> fleetOn = fleet(scenario, largest, AwsBenchmark.LIBRARY);
        Optional<Row> fleetOff = fleet(scenario, largest, AwsBenchmark.UNPACED);
        fleetOn.ifPresent(on -> {
            double fairShareMillis = Math.max(AwsBenchmark.LATENCY_MS,
                    largest * on.writeUnitsPerWrite() * 1000.0 / Limits.AWS_WRITE_UNITS_PER_SECOND);
            String fleet = scenario + ", " + largest + " instances × " + AwsBenchmark.THREADS + " threads: library";
            if (throughputTarget) {
                target(md, fleet + " ≥ 40× the key's write limit (40,000 increments/s)",
                        String.format(Locale.ROOT, "%s/s at %s write units per write", count(on.incrementsPerSecond()),
                                units(on.writeUnitsPerWrite())), on.incrementsPerSecond() >= 40 * 1000);
                fleet(scenario, largest, AwsBenchmark.AT_MOST_ONCE).ifPresent(small -> target(md,
                        fleet + " with exactly-once off (a smaller item, the only change) ≥ 40,000 increments/s",
                        String.format(Locale.ROOT, "%s/s at %s write units per write, p99 %s ms",
                                count(small.incrementsPerSecond()), units(small.writeUnitsPerWrite()),
                                millis(small.p99Millis())), small.incrementsPerSecond() >= 40 * 1000));
            }
            target(md, fleet + ", ≤ 10% of requests throttled", percent(on.throttledShare()),
                    on.throttledShare() <= 0.10);
            target(md, String.format(Locale.ROOT, "%s, p99 ≤ 3× the fair-share bound (%.0f ms → %.0f ms)", fleet,
                    fairShareMillis, 3 * fairShareMillis), millis(on.p99Millis()) + " ms",
                    on.p99Millis() <= 3 * fairShareMillis);
            target(md, fleet + ", stored value exact", stored(on), on.stored() == on.acknowledged()
                    && on.failures() == 0);
            fleetOff.ifPresent(off -> {
                double throttledOff = off.throttledShare() * off.requestsPerSecond();
                double throttledOn = on.throttledShare() * on.requestsPerSecond();
                String pacing = scenario + ", " + largest + " instances: pacing on";
                target(md, pacing + " cuts throttled requests ≥ 5× against off",
                        String.format(Locale.ROOT, "%,.0f/s off, %,.0f/s on: %s", throttledOff, throttledOn,
                                ratio(throttledOff, throttledOn)), throttledOff >= 5 * throttledOn);
                target(md, pacing + " cuts p99 ≥ 3× against off",
                        String.format(Locale.ROOT, "%s ms off, %s ms on: %s", millis(off.p99Millis()),
                                millis(on.p99Millis()), ratio(off.p99Millis(), on.p99Millis())),
                        off.p99Millis() >= 3 * on.p99Millis());
            });
        });
    }

    private Optional<Row> fleet(String scenario, int instances, String implementation) {
        return rows.stream().filter(r -> r.scenario().equals(scenario) && r.instances() == instances
                && r.implementation().equals(implementation)).findFirst();
    }

    private Optional<Row> find(String scenario, String load, String implementation) {
        return rows.stream().filter(r -> r.scenario().equals(scenario) && r.load().equals(load)
                && r.implementation().equals(implementation)).findFirst();
    }

    private static void target(StringBuilder md, String target, String figure, boolean met) {
        md.append("| ").append(target).append(" | ").append(figure).append(" | ").append(met ? "met" : "missed")
                .append(" |\n");
    }

    private static String ratio(double a, double b) {
        return b == 0 ? "∞" : String.format(Locale.ROOT, "%.2f×", a / b);
    }

    private static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    static String millis(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.1f", value);
    }

    static String units(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.4f", value);
    }

    String csv() {
        StringBuilder csv = new StringBuilder("scenario,implementation,load,instances,increments_per_second,p50_ms,"
                + "p99_ms,p999_ms,requests_per_second,throttled_share,write_units_per_increment,acknowledged,stored,"
                + "failed_calls\n");
        for (Row r : rows) {
            csv.append(String.format(Locale.ROOT, "\"%s\",\"%s\",\"%s\",%d,%.1f,%.3f,%.3f,%.3f,%.1f,%.5f,%.5f,%d,%d,"
                    + "%d%n", r.scenario(), r.implementation(), r.load(), r.instances(), r.incrementsPerSecond(),
                    r.p50Millis(), r.p99Millis(), r.p999Millis(), r.requestsPerSecond(), r.throttledShare(),
                    r.writeUnitsPerIncrement(), r.acknowledged(), r.stored(), r.failures()));
        }
        return csv.toString();
    }
}
