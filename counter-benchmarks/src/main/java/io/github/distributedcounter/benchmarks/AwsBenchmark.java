package io.github.distributedcounter.benchmarks;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

import io.github.distributedcounter.DynamoDbDistributedCounter;
import io.github.distributedcounter.emulator.DynamoDbEmulator;
import io.github.distributedcounter.emulator.Limits;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * A hot key on AWS terms: the project's DynamoDB emulator in its own JVM enforcing DynamoDB's per-key limits
 * (1,000 write units a second per partition key) with a round trip of 4 ms ± 1 ms, and application instances,
 * each with its own {@link DynamoDbClient} and counter (so its own exactly-once instance id), simulated in this
 * JVM. Compares the raw AWS SDK (one {@code UpdateItem ADD} per call), the library, and the library with
 * {@link DynamoDbDistributedCounter.Builder#paceThrottledKeys(boolean) pacing} off (and, for the largest fleet on the
 * small item, with exactly-once off, to show what the item's size costs), on a small item and on one
 * with {@value #PADDING_KB} KB of other attributes, whose key admits about a tenth as many writes; checks that what is stored
 * is what was acknowledged; prints a progress line per row and writes the table (Markdown, CSV) and a chart of
 * the fleet rows (SVG). Arguments: seconds per row, output folder, fleet sizes (default {@code 1,8,32}).
 */
public final class AwsBenchmark {

    private static final String HOT = "hot";
    static final int THREADS = 64;
    static final int OUTSTANDING = 10_000;
    static final int LATENCY_MS = 4;
    static final String RAW = "raw AWS SDK";
    static final String LIBRARY = "library";
    static final String UNPACED = "library, pacing off";
    /** The library without exactly-once bookkeeping, whose item stays small: what the item's size costs. */
    static final String AT_MOST_ONCE = "library, exactly-once off";
    static final String FLEET = "one hot key, fleet";
    /** Kilobytes of other attributes in the padded hot item: each write of it consumes this many write units more. */
    static final int PADDING_KB = 10;
    static final String PADDED_FLEET = "one hot key in a " + PADDING_KB + " KB item, fleet";

    /** One row of the table. */
    record Row(String scenario, String implementation, String load, int instances, double incrementsPerSecond,
            double p50Millis, double p99Millis, double p999Millis, double requestsPerSecond, double throttledShare,
            double writeUnitsPerWrite, double writeUnitsPerIncrement, long acknowledged, long stored,
            long failures) {

        /** Whether the stored value can be what was acknowledged: failed calls may or may not have been applied. */
        boolean consistent() {
            return stored >= acknowledged && stored <= acknowledged + failures;
        }
    }

    private final URI endpoint;
    private final LoadRunner runner;
    private final RequestCounter requests = new RequestCounter();
    private final ThrottleCounter throttles = new ThrottleCounter();
    private final int[] fleet;
    private final List<Row> rows = new ArrayList<>();
    private final long started = System.nanoTime();
    private int planned;

    private AwsBenchmark(URI endpoint, double seconds, int[] fleet) {
        this.endpoint = endpoint;
        this.runner = new LoadRunner(seconds, requests);
        this.fleet = fleet;
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        Path out = Path.of(args.length > 1 ? args[1] : "target");
        int[] fleet = Arrays.stream((args.length > 2 ? args[2] : "1,8,32").split(",")).map(String::trim)
                .mapToInt(Integer::parseInt).toArray();
        Instant start = Instant.now();
        try (EmulatorProcess engine = EmulatorProcess.start("--aws-limits", "--latency-ms",
                Integer.toString(LATENCY_MS))) {
            String settings = settings(engine, seconds, fleet, start);
            System.out.println(settings);
            AwsBenchmark benchmark = new AwsBenchmark(engine.endpoint(), seconds, fleet);
            benchmark.runAll();
            AwsReport report = new AwsReport(benchmark.rows, settings);
            String markdown = report.markdown();
            System.out.println();
            System.out.println(markdown);
            Files.createDirectories(out);
            Files.writeString(out.resolve("aws-benchmark-results.md"), markdown);
            Files.writeString(out.resolve("aws-benchmark-results.csv"), report.csv());
            Files.writeString(out.resolve("aws-benchmark-fleet.svg"), new FleetChart(benchmark.rows).svg());
            System.out.println("Written to " + out.resolve("aws-benchmark-results.md") + ", .csv and "
                    + out.resolve("aws-benchmark-fleet.svg"));
            benchmark.requireConsistent();
        }
    }

    private static String settings(EmulatorProcess engine, double seconds, int[] fleet, Instant start) {
        return Machine.run(start) + String.format(Locale.ROOT, ". The project's DynamoDB emulator in its own JVM "
                + "(pid %d) on loopback with AWS limits (%,d write units and %,d read units a second per partition key, no burst on keys) and a round trip of %d ms ± %d ms. Each instance is a "
                + "DynamoDbClient (Apache HTTP client, the starter's retry settings: standard strategy, 9 attempts, "
                + "backoff 25 ms, after throttling 100 ms, full jitter, at most 1 s) and, for the library, a counter "
                + "of its own with its own instance id; the instances of a fleet (%s) share this JVM. %.0f s "
                + "measured per row after a warm-up of a third of that.",
                engine.pid(), Limits.AWS_WRITE_UNITS_PER_SECOND, Limits.AWS_READ_UNITS_PER_SECOND, LATENCY_MS,
                LATENCY_MS / 4, String.join(", ", Arrays.stream(fleet).mapToObj(Integer::toString).toList()),
                seconds);
    }

    private void runAll() throws Exception {
        planned = 3 + 2 * 3 * fleet.length + 1 + 2;
        int largest = Arrays.stream(fleet).max().orElse(1);
        for (String implementation : List.of(RAW, LIBRARY)) {
            measure("one hot key, 1 instance", implementation, "1 thread", 1, new String[] {HOT}, 1);
        }
        measureAsync();
        for (String scenario : List.of(FLEET, PADDED_FLEET)) {
            for (int instances : fleet) {
                List<String> implementations = scenario.equals(FLEET) && instances == largest
                        ? List.of(RAW, LIBRARY, UNPACED, AT_MOST_ONCE) : List.of(RAW, LIBRARY, UNPACED);
                for (String implementation : implementations) {
                    measure(scenario, implementation, instances + (instances == 1 ? " instance" : " instances")
                            + " × " + THREADS + " threads", instances, new String[] {HOT}, THREADS);
                }
            }
        }
        String[] distinct = new String[1000];
        Arrays.setAll(distinct, i -> "key-" + i);
        for (String implementation : List.of(RAW, LIBRARY)) {
            measure("1,000 distinct keys, 1 instance", implementation, THREADS + " threads", 1, distinct, THREADS);
        }
    }

    /** An application instance: its own client and, for the library, its own counter. */
    private final class Instance implements AutoCloseable {

        final DynamoDbClient client;
        final DynamoDbDistributedCounter counter;
        final String table;

        Instance(String table, String implementation) {
            this.table = table;
            this.client = client();
            this.counter = implementation.equals(RAW) ? null : DynamoDbDistributedCounter.builder()
                    .dynamoDbClient(client).tableName(table).paceThrottledKeys(!implementation.equals(UNPACED))
                    .exactlyOnce(!implementation.equals(AT_MOST_ONCE)).build();
        }

        LoadRunner.Increment increment() {
            if (counter != null) {
                return key -> counter.increment(key, 1, 0);
            }
            Map<String, AttributeValue> one = Map.of(":one", AttributeValue.fromN("1"));
            Map<String, String> names = Map.of("#v", "counter_value");
            return key -> client.updateItem(b -> b.tableName(table).key(Map.of("key", AttributeValue.fromS(key)))
                    .updateExpression("ADD #v :one").expressionAttributeNames(names).expressionAttributeValues(one)
                    .returnValues(ReturnValue.UPDATED_NEW));
        }

        @Override
        public void close() {
            if (counter != null) {
                counter.close();
            }
            client.close();
        }
    }

    private DynamoDbClient client() {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(DynamoDbEmulator.REGION)
                .credentialsProvider(DynamoDbEmulator.credentialsProvider())
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(THREADS))
                .overrideConfiguration(o -> o.addExecutionInterceptor(requests).addMetricPublisher(throttles)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(9)
                                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(25),
                                        Duration.ofSeconds(1)))
                                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100),
                                        Duration.ofSeconds(1)))
                                .build()))
                .build();
    }

    private String newTable() {
        String table = "aws-bench-" + UUID.randomUUID();
        try (DynamoDbClient client = client();
                DynamoDbDistributedCounter counter = DynamoDbDistributedCounter.builder().dynamoDbClient(client)
                        .tableName(table).build()) {
            counter.createTable();
        }
        return table;
    }

    /** {@code instances} instances of {@code implementation}, {@code threads} callers each, on {@code keys}. */
    private void measure(String scenario, String implementation, String load, int instances, String[] keys,
            int threads) throws Exception {
        String table = newTable();
        if (scenario.equals(PADDED_FLEET)) {
            pad(table);
        }
        List<Instance> fleetInstances = new ArrayList<>();
        AtomicBoolean reported = new AtomicBoolean();
        try {
            for (int i = 0; i < instances; i++) {
                fleetInstances.add(new Instance(table, implementation));
            }
            List<LoadRunner.Increment> increments = fleetInstances.stream().map(Instance::increment).toList();
            IntFunction<LoadRunner.Increment> perThread = thread -> increments.get(thread / threads);
            long requestsBefore = requests.count();
            long throttlesBefore = throttles.count();
            LoadRunner.Measurement m = runner.closedLoop(instances * threads, keys, perThread, e -> {
                if (reported.compareAndSet(false, true)) {
                    System.out.println("  first failed call (" + implementation + "): " + e);
                }
            });
            record(scenario, implementation, load, instances, m, requests.count() - requestsBefore,
                    throttles.count() - throttlesBefore, table, keys);
        } finally {
            fleetInstances.forEach(Instance::close);
        }
    }

    private void measureAsync() throws Exception {
        String table = newTable();
        try (Instance instance = new Instance(table, LIBRARY)) {
            long requestsBefore = requests.count();
            long throttlesBefore = throttles.count();
            LoadRunner.Measurement m = runner.openLoop(OUTSTANDING, HOT,
                    key -> instance.counter.async().increment(key, 1, 0));
            record("one hot key, 1 instance", LIBRARY, String.format(Locale.ROOT, "async, %,d outstanding",
                    OUTSTANDING), 1, m, requests.count() - requestsBefore, throttles.count() - throttlesBefore,
                    table, new String[] {HOT});
        }
    }

    private void record(String scenario, String implementation, String load, int instances,
            LoadRunner.Measurement m, long requestsSent, long throttled, String table, String[] keys) {
        long stored = stored(table, keys);
        double unitsPerWrite = writeUnitsPerWrite(table, keys[0]);
        double windowSeconds = m.windowNanos() / 1e9;
        Row row = new Row(scenario, implementation, load, instances, m.perSecond(), m.p50Millis(), m.p99Millis(),
                m.p999Millis(), m.requests() / windowSeconds, requestsSent == 0 ? 0 : (double) throttled / requestsSent,
                unitsPerWrite, m.total() == 0 ? Double.NaN : (requestsSent - throttled) * unitsPerWrite / m.total(), m.total(), stored,
                m.failures());
        rows.add(row);
        System.out.printf(Locale.ROOT, "[%d/%d, %.0f s] %s, %s, %s: %,.0f increments/s, p99 %s ms, %.1f%% of %,.0f "
                + "requests/s throttled, %s write units per increment, stored %s acknowledged (%,d)%s%n",
                rows.size(), planned, (System.nanoTime() - started) / 1e9, scenario, implementation, load,
                row.incrementsPerSecond(), AwsReport.millis(row.p99Millis()), 100 * row.throttledShare(),
                row.requestsPerSecond(), AwsReport.units(row.writeUnitsPerIncrement()),
                row.stored() == row.acknowledged() ? "=" : "≠", row.acknowledged(),
                row.failures() == 0 ? "" : String.format(Locale.ROOT, "; %,d calls failed", row.failures()));
    }

    /** The hot counter at 0 in an item with {@value #PADDING_KB} KB of other attributes. */
    private void pad(String table) {
        try (DynamoDbClient client = client()) {
            client.putItem(b -> b.tableName(table).item(Map.of("key", AttributeValue.fromS(HOT),
                    "counter_value", AttributeValue.fromN("0"),
                    "padding", AttributeValue.fromS("x".repeat(PADDING_KB * 1024)))));
        }
    }

    private long stored(String table, String[] keys) {
        try (DynamoDbClient client = client();
                DynamoDbDistributedCounter counter = DynamoDbDistributedCounter.builder().dynamoDbClient(client)
                        .tableName(table).build()) {
            return counter.getAll(Arrays.asList(keys)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * The write units one write of {@code key}'s item consumes now (its size, with the bookkeeping of every
     * instance that wrote it), as DynamoDB reports them for a write that adds 0.
     */
    private double writeUnitsPerWrite(String table, String key) {
        try (DynamoDbClient client = client()) {
            return client.updateItem(b -> b.tableName(table).key(Map.of("key", AttributeValue.fromS(key)))
                    .updateExpression("ADD #v :zero").expressionAttributeNames(Map.of("#v", "counter_value"))
                    .expressionAttributeValues(Map.of(":zero", AttributeValue.fromN("0")))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits();
        }
    }

    /** Fails the run where a stored value cannot be what was acknowledged, or the library failed a call. */
    private void requireConsistent() {
        List<String> wrong = rows.stream().filter(r -> !r.consistent()
                || r.implementation().equals(LIBRARY) && r.failures() > 0)
                .map(r -> r.scenario() + ", " + r.implementation() + ", " + r.load() + ": stored " + r.stored()
                        + ", acknowledged " + r.acknowledged() + ", failed calls " + r.failures())
                .toList();
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("Stored values do not match acknowledged increments: " + wrong);
        }
    }
}
