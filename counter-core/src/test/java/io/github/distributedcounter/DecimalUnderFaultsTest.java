package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.github.distributedcounter.FaultInjectingProxy.Fault;
import io.github.distributedcounter.emulator.DynamoDbEmulator;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Decimal increments through a proxy that delays and loses responses: combined only where one request gives every
 * caller what a serial run would, and counted once when a lost response is re-sent.
 */
@DynamoDbEmulatorTest
class DecimalUnderFaultsTest {

    private static final String NOT_STORABLE = " gives a number DynamoDB cannot store (more than 38 significant "
            + "digits, or a magnitude outside 1E-130 to 9.9999999999999999999999999999999999999E+125); nothing was "
            + "written";

    private final URI dynamoDb;
    private final DynamoDbClient direct;
    private FaultInjectingProxy proxy;
    private DynamoDbClient client;
    private final CoalescingUnderFailuresTest.RecordingObserver observer =
            new CoalescingUnderFailuresTest.RecordingObserver();

    DecimalUnderFaultsTest(URI endpoint, DynamoDbClient direct) {
        this.dynamoDb = endpoint;
        this.direct = direct;
    }

    @BeforeEach
    void startProxy() throws Exception {
        proxy = new FaultInjectingProxy(dynamoDb);
        client = proxy.createClient(Duration.ofMillis(3000));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        proxy.close();
    }

    private DynamoDbDistributedCounter counter(DynamoDbClient through, String key, String value) {
        DynamoDbDistributedCounter counter = TestTables.newCounter(through, b -> b.observer(observer));
        direct.putItem(b -> b.tableName(counter.tableName()).item(Map.of(
                "key", AttributeValue.fromS(key), "counter_value", AttributeValue.fromN(value))));
        return counter;
    }

    /**
     * Increments {@code key} by each of {@code amounts} on its own thread while an increment of 0 is held in flight
     * by the proxy, so that they queue and go out together; returns each caller's value or exception, in order.
     */
    private List<Object> queuedBehindADelayedIncrement(DecimalCounter counter, String key, String... amounts)
            throws Exception {
        proxy.setDelayMillis(2000);
        proxy.setPolicy(FaultInjectingProxy.numberedUpdates(n -> n == 1 ? Fault.DELAY : Fault.NONE));
        CompletableFuture<BigDecimal> first = CompletableFuture.supplyAsync(() -> counter.increment(key,
                BigDecimal.ZERO));
        while (proxy.injected(Fault.DELAY) == 0) {
            Thread.sleep(5);
        }
        List<CompletableFuture<Object>> calls = new ArrayList<>();
        for (String amount : amounts) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return counter.increment(key, new BigDecimal(amount));
                } catch (RuntimeException e) {
                    return e;
                }
            }));
        }
        first.join();
        List<Object> outcomes = new ArrayList<>();
        for (CompletableFuture<Object> call : calls) {
            outcomes.add(call.join());
        }
        return outcomes;
    }

    @Test
    void aBatchWhoseCallersWouldGetValuesDynamoDbCannotStoreIsWrittenCallerByCaller() throws Exception {
        try (DynamoDbDistributedCounter counter = counter(client, "k", "1")) {
            List<Object> outcomes = queuedBehindADelayedIncrement(counter.decimal(), "k", "5E-38", "5E-38");
            assertThat(outcomes).hasSize(2).allSatisfy(outcome -> assertThat(outcome)
                    .isInstanceOfSatisfying(ArithmeticException.class, e -> assertThat(e)
                            .hasMessage("Adding 0." + "0".repeat(37) + "5 to counter 'k'" + NOT_STORABLE)));
            assertThat(observer.outcomes).as("the combined request was refused by its bounds")
                    .contains("UpdateItem:condition_failed");
            assertThat(counter.decimal().get("k")).contains(BigDecimal.ONE);
        }
    }

    @Test
    void oneCallerWhoseResultDynamoDbCannotStoreDoesNotFailTheOthersOfItsBatch() throws Exception {
        String base = "9".repeat(37) + "0";
        try (DynamoDbDistributedCounter counter = counter(client, "k", base)) {
            List<Object> outcomes = queuedBehindADelayedIncrement(counter.decimal(), "k", "1", "1", "0.5", "1");
            assertThat(outcomes.get(2)).isInstanceOfSatisfying(ArithmeticException.class,
                    e -> assertThat(e).hasMessage("Adding 0.5 to counter 'k'" + NOT_STORABLE));
            assertThat(List.of(outcomes.get(0), outcomes.get(1), outcomes.get(3))).containsExactlyInAnyOrder(
                    new BigDecimal("9".repeat(37) + "1"), new BigDecimal("9".repeat(37) + "2"),
                    new BigDecimal("9".repeat(37) + "3"));
            assertThat(counter.decimal().get("k")).contains(new BigDecimal("9".repeat(37) + "3"));
        }
    }

    @Test
    void lostResponsesOfDecimalIncrementsAreNotCountedTwice() throws Exception {
        proxy.setPolicy(operation -> operation.equals("UpdateItem") && ThreadLocalRandom.current().nextInt(100) < 20
                ? Fault.CUT_AFTER_APPLY : Fault.NONE);
        try (DynamoDbDistributedCounter counter = counter(client, "hot", "0")) {
            ConcurrentLinkedQueue<BigDecimal> values = new ConcurrentLinkedQueue<>();
            ConcurrentWorkers.run(8, thread -> {
                for (int i = 0; i < 250; i++) {
                    values.add(counter.decimal().increment("hot", new BigDecimal("0.25")));
                }
            });
            assertThat(proxy.injected(Fault.CUT_AFTER_APPLY)).as("responses cut").isGreaterThan(20);
            assertThat(values).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 2000)
                    .mapToObj(i -> new BigDecimal(BigDecimal.valueOf(i, 2).multiply(BigDecimal.valueOf(25))
                            .stripTrailingZeros().toPlainString()))
                    .toList());
            assertThat(counter.decimal().get("hot")).contains(new BigDecimal("500"));
        }
    }

    /** Refuses the second UpdateItem attempt as DynamoDB refuses a number it cannot store, before it is sent. */
    static final class RefuseSecondUpdate implements ExecutionInterceptor {

        final AtomicInteger updates = new AtomicInteger();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (context.request() instanceof UpdateItemRequest && updates.incrementAndGet() == 2) {
                throw DynamoDbException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("ValidationException").errorMessage("Number overflow. Attempting to store a "
                                + "number with magnitude larger than supported range").build()).build();
            }
        }
    }

    @Test
    void aRetryRefusedAfterItsFirstAttemptWasAppliedReturnsThatAttemptsValue() throws Exception {
        RefuseSecondUpdate refusal = new RefuseSecondUpdate();
        proxy.setPolicy(FaultInjectingProxy.numberedUpdates(n -> n == 1 ? Fault.CUT_AFTER_APPLY : Fault.NONE));
        try (DynamoDbClient refusing = DynamoDbClient.builder().endpointOverride(proxy.endpoint())
                .region(DynamoDbEmulator.REGION).credentialsProvider(DynamoDbEmulator.credentialsProvider())
                .overrideConfiguration(o -> o.addExecutionInterceptor(refusal)).build();
                DynamoDbDistributedCounter counter = counter(refusing, "k", "1.5")) {
            Object outcome;
            try {
                outcome = counter.decimal().increment("k", BigDecimal.ONE);
            } catch (RuntimeException e) {
                outcome = e;
            }
            assertThat(proxy.injected(Fault.CUT_AFTER_APPLY)).isEqualTo(1);
            assertThat(refusal.updates.get()).isEqualTo(2);
            assertThat(outcome).isEqualTo(new BigDecimal("2.5"));
            assertThat(counter.decimal().get("k")).isEqualTo(Optional.of(new BigDecimal("2.5")));
        }
    }
}
