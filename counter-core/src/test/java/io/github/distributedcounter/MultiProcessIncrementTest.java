package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import io.github.distributedcounter.FaultInjectingProxy.Fault;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Several JVM processes, each its own application instance, counting on one key of one DynamoDB, directly and
 * through one proxy that loses responses.
 */
@DynamoDbEmulatorTest
class MultiProcessIncrementTest {

    private static final int PROCESSES = 3;
    private static final int THREADS = 8;
    private static final int PER_THREAD = 150;

    @Test
    void separateProcessesGetDistinctValuesAndAnExactTotal(DynamoDbClient client, URI endpoint) throws Exception {
        try (DynamoDbDistributedCounter counter = TestTables.newCounter(client)) {
            countInThreeProcesses(counter, endpoint);
        }
    }

    @Test
    void responsesLostBetweenProcessesAndDynamoDbAreNotCountedTwice(DynamoDbClient client, URI endpoint)
            throws Exception {
        try (DynamoDbDistributedCounter counter = TestTables.newCounter(client);
                FaultInjectingProxy proxy = new FaultInjectingProxy(endpoint)) {
            proxy.setPolicy(operation -> operation.equals("UpdateItem")
                    && ThreadLocalRandom.current().nextInt(100) < 20 ? Fault.CUT_AFTER_APPLY : Fault.NONE);
            countInThreeProcesses(counter, proxy.endpoint());
            assertThat(proxy.injected(Fault.CUT_AFTER_APPLY)).as("responses cut").isGreaterThan(50);
        }
    }

    /**
     * 3 processes × 8 threads × 150 increments through {@code endpoint}: values 1..3600, each returned once, in an
     * order that respects real time across the processes.
     */
    private static void countInThreeProcesses(DynamoDbDistributedCounter counter, URI endpoint) throws Exception {
        counter.get("warm-up");
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            processes.add(startWorker(endpoint, counter.tableName()));
        }
        History history = new History();
        for (Process process : processes) {
            readCalls(process).forEach(history::add);
        }
        int total = PROCESSES * THREADS * PER_THREAD;
        assertThat(counter.get("shared")).isEqualTo(OptionalLong.of(total));
        List<Long> values = new ArrayList<>(history.calls().stream().map(History.Call::value).toList());
        Collections.sort(values);
        assertThat(values).isEqualTo(LongStream.rangeClosed(1, total).boxed().toList());
        history.assertLinearizable(0, total);
    }

    private static Process startWorker(URI endpoint, String table) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                IncrementWorker.class.getName(), endpoint.toString(), table, "shared",
                Integer.toString(THREADS), Integer.toString(PER_THREAD))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static List<History.Call> readCalls(Process process) throws Exception {
        List<History.Call> calls = new ArrayList<>();
        boolean done = false;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.equals("done")) {
                    done = true;
                } else {
                    calls.add(History.Call.parse(line));
                }
            }
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(done).isTrue();
        assertThat(calls).hasSize(THREADS * PER_THREAD)
                .allSatisfy(call -> assertThat(call.outcome()).isEqualTo(History.Outcome.ACKNOWLEDGED));
        return calls;
    }
}
