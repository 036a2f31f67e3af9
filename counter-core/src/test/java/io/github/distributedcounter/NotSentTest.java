package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

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
                DynamoDbClient slow = DynamoDbClient.builder().endpointOverride(proxy.endpoint())
                        .region(DynamoDbEmulator.REGION).credentialsProvider(DynamoDbEmulator.credentialsProvider())
                        .build();
                DynamoDbDistributedCounter counter = DynamoDbDistributedCounter.builder().dynamoDbClient(slow)
                        .tableName(TestTables.uniqueName("interrupted")).build()) {
            counter.createTable();
            counter.put("k", 0);
            proxy.setDelayMillis(2000);
            proxy.setPolicy(operation -> operation.equals("UpdateItem") ? Fault.DELAY : Fault.NONE);
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
