package io.github.distributedcounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Executors an application may pass, and callbacks it may attach, that must neither lose nor wedge an increment:
 * every call returns, every value is one of a serial order, and the count is exact.
 */
@DynamoDbEmulatorTest
class HostileExecutorsTest {

    private static final int THREADS = 4;
    private static final int PER_THREAD = 100;

    private final DynamoDbClient client;
    private final List<AutoCloseable> closing = new ArrayList<>();

    HostileExecutorsTest(DynamoDbClient client) {
        this.client = client;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    /** A counter on a new table whose "k" is 0; {@code executor} null: the counter's own. */
    private DynamoDbDistributedCounter counter(Executor executor) {
        DynamoDbDistributedCounter counter = TestTables.newCounter(client, b -> b.asyncExecutor(executor));
        closing.add(counter);
        counter.put("k", 0);
        return counter;
    }

    private ThreadPoolExecutor bounded(RejectedExecutionHandler policy) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(2),
                policy);
        closing.add(pool::shutdownNow);
        return pool;
    }

    @Test
    void aBlockingIncrementInAnAsyncCallbackDoesNotWedgeTheKey() throws Exception {
        DistributedCounter counter = counter(null);
        History history = new History();
        List<CompletableFuture<Long>> chained = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            chained.add(history.incrementAsync(1, () -> counter.async().increment("k", 1))
                    .thenApply(v -> history.increment(1, () -> counter.increment("k", 1))));
        }
        CompletableFuture.allOf(chained.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertExact(counter, history, 40);
    }

    @Test
    void aFixedPoolOfTwoThatAlsoRunsTheApplicationsIncrementsLosesAndWedgesNothing() throws Exception {
        ExecutorService shared = Executors.newFixedThreadPool(2);
        closing.add(shared::shutdownNow);
        DistributedCounter counter = counter(shared);
        History history = new History();
        List<Future<Long>> calls = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            calls.add(shared.submit(() -> history.increment(1, () -> counter.increment("k", 1))));
        }
        for (Future<Long> call : calls) {
            call.get(60, TimeUnit.SECONDS);
        }
        assertExact(counter, history, 1000);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Abort", "Discard", "DiscardOldest", "CallerRuns"})
    void aBoundedPoolWithAnyRejectionPolicyLosesAndWedgesNothing(String policy) throws Exception {
        RejectedExecutionHandler handler = switch (policy) {
            case "Abort" -> new ThreadPoolExecutor.AbortPolicy();
            case "Discard" -> new ThreadPoolExecutor.DiscardPolicy();
            case "DiscardOldest" -> new ThreadPoolExecutor.DiscardOldestPolicy();
            default -> new ThreadPoolExecutor.CallerRunsPolicy();
        };
        runMixedLoad(counter(bounded(handler)));
    }

    @Test
    void aDirectExecutorLosesAndWedgesNothing() throws Exception {
        runMixedLoad(counter(Runnable::run));
    }

    @Test
    void theDefaultExecutorLosesAndWedgesNothing() throws Exception {
        runMixedLoad(counter(null));
    }

    @Test
    void aVirtualThreadPerTaskExecutorLosesAndWedgesNothing() throws Exception {
        ExecutorService virtual;
        try {
            virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException beforeJava21) {
            assumeThat(Runtime.version().feature()).as("virtual threads need Java 21").isGreaterThanOrEqualTo(21);
            return;
        }
        closing.add(virtual::shutdownNow);
        runMixedLoad(counter(virtual));
    }

    @Test
    void anErrorThrownByTheExecutorLeavesNoBatchOrphaned() throws Exception {
        AtomicInteger thrown = new AtomicInteger();
        DistributedCounter counter = counter(task -> {
            thrown.incrementAndGet();
            throw new StackOverflowError("injected");
        });
        runMixedLoad(counter);
        assertThat(thrown.get()).as("errors thrown by the executor").isPositive();
    }

    @Test
    void theOtherAsynchronousCallsCompleteOnAnExecutorThatDropsEveryTask() throws Exception {
        DistributedCounter counter = counter(task -> { });
        counter.async().put("other", 5).get(10, TimeUnit.SECONDS);
        assertThat(counter.async().get("other").get(10, TimeUnit.SECONDS)).isEqualTo(OptionalLong.of(5));
        assertThat(counter.async().compareAndSet("other", 5, 7).get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(counter.async().incrementIfAtMost("other", 1, 100).get(10, TimeUnit.SECONDS))
                .isEqualTo(OptionalLong.of(8));
        assertThat(counter.async().getAll(List.of("other", "k")).get(10, TimeUnit.SECONDS))
                .isEqualTo(java.util.Map.of("other", 8L, "k", 0L));
        assertThat(counter.async().delete("other").get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(counter.async().increment("k", 1).get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void cancelledFuturesStillTakeTheirIncrement() throws Exception {
        DistributedCounter counter = counter(null);
        List<CompletableFuture<Long>> kept = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            CompletableFuture<Long> future = counter.async().increment("k", 1);
            if (i % 2 == 0) {
                future.cancel(true);
            } else {
                kept.add(future);
            }
        }
        CompletableFuture.allOf(kept.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(counter.increment("k", 1)).as("the cancelled increments were applied too").isEqualTo(201);
        assertThat(counter.get("k")).isEqualTo(OptionalLong.of(201));
    }

    /**
     * {@value #THREADS} application threads × {@value #PER_THREAD}: blocking increments, and asynchronous ones
     * whose callbacks increment again, blocking.
     */
    private void runMixedLoad(DistributedCounter counter) throws Exception {
        History history = new History();
        ConcurrentLinkedQueue<CompletableFuture<Long>> callbacks = new ConcurrentLinkedQueue<>();
        ConcurrentWorkers.start(THREADS, thread -> {
            for (int i = 0; i < PER_THREAD; i++) {
                if (i % 2 == 0) {
                    history.increment(1, () -> counter.increment("k", 1));
                } else {
                    callbacks.add(history.incrementAsync(1, () -> counter.async().increment("k", 1))
                            .thenApply(v -> history.increment(1, () -> counter.increment("k", 1))));
                }
            }
        }).await(Duration.ofSeconds(60));
        CompletableFuture.allOf(callbacks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertExact(counter, history, THREADS * PER_THREAD * 3 / 2);
    }

    private static void assertExact(DistributedCounter counter, History history, int total) {
        List<Long> values = new ArrayList<>(history.calls().stream().map(History.Call::value).toList());
        Collections.sort(values);
        assertThat(values).isEqualTo(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(counter.get("k")).isEqualTo(OptionalLong.of(total));
        history.assertLinearizable(0, total);
    }
}
