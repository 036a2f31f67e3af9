package io.github.distributedcounter.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.github.distributedcounter.emulator.DynamoDbEmulator;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * What the DynamoDB emulator itself costs: its start-up time in this JVM, the round trip of one hot key's
 * {@code UpdateItem ADD} on one thread, and its CPU per {@code UpdateItem} against the AWS SDK client's own CPU
 * per request, on 1,000 distinct keys with 64 client threads. The engine runs in its own process, so that each
 * side's CPU is measured apart ({@link ProcessHandle.Info#totalCpuDuration()}).
 * <p>
 * Run: {@code mvn -B -pl counter-benchmarks -am -DskipTests package exec:exec
 * -Dbench.main=io.github.distributedcounter.benchmarks.EmulatorCost}
 */
public final class EmulatorCost {

    private static final String TABLE = "emulator-cost";
    private static final int THREADS = 64;
    private static final int KEYS = 1000;

    private EmulatorCost() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        startUp();
        try (EmulatorProcess engine = EmulatorProcess.start("--port", "0");
                DynamoDbClient client = DynamoDbClient.builder().endpointOverride(engine.endpoint())
                        .region(DynamoDbEmulator.REGION).credentialsProvider(DynamoDbEmulator.credentialsProvider())
                        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(THREADS)).build()) {
            client.createTable(b -> b.tableName(TABLE).billingMode("PAY_PER_REQUEST")
                    .keySchema(k -> k.attributeName("key").keyType("HASH"))
                    .attributeDefinitions(a -> a.attributeName("key").attributeType("S")));
            ProcessHandle server = ProcessHandle.of(engine.pid()).orElseThrow();
            System.out.println("warm-up, " + seconds + " s");
            run(client, server, THREADS, KEYS, seconds);
            run(client, server, 1, 1, Math.max(1, seconds / 2));
            System.out.println("one hot key, 1 thread, " + seconds + " s");
            Result hot = run(client, server, 1, 1, seconds);
            System.out.println("1,000 distinct keys, 64 threads, " + seconds + " s");
            Result distinct = run(client, server, THREADS, KEYS, seconds);
            System.out.println();
            System.out.println("| load | requests/s | p50 ms | p99 ms | engine CPU µs/request | client CPU µs/request |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            System.out.println(hot.row("one hot key, 1 thread"));
            System.out.println(distinct.row("1,000 distinct keys, 64 threads"));
        }
    }

    private static void startUp() {
        long first = time();
        long[] next = new long[5];
        for (int i = 0; i < next.length; i++) {
            next[i] = time();
        }
        Arrays.sort(next);
        System.out.printf(Locale.ROOT, "start-up in this JVM: first %.1f ms, then median %.1f ms%n", first / 1e6,
                next[next.length / 2] / 1e6);
    }

    private static long time() {
        long start = System.nanoTime();
        try (DynamoDbEmulator emulator = DynamoDbEmulator.start()) {
            return System.nanoTime() - start;
        }
    }

    private record Result(double perSecond, double p50, double p99, double engineMicros, double clientMicros) {
        String row(String load) {
            return String.format(Locale.ROOT, "| %s | %,.0f | %.2f | %.2f | %.0f | %.0f |", load, perSecond, p50,
                    p99, engineMicros, clientMicros);
        }
    }

    private static Result run(DynamoDbClient client, ProcessHandle server, int threads, int keys, int seconds)
            throws Exception {
        long serverBefore = cpu(server);
        long clientBefore = cpu(ProcessHandle.current());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        LongAdder requests = new LongAdder();
        long[][] latencies = new long[threads][];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Future<?>[] workers = new Future<?>[threads];
        for (int t = 0; t < threads; t++) {
            int worker = t;
            workers[t] = pool.submit(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    String key = "k" + ThreadLocalRandom.current().nextInt(keys);
                    long start = System.nanoTime();
                    client.updateItem(b -> b.tableName(TABLE).key(Map.of("key", AttributeValue.fromS(key)))
                            .updateExpression("ADD #v :d").expressionAttributeNames(Map.of("#v", "counter_value"))
                            .expressionAttributeValues(Map.of(":d", AttributeValue.fromN("1")))
                            .returnValues(ReturnValue.UPDATED_NEW));
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = System.nanoTime() - start;
                }
                latencies[worker] = Arrays.copyOf(mine, n);
                requests.add(n);
                return null;
            });
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        long serverCpu = cpu(server) - serverBefore;
        long clientCpu = cpu(ProcessHandle.current()) - clientBefore;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        long n = requests.sum();
        return new Result(n / (double) seconds, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6,
                serverCpu / 1e3 / n, clientCpu / 1e3 / n);
    }

    private static long cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElseThrow(
                () -> new IllegalStateException("this platform does not report process CPU time"));
    }
}
