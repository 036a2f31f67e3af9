package io.github.distributedcounter;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.distributedcounter.emulator.DynamoDbEmulator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A separate application instance for multi-process tests: increments one key from several threads and
 * prints every call as a {@link History.Call#line()}, one per line, then {@code done}.
 * Arguments: endpoint, table, key, threads, increments per thread.
 */
public final class IncrementWorker {

    private IncrementWorker() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String table = args[1];
        String key = args[2];
        int threads = Integer.parseInt(args[3]);
        int perThread = Integer.parseInt(args[4]);
        History history = new History();
        try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(endpoint)
                .region(DynamoDbEmulator.REGION).credentialsProvider(DynamoDbEmulator.credentialsProvider())
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(Duration.ofMillis(1500))
                        .apiCallTimeout(Duration.ofSeconds(4)))
                .build();
                DynamoDbDistributedCounter counter = DynamoDbDistributedCounter.builder()
                        .dynamoDbClient(client).tableName(table).build()) {
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        history.increment(1, () -> counter.increment(key, 1, 0));
                    }
                });
                worker.start();
                workers.add(worker);
            }
            for (Thread worker : workers) {
                worker.join();
            }
        }
        PrintStream out = System.out;
        history.calls().forEach(call -> out.println(call.line()));
        out.println("done");
        out.flush();
    }
}
