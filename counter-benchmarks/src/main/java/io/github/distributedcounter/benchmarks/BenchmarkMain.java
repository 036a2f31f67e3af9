package io.github.distributedcounter.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.github.distributedcounter.DynamoDbDistributedCounter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Runs every scenario against the project's DynamoDB emulator in a separate process, the raw AWS SDK (one
 * {@code UpdateItem ADD} per increment) as the baseline and the library, with exactly-once on (the default) and
 * off, side by side; checks each stored value, and prints and writes the table (Markdown and CSV). Arguments:
 * seconds per scenario, output folder.
 */
public final class BenchmarkMain {

    private static final String HOT = "hot";
    private static final int ROUNDS = 3;
    private static final Duration IN_MEMORY_DELAY = Duration.ofNanos(500_000);
    private static final String RAW = "raw AWS SDK UpdateItem";
    private static final String EXACTLY_ONCE = "library";
    private static final String AT_LEAST_ONCE = "library, exactly-once off";
    private static final String RAW_GUARDED = "raw SDK, library's request, exactly-once off";
    private static final String RAW_EXACTLY_ONCE = "raw SDK, library's request";
    /** The placeholder of the library's exactly-once sequence number in its increment requests. */
    private static final String SEQUENCE = ":seq";

    private final LoadRunner runner;
    private final RequestCounter requests;
    private final DynamoDbClient client;
    private final List<Result> results = new ArrayList<>();

    private BenchmarkMain(LoadRunner runner, RequestCounter requests, DynamoDbClient client) {
        this.runner = runner;
        this.requests = requests;
        this.client = client;
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 6;
        Path out = Path.of(args.length > 1 ? args[1] : "target");
        RequestCounter requests = new RequestCounter();
        Instant started = Instant.now();
        try (EmulatorProcess server = EmulatorProcess.start();
                DynamoDbClient client = server.countedClient(requests)) {
            System.out.printf("DynamoDB emulator (pid %d) at %s; %.0f s per row%n", server.pid(), server.endpoint(),
                    seconds);
            new BenchmarkMain(new LoadRunner(Math.max(0.5, seconds / ROUNDS / 3), requests), requests, client).runAll();
            System.out.println("(warm-up pass done; nothing above is recorded)");
            BenchmarkMain benchmark = new BenchmarkMain(new LoadRunner(seconds / ROUNDS, requests), requests, client);
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
        String hotSync = "hot key, sync";
        String[] hot = {HOT};
        List<Contender> oneThread = new ArrayList<>(contenders());
        oneThread.add(new Contender(RAW_GUARDED, b -> b.exactlyOnce(false), true));
        oneThread.add(new Contender(RAW_EXACTLY_ONCE, b -> { }, true));
        compare(hotSync, "1 thread", oneThread, hot, targets -> runner.alternating(HOT,
                targets.stream().map(Target::increment).toList(), 200, ROUNDS));
        for (int threads : new int[] {8, 64}) {
            compare(hotSync, threads + " threads", contenders(), hot,
                    inRounds(target -> runner.closedLoop(threads, hot, target.increment())));
        }
        compare("hot key, sync, in-memory store (" + IN_MEMORY_DELAY.toNanos() / 1000 + " µs a request)",
                "64 threads", contenders().subList(1, 3), contender -> inMemory(contender, hot),
                inRounds(target -> runner.closedLoop(64, hot, target.increment())));
        compare("hot key, async", "10,000 outstanding", contenders().subList(1, 3), hot,
                inRounds(target -> runner.openLoop(10_000, HOT, target.asyncIncrement())));
        String[] distinct = new String[1000];
        for (int i = 0; i < distinct.length; i++) {
            distinct[i] = "key-" + i;
        }
        compare("1,000 distinct keys, sync", "64 threads", contenders(), distinct,
                inRounds(target -> runner.closedLoop(64, distinct, target.increment())));
    }

    /**
     * An implementation under test: the library with {@code options}; with {@code rawSdk}, the raw SDK sending the
     * request such a library sends; and the raw SDK's bare {@code ADD} where there are no options.
     */
    private record Contender(String name, Consumer<DynamoDbDistributedCounter.Builder> options, boolean rawSdk) {
    }

    private static List<Contender> contenders() {
        return List.of(new Contender(RAW, null, true), new Contender(EXACTLY_ONCE, b -> { }, false),
                new Contender(AT_LEAST_ONCE, b -> b.exactlyOnce(false), false));
    }

    /** What a contender runs: its increment, and its asynchronous one (null for the raw SDK). */
    private record Target(LoadRunner.Increment increment, Function<String, CompletableFuture<?>> asyncIncrement) {
    }

    /** Measures one target once. */
    @FunctionalInterface
    private interface Window {
        LoadRunner.Measurement measure(Target target) throws Exception;
    }

    /** Measures all targets of a scenario, one measurement per target, in their order. */
    @FunctionalInterface
    private interface Scenario {
        List<LoadRunner.Measurement> measure(List<Target> targets) throws Exception;
    }

    /**
     * The targets take turns, {@value #ROUNDS} rounds, so that drift of the machine or server during the scenario
     * affects all of them alike; the rounds of each are combined into one measurement.
     */
    private static Scenario inRounds(Window window) {
        return targets -> {
            List<List<LoadRunner.Measurement>> rounds = new ArrayList<>();
            targets.forEach(target -> rounds.add(new ArrayList<>()));
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < targets.size(); i++) {
                    rounds.get(i).add(window.measure(targets.get(i)));
                }
            }
            return rounds.stream().map(LoadRunner.Measurement::combine).toList();
        };
    }

    /** A contender ready to measure: what it runs, what it stored afterwards, and what to close. */
    private record Setup(Target target, LongSupplier stored, AutoCloseable resources) {
    }

    /** Sets each contender up on its own table in the emulator, measures them, and records a row each. */
    private void compare(String scenario, String load, List<Contender> contenders, String[] keys, Scenario measure)
            throws Exception {
        compare(scenario, load, contenders, contender -> onEmulator(contender, keys), measure);
    }

    private void compare(String scenario, String load, List<Contender> contenders, Function<Contender, Setup> setUp,
            Scenario measure) throws Exception {
        List<Setup> setups = new ArrayList<>();
        List<LoadRunner.Measurement> measurements;
        try {
            for (Contender contender : contenders) {
                setups.add(setUp.apply(contender));
            }
            measurements = measure.measure(setups.stream().map(Setup::target).toList());
        } finally {
            for (Setup setup : setups) {
                setup.resources().close();
            }
        }
        for (int i = 0; i < contenders.size(); i++) {
            record(scenario, contenders.get(i).name(), load, measurements.get(i), setups.get(i).stored().getAsLong());
        }
    }

    private Setup onEmulator(Contender contender, String[] keys) {
        String table = newTable();
        LongSupplier stored = () -> stored(table, keys);
        if (contender.options() == null) {
            return new Setup(new Target(bareAdd(table), null), stored, () -> { });
        }
        if (contender.rawSdk()) {
            return new Setup(new Target(libraryRequest(table, contender.options(), keys), null), stored, () -> { });
        }
        DynamoDbDistributedCounter counter = counter(client, table, contender.options());
        return new Setup(libraryTarget(counter), stored, counter);
    }

    /**
     * The library on {@link InMemoryDynamoDbClient}, each request waiting {@link #IN_MEMORY_DELAY}: how fast
     * coalescing can go on this machine when the store costs no CPU and answers at once.
     */
    private Setup inMemory(Contender contender, String[] keys) {
        InMemoryDynamoDbClient store = new InMemoryDynamoDbClient(IN_MEMORY_DELAY, requests);
        DynamoDbDistributedCounter counter = counter(store, "in-memory", contender.options());
        return new Setup(libraryTarget(counter), () -> Arrays.stream(keys).mapToLong(store::value).sum(), counter);
    }

    private static Target libraryTarget(DynamoDbDistributedCounter counter) {
        return new Target(key -> counter.increment(key, 1, 0), key -> counter.async().increment(key, 1, 0));
    }

    private static DynamoDbDistributedCounter counter(DynamoDbClient client, String table,
            Consumer<DynamoDbDistributedCounter.Builder> options) {
        DynamoDbDistributedCounter.Builder builder = DynamoDbDistributedCounter.builder().dynamoDbClient(client)
                .tableName(table);
        options.accept(builder);
        return builder.build();
    }

    private String newTable() {
        String name = "bench-" + UUID.randomUUID();
        try (DynamoDbDistributedCounter counter = counter(client, name, b -> { })) {
            counter.createTable();
        }
        return name;
    }

    private LoadRunner.Increment bareAdd(String table) {
        Map<String, AttributeValue> one = Map.of(":one", AttributeValue.fromN("1"));
        Map<String, String> names = Map.of("#v", "counter_value");
        return key -> client.updateItem(b -> b.tableName(table).key(Map.of("key", AttributeValue.fromS(key)))
                .updateExpression("ADD #v :one").expressionAttributeNames(names).expressionAttributeValues(one)
                .returnValues(ReturnValue.UPDATED_NEW));
    }

    /**
     * The raw SDK resending the request that a library with {@code options} sends for a key it has written before,
     * with the next sequence number each time: what DynamoDB charges for the library's request, without the
     * library. The library writes each key twice, its second request is kept, and the counter is set back to 0.
     */
    private LoadRunner.Increment libraryRequest(String table, Consumer<DynamoDbDistributedCounter.Builder> options,
            String[] keys) {
        Map<String, UpdateItemRequest> lastSent = new HashMap<>();
        DynamoDbClient recording = new DynamoDbClient() {
            @Override
            public UpdateItemResponse updateItem(UpdateItemRequest request) {
                lastSent.put(request.key().get("key").s(), request);
                return client.updateItem(request);
            }

            @Override
            public String serviceName() {
                return SERVICE_NAME;
            }

            @Override
            public void close() {
            }
        };
        Map<String, UpdateItemRequest> requests = new HashMap<>();
        AtomicLong sequence = new AtomicLong();
        try (DynamoDbDistributedCounter counter = counter(recording, table, options)) {
            for (String key : keys) {
                counter.increment(key, 1, 0);
                counter.increment(key, 1, 0);
                UpdateItemRequest request = lastSent.get(key);
                requests.put(key, request);
                AttributeValue sent = request.expressionAttributeValues().get(SEQUENCE);
                if (sent != null) {
                    sequence.accumulateAndGet(Long.parseLong(sent.n()), Math::max);
                }
                counter.put(key, 0);
            }
        }
        return key -> {
            UpdateItemRequest request = requests.get(key);
            if (request.expressionAttributeValues().containsKey(SEQUENCE)) {
                Map<String, AttributeValue> values = new HashMap<>(request.expressionAttributeValues());
                values.put(SEQUENCE, AttributeValue.fromN(Long.toString(sequence.incrementAndGet())));
                request = request.toBuilder().expressionAttributeValues(values).build();
            }
            client.updateItem(request);
        };
    }

    private long stored(String table, String[] keys) {
        try (DynamoDbDistributedCounter reader = counter(client, table, b -> { })) {
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
                && r.implementation().equals(RAW)).findFirst().orElse(null);
    }

    private String markdown(Instant started, double seconds) {
        StringBuilder md = new StringBuilder();
        md.append(Machine.run(started)).append(String.format(Locale.ROOT, ", the project's DynamoDB emulator "
                + "(in memory, no AWS limits) in a separate JVM on loopback, after a warm-up pass over every scenario. "
                + "%.0f s measured per row, "
                + "in %d rounds: within a scenario the implementations take turns (every 200 ms on one thread), "
                + "each round after a warm-up of a third of its length.%n%n", seconds, ROUNDS));
        md.append("| scenario | implementation | load | increments/s | × baseline | p50 ms | p99 ms "
                + "| DynamoDB requests / increment | stored = done |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---|\n");
        for (Result r : results) {
            Result base = baseline(r);
            String ratio = base == null || base == r ? "—"
                    : String.format(Locale.ROOT, "%.2f×", r.incrementsPerSecond() / base.incrementsPerSecond());
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %s | %s | %s | %.4f | %s |%n",
                    r.scenario(), r.implementation(), r.load(), r.incrementsPerSecond(), ratio, millis(r.p50Millis()),
                    millis(r.p99Millis()), r.requestsPerIncrement(),
                    r.exact() ? String.format(Locale.ROOT, "yes (%,d)", r.valueStored())
                            : "NO: " + r.incrementsDone() + " vs " + r.valueStored()));
        }
        md.append(targets());
        md.append(String.format(Locale.ROOT, "%nTotal run time %d s; JVM: %s.%n",
                Duration.between(started, Instant.now()).toSeconds(), ManagementFactory.getRuntimeMXBean().getVmName()));
        return md.toString();
    }

    /** The project's targets, checked for each library mode against the baseline of the same run. */
    private String targets() {
        StringBuilder md = new StringBuilder("\n| target | " + EXACTLY_ONCE + " | " + AT_LEAST_ONCE + " |\n");
        md.append("|---|---|---|\n");
        md.append(target("hot key, 64 threads: ≥ 30× raw, ≤ 0.05 requests/increment", mode -> {
            Result r = find("hot key, sync", "64 threads", mode);
            double ratio = r.incrementsPerSecond() / baseline(r).incrementsPerSecond();
            return verdict(ratio >= 30 && r.requestsPerIncrement() <= 0.05, String.format(Locale.ROOT, "%.1f×, %.4f",
                    ratio, r.requestsPerIncrement()));
        }));
        md.append(target("hot key, async: ≥ 100,000 increments/s", mode -> {
            Result r = find("hot key, async", "10,000 outstanding", mode);
            return verdict(r.incrementsPerSecond() >= 100_000,
                    String.format(Locale.ROOT, "%,.0f/s", r.incrementsPerSecond()));
        }));
        md.append(target("1 thread: p50 within 10% of raw", mode -> {
            Result r = find("hot key, sync", "1 thread", mode);
            double over = r.p50Millis() / baseline(r).p50Millis() - 1;
            return verdict(over <= 0.10, percent(over));
        }));
        md.append(target("1 thread, for reference: p50 over the library's own request sent with the raw SDK", mode -> {
            Result r = find("hot key, sync", "1 thread", mode);
            Result same = find("hot key, sync", "1 thread", mode.equals(EXACTLY_ONCE) ? RAW_EXACTLY_ONCE : RAW_GUARDED);
            return percent(r.p50Millis() / same.p50Millis() - 1) + " (that request: "
                    + percent(same.p50Millis() / baseline(r).p50Millis() - 1) + " over raw)";
        }));
        md.append(target("1,000 distinct keys: ≥ 0.9× raw", mode -> {
            Result r = find("1,000 distinct keys, sync", "64 threads", mode);
            double ratio = r.incrementsPerSecond() / baseline(r).incrementsPerSecond();
            return verdict(ratio >= 0.9, String.format(Locale.ROOT, "%.2f×", ratio));
        }));
        return md.toString();
    }

    private String target(String name, Function<String, String> check) {
        return "| " + name + " | " + check.apply(EXACTLY_ONCE) + " | " + check.apply(AT_LEAST_ONCE) + " |\n";
    }

    /** A ratio over 1 as a signed whole percentage; -0.3% reads +0%. */
    private static String percent(double over) {
        return String.format(Locale.ROOT, "%+d%%", Math.round(over * 100));
    }

    private static String verdict(boolean met, String figure) {
        return (met ? "met: " : "missed: ") + figure;
    }

    private Result find(String scenario, String load, String implementation) {
        return results.stream().filter(r -> r.scenario().equals(scenario) && r.load().equals(load)
                && r.implementation().equals(implementation)).findFirst().orElseThrow();
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
