package io.github.distributedcounter.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.github.distributedcounter.DynamoDbDistributedCounter;
import io.github.distributedcounter.local.DynamoDbLocalServer;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Runs every scenario against DynamoDB Local in a separate process, the raw AWS SDK (one {@code UpdateItem ADD}
 * per increment) as the baseline and the library side by side, checks each stored value, and prints and writes
 * the table (Markdown and CSV). Arguments: seconds per scenario, output folder.
 */
public final class BenchmarkMain {

    private static final String HOT = "hot";

    private final LoadRunner runner;
    private final DynamoDbClient client;
    private final List<Result> results = new ArrayList<>();

    private BenchmarkMain(LoadRunner runner, DynamoDbClient client) {
        this.runner = runner;
        this.client = client;
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 6;
        Path out = Path.of(args.length > 1 ? args[1] : "target");
        RequestCounter requests = new RequestCounter();
        Instant started = Instant.now();
        try (LocalServerProcess server = LocalServerProcess.start();
                DynamoDbClient client = DynamoDbClient.builder().endpointOverride(server.endpoint())
                        .region(DynamoDbLocalServer.REGION).credentialsProvider(DynamoDbLocalServer.credentialsProvider())
                        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(128))
                        .overrideConfiguration(o -> o.addExecutionInterceptor(requests))
                        .build()) {
            System.out.printf("DynamoDB Local (pid %d) at %s; %.0f s per scenario%n", server.pid(), server.endpoint(),
                    seconds);
            BenchmarkMain benchmark = new BenchmarkMain(new LoadRunner(seconds, requests), client);
            benchmark.runAll();
            String table = benchmark.markdown(started, seconds);
            System.out.println();
            System.out.println(table);
            Files.createDirectories(out);
            Files.writeString(out.resolve("benchmark-results.md"), table);
            Files.writeString(out.resolve("benchmark-results.csv"), benchmark.csv());
            System.out.println("Written to " + out.resolve("benchmark-results.md") + " and .csv");
        }
    }

    private void runAll() throws Exception {
        warmUp();
        for (int threads : new int[] {1, 8, 64}) {
            String scenario = "hot key, sync";
            String load = threads + (threads == 1 ? " thread" : " threads");
            raw(scenario, load, threads, new String[] {HOT});
            library(scenario, "library", load, threads, new String[] {HOT}, b -> { });
        }
        libraryAsync("hot key, async", "library", 10_000, b -> { });
        String[] distinct = new String[1000];
        for (int i = 0; i < distinct.length; i++) {
            distinct[i] = "key-" + i;
        }
        raw("1,000 distinct keys, sync", "64 threads", 64, distinct);
        library("1,000 distinct keys, sync", "library", "64 threads", 64, distinct, b -> { });
    }

    /** Brings both code paths, the HTTP connections and the server to a steady state; nothing is recorded. */
    private void warmUp() throws Exception {
        int before = results.size();
        for (int round = 0; round < 2; round++) {
            raw("warm-up", "8 threads", 8, new String[] {HOT, "a", "b"});
            library("warm-up", "library", "8 threads", 8, new String[] {HOT, "a", "b"}, b -> { });
            raw("warm-up", "1 thread", 1, new String[] {HOT});
            library("warm-up", "library", "1 thread", 1, new String[] {HOT}, b -> { });
        }
        results.subList(before, results.size()).clear();
        System.out.println("(warm-up done; the rows above are not recorded)");
    }

    private DynamoDbDistributedCounter counter(String table, Consumer<DynamoDbDistributedCounter.Builder> options) {
        DynamoDbDistributedCounter.Builder builder = DynamoDbDistributedCounter.builder().dynamoDbClient(client)
                .tableName(table);
        options.accept(builder);
        return builder.build();
    }

    private String newTable() {
        String name = "bench-" + UUID.randomUUID();
        try (DynamoDbDistributedCounter counter = counter(name, b -> { })) {
            counter.createTable();
        }
        return name;
    }

    private void raw(String scenario, String load, int threads, String[] keys) throws Exception {
        String table = newTable();
        Map<String, AttributeValue> one = Map.of(":one", AttributeValue.fromN("1"));
        Map<String, String> names = Map.of("#v", "counter_value");
        LoadRunner.Measurement m = runner.closedLoop(threads, keys, key -> client.updateItem(b -> b.tableName(table)
                .key(Map.of("key", AttributeValue.fromS(key))).updateExpression("ADD #v :one")
                .expressionAttributeNames(names).expressionAttributeValues(one).returnValues(ReturnValue.UPDATED_NEW)));
        record(scenario, "raw AWS SDK UpdateItem", load, m, stored(table, keys));
    }

    private void library(String scenario, String implementation, String load, int threads, String[] keys,
            Consumer<DynamoDbDistributedCounter.Builder> options) throws Exception {
        String table = newTable();
        try (DynamoDbDistributedCounter counter = counter(table, options)) {
            LoadRunner.Measurement m = runner.closedLoop(threads, keys, key -> counter.increment(key, 1, 0));
            record(scenario, implementation, load, m, stored(table, keys));
        }
    }

    private void libraryAsync(String scenario, String implementation, int outstanding,
            Consumer<DynamoDbDistributedCounter.Builder> options) throws Exception {
        String table = newTable();
        try (DynamoDbDistributedCounter counter = counter(table, options)) {
            LoadRunner.Measurement m = runner.openLoop(outstanding, HOT, key -> counter.async().increment(key, 1, 0));
            record(scenario, implementation, String.format(Locale.ROOT, "%,d outstanding", outstanding), m,
                    stored(table, new String[] {HOT}));
        }
    }

    private long stored(String table, String[] keys) {
        try (DynamoDbDistributedCounter reader = counter(table, b -> { })) {
            return reader.getAll(List.of(keys)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private void record(String scenario, String implementation, String load, LoadRunner.Measurement m, long stored) {
        Result result = new Result(scenario, implementation, load, m.perSecond(), m.p50Millis(), m.p99Millis(),
                m.windowIncrements() == 0 ? Double.NaN : (double) m.requests() / m.windowIncrements(), m.total(), stored);
        results.add(result);
        System.out.printf(Locale.ROOT, "%-28s %-34s %-18s %12.0f/s  p50 %7.2f ms  p99 %8.2f ms  %.4f req/inc  %s%n",
                scenario, implementation, load, result.incrementsPerSecond(), result.p50Millis(), result.p99Millis(),
                result.requestsPerIncrement(), result.exact() ? "exact" : "MISMATCH " + m.total() + " != " + stored);
    }

    private Result baseline(Result result) {
        return results.stream().filter(r -> r.scenario().equals(result.scenario()) && r.load().equals(result.load())
                && r.implementation().startsWith("raw")).findFirst().orElse(null);
    }

    private String markdown(Instant started, double seconds) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Run %s on %d cores (%s %s, Java %s), DynamoDB Local 3.3.1 in-memory "
                + "in a separate JVM on loopback; %.0f s measured per row after %.0f s warm-up.%n%n",
                started.truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                seconds, seconds / 3));
        md.append("| scenario | implementation | load | increments/s | × baseline | p50 ms | p99 ms "
                + "| DynamoDB requests / increment | stored = done |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---|\n");
        for (Result r : results) {
            Result base = baseline(r);
            String ratio = base == null || base == r ? "—"
                    : String.format(Locale.ROOT, "%.1f×", r.incrementsPerSecond() / base.incrementsPerSecond());
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %s | %s | %s | %.4f | %s |%n",
                    r.scenario(), r.implementation(), r.load(), r.incrementsPerSecond(), ratio, millis(r.p50Millis()),
                    millis(r.p99Millis()), r.requestsPerIncrement(),
                    r.exact() ? String.format(Locale.ROOT, "yes (%,d)", r.valueStored())
                            : "NO: " + r.incrementsDone() + " vs " + r.valueStored()));
        }
        md.append(String.format(Locale.ROOT, "%nTotal run time %d s; JVM: %s.%n",
                Duration.between(started, Instant.now()).toSeconds(), ManagementFactory.getRuntimeMXBean().getVmName()));
        return md.toString();
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.2f", value);
    }

    private String csv() {
        StringBuilder csv = new StringBuilder("scenario,implementation,load,increments_per_second,p50_ms,p99_ms,"
                + "requests_per_increment,increments_done,value_stored\n");
        for (Result r : results) {
            csv.append(String.format(Locale.ROOT, "\"%s\",\"%s\",\"%s\",%.1f,%.3f,%.3f,%.5f,%d,%d%n", r.scenario(),
                    r.implementation(), r.load(), r.incrementsPerSecond(), r.p50Millis(), r.p99Millis(),
                    r.requestsPerIncrement(), r.incrementsDone(), r.valueStored()));
        }
        return csv.toString();
    }
}
