package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.github.distributedcounter.FaultInjectingProxy.Fault;
import io.github.distributedcounter.emulator.DynamoDbEmulator;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Increments that fail before anything was sent say so at once, and cannot have been counted. */
@DynamoDbEmulatorTest
class NotSentTest {

    private final DynamoDbClient client;
    private final URI endpoint;

    NotSentTest(DynamoDbClient client, URI endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    @Test
    void anInterruptedCallerSendsNothing() {
        try (DynamoDbDistributedCounter counter = TestTables.newCounter(client)) {
            counter.put("k", 0);
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> counter.increment("k", 1)).isExactlyInstanceOf(IncrementNotSentException.class)
                    .hasMessage("Increment of key 'k' was not sent: the calling thread was interrupted; nothing was "
                            + "written")
                    .hasCauseExactlyInstanceOf(InterruptedException.class);
            assertThat(Thread.interrupted()).as("the interrupt status stays set").isTrue();
            assertThat(counter.get("k")).isEqualTo(OptionalLong.of(0));
        }
    }

    @Test
    void aCallerInterruptedWhileItsIncrementWaitsWithdrawsIt() throws Exception {
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(endpoint);
                DynamoDbClient slow = proxy.createClient(Duration.ofSeconds(5));
                DynamoDbDistributedCounter counter = counterWithUpdatesHeld(proxy, slow, 2000)) {
            CompletableFuture<Long> inFlight = CompletableFuture.supplyAsync(() -> counter.increment("k", 1));
            Thread.sleep(300);
            AtomicReference<Throwable> waiting = new AtomicReference<>();
            Thread queued = new Thread(() -> {
                try {
                    counter.increment("k", 1);
                } catch (RuntimeException e) {
                    waiting.set(e);
                }
            });
            queued.start();
            Thread.sleep(300);
            queued.interrupt();
            queued.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(waiting.get()).isExactlyInstanceOf(IncrementNotSentException.class)
                    .hasMessage("Increment of key 'k' was not sent: the calling thread was interrupted; nothing was "
                            + "written");
            assertThat(inFlight.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            proxy.setPolicy(operation -> Fault.NONE);
            assertThat(counter.get("k")).isEqualTo(OptionalLong.of(1));
        }
    }

    /**
     * 4 threads × 40 increments, each request held 20 ms, while another thread interrupts a random one of them every
     * 10 ms: whether the interrupt finds the caller waiting for its turn, in flight or between calls, the history
     * is linearizable, so every increment reported as not sent wrote nothing.
     */
    @Test
    void callersInterruptedAtRandomWhileOthersCountLeaveALinearizableHistory() throws Exception {
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(endpoint);
                DynamoDbClient slow = proxy.createClient(Duration.ofSeconds(5));
                DynamoDbDistributedCounter counter = counterWithUpdatesHeld(proxy, slow, 20)) {
            History history = new History();
            List<Thread> callers = new CopyOnWriteArrayList<>();
            AtomicBoolean counting = new AtomicBoolean(true);
            Thread interrupter = new Thread(() -> {
                while (counting.get()) {
                    List<Thread> now = List.copyOf(callers);
                    if (!now.isEmpty()) {
                        now.get(ThreadLocalRandom.current().nextInt(now.size())).interrupt();
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                }
            });
            interrupter.start();
            ConcurrentWorkers.run(4, thread -> {
                callers.add(Thread.currentThread());
                for (int i = 0; i < 40; i++) {
                    try {
                        history.increment(1, () -> counter.increment("k", 1));
                    } catch (IncrementNotSentException | OutcomeUnknownException interrupted) {
                        Thread.interrupted();
                    }
                }
                callers.remove(Thread.currentThread());
                Thread.interrupted();
            });
            counting.set(false);
            interrupter.join();
            assertThat(history.count(History.Outcome.FAILED)).as("increments not sent").isPositive();
            assertThat(history.count(History.Outcome.ACKNOWLEDGED)).as("increments counted").isPositive();
            history.assertLinearizable(0, counter.get("k").orElseThrow());
        }
    }

    /** A counter on a new table whose "k" is 0, through {@code proxy}, which holds every UpdateItem {@code millis}. */
    private static DynamoDbDistributedCounter counterWithUpdatesHeld(FaultInjectingProxy proxy, DynamoDbClient slow,
            long millis) {
        DynamoDbDistributedCounter counter = TestTables.newCounter(slow);
        counter.put("k", 0);
        proxy.setDelayMillis(millis);
        proxy.setPolicy(operation -> operation.equals("UpdateItem") ? Fault.DELAY : Fault.NONE);
        return counter;
    }

    @Test
    void credentialsThatCannotBeResolvedFailAtOnceWithNothingSent() {
        AwsCredentialsProvider missing = () -> {
            throw SdkClientException.create("Unable to load credentials (test)");
        };
        String table = TestTables.uniqueName("credentials");
        try (DynamoDbClient noCredentials = DynamoDbClient.builder().endpointOverride(endpoint)
                .region(DynamoDbEmulator.REGION).credentialsProvider(missing).build();
                DynamoDbDistributedCounter counter = DynamoDbDistributedCounter.builder()
                        .dynamoDbClient(noCredentials).tableName(table).build()) {
            assertThatThrownBy(() -> counter.increment("k", 1, 0))
                    .isExactlyInstanceOf(IncrementNotSentException.class)
                    .hasMessage("Increment of key 'k' in table '" + table + "' was not sent: Unable to load "
                            + "credentials (test); nothing was written")
                    .hasCauseExactlyInstanceOf(SdkClientException.class);
        }
    }

    @Test
    void anUnknownHostFailsAtOnceWithNothingSent() {
        String table = TestTables.uniqueName("unknown-host");
        try (DynamoDbClient nowhere = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://no-such-host.invalid:8000"))
                .region(DynamoDbEmulator.REGION).credentialsProvider(DynamoDbEmulator.credentialsProvider())
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(2))).build();
                DynamoDbDistributedCounter counter = DynamoDbDistributedCounter.builder()
                        .dynamoDbClient(nowhere).tableName(table).build()) {
            assertThatThrownBy(() -> counter.increment("k", 1, 0))
                    .isExactlyInstanceOf(IncrementNotSentException.class)
                    .hasMessageStartingWith("Increment of key 'k' in table '" + table + "' was not sent: Received an "
                            + "UnknownHostException when attempting to interact with a service.")
                    .hasMessageEndingWith("; nothing was written");
        }
    }
}
