package io.github.distributedcounter.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.concurrent.atomic.LongAdder;

import io.github.distributedcounter.DynamoDbDistributedCounter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One hot key on the project's DynamoDB emulator in a separate process: 10,000 virtual threads each calling the
 * blocking {@code increment} in a loop, on a counter whose asynchronous work runs on virtual threads too (as with
 * {@code spring.threads.virtual.enabled=true}), next to the asynchronous API with 10,000 increments outstanding on
 * the counter's default platform pool. Checks each stored value; prints and writes the table (Markdown).
 * Needs Java 21 or later. Arguments: seconds per row, output folder.
 */
public final class VirtualThreadsBenchmark {

    private static final String HOT = "hot";
    private static final int CALLERS = 10_000;

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 6;
        Path out = Path.of(args.length > 1 ? args[1] : "target");
        if (Runtime.version().feature() < 21) {
            throw new IllegalStateException("virtual threads need Java 21 or later; this is Java "
                    + Runtime.version());
        }
        RequestCounter requests = new RequestCounter();
        try (EmulatorProcess server = EmulatorProcess.start();
                DynamoDbClient client = server.countedClient(requests)) {
            System.out.printf("DynamoDB emulator (pid %d) at %s; Java %s; %.0f s per row%n", server.pid(),
                    server.endpoint(), Runtime.version(), seconds);
            LoadRunner runner = new LoadRunner(seconds, requests);
            List<String> rows = new ArrayList<>();
            for (boolean recorded : new boolean[] {false, true}) { // a warm-up pass, then the recorded one
                rows.clear();
                ExecutorService virtual = newVirtualThreadPerTaskExecutor();
                try (DynamoDbDistributedCounter counter = counter(client, b -> b.asyncExecutor(virtual))) {
                    rows.add(row("sync `increment`, " + CALLERS + " virtual threads; counter on virtual threads",
                            virtualThreadsLoop(counter, virtual, seconds, requests), counter));
                } finally {
                    virtual.shutdown();
                }
                try (DynamoDbDistributedCounter counter = counter(client, b -> { })) {
                    LoadRunner.Measurement async = runner.openLoop(CALLERS, HOT,
                            key -> counter.async().increment(key, 1, 0));
                    rows.add(row("`async().increment`, " + CALLERS + " outstanding; counter's platform pool",
                            new Window(async.windowIncrements(), async.windowNanos(), async.requests(),
                                    async.total()), counter));
                }
                System.out.println(recorded ? "" : "(warm-up pass done; nothing above is recorded)");
            }
            String table = "| hot key, one instance | increments/s | requests/increment | exact |\n|---|---:|---:|---|\n"
                    + String.join("\n", rows) + "\n";
            System.out.println(table);
            Files.createDirectories(out);
            Files.writeString(out.resolve("virtual-threads-results.md"), table);
            System.out.println("Written to " + out.resolve("virtual-threads-results.md"));
        }
    }

    /** What one row measured: increments and requests in the window, and every increment of the run. */
    private record Window(long increments, long nanos, long requests, long total) {
    }

    private static String row(String load, Window window, DynamoDbDistributedCounter counter) {
        long stored = counter.get(HOT).orElse(0);
        String exact = stored == window.total() ? "yes" : "NO: " + window.total() + " done, " + stored + " stored";
        return String.format(Locale.ROOT, "| %s | %,.0f | %.4f | %s |", load,
                window.increments() * 1e9 / window.nanos(), (double) window.requests() / window.increments(), exact);
    }

    /** {@value #CALLERS} virtual threads calling {@code increment} until the window (after a third of it) ends. */
    private static Window virtualThreadsLoop(DynamoDbDistributedCounter counter, ExecutorService threads,
            double seconds, RequestCounter requests) throws InterruptedException {
        LongAdder done = new LongAdder();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(CALLERS);
        AtomicBoolean stop = new AtomicBoolean();
        for (int i = 0; i < CALLERS; i++) {
            threads.execute(() -> {
                try {
                    while (!stop.get()) {
                        counter.increment(HOT, 1, 0);
                        done.increment();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    stopped.countDown();
                }
            });
        }
        long measure = (long) (seconds * 1e9);
        Thread.sleep(measure / 3 / 1_000_000);
        long startIncrements = done.sum();
        long startRequests = requests.count();
        long start = System.nanoTime();
        Thread.sleep(measure / 1_000_000);
        long nanos = System.nanoTime() - start;
        long increments = done.sum() - startIncrements;
        long sent = requests.count() - startRequests;
        stop.set(true);
        stopped.await();
        if (failure.get() != null) {
            throw new IllegalStateException("an increment failed", failure.get());
        }
        return new Window(increments, nanos, sent, done.sum());
    }

    private static DynamoDbDistributedCounter counter(DynamoDbClient client,
            Consumer<DynamoDbDistributedCounter.Builder> options) {
        String table = "virtual-" + UUID.randomUUID();
        DynamoDbDistributedCounter.Builder builder = DynamoDbDistributedCounter.builder().dynamoDbClient(client)
                .tableName(table);
        options.accept(builder);
        DynamoDbDistributedCounter counter = builder.build();
        counter.createTable();
        return counter;
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}, a Java 21 method, for code compiled for Java 17. */
    private static ExecutorService newVirtualThreadPerTaskExecutor() throws ReflectiveOperationException {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }
}
