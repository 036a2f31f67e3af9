package io.github.distributedcounter.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The coalescing logic alone, with an in-memory writer in place of DynamoDB. */
class CoalescerTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Adds batches to an in-memory value; can block on a latch and fail chosen batches. */
    static final class MemoryWriter implements IncrementWriter {

        final AtomicLong value = new AtomicLong();
        final List<List<Long>> batches = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile CountDownLatch entered = new CountDownLatch(1);
        volatile int failBatch = -1;

        @Override
        public void write(String key, List<PendingIncrement> batch) {
            int index = batches.size();
            batches.add(batch.stream().map(c -> c.increment.amount()).toList());
            threads.add(Thread.currentThread().getName());
            entered.countDown();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (index == failBatch) {
                throw new IllegalStateException("request " + index + " failed");
            }
            for (PendingIncrement call : batch) {
                call.complete(value.addAndGet(call.increment.amount()));
            }
        }
    }

    @Test
    void aLoneCallerSendsAtOnceOnItsOwnThread() {
        MemoryWriter writer = new MemoryWriter();
        Coalescer coalescer = new Coalescer(writer, pool, 100);
        assertThat(coalescer.increment("k", Increment.by(5))).isEqualTo(5);
        assertThat(coalescer.increment("k", Increment.by(2))).isEqualTo(7);
        assertThat(writer.threads).containsOnly(Thread.currentThread().getName());
        assertThat(writer.batches).containsExactly(List.of(5L), List.of(2L));
        assertThat(coalescer.activeKeys()).isZero();
    }

    @Test
    void callersArrivingWhileARequestIsInFlightGoOutTogether() throws Exception {
        MemoryWriter writer = new MemoryWriter();
        writer.gate = new CountDownLatch(1);
        Coalescer coalescer = new Coalescer(writer, pool, 100);
        Future<Long> first = pool.submit(() -> coalescer.increment("k", Increment.by(1)));
        assertThat(writer.entered.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<Long>> waiting = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            waiting.add(pool.submit(() -> coalescer.increment("k", Increment.by(1))));
        }
        while (coalescer.queuedCount("k") < 10) {
            Thread.sleep(5);
        }
        writer.gate.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        List<Long> values = new ArrayList<>();
        for (Future<Long> f : waiting) {
            values.add(f.get(10, TimeUnit.SECONDS));
        }
        assertThat(values).containsExactlyInAnyOrder(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
        assertThat(writer.batches).hasSize(2);
        assertThat(writer.batches.get(1)).hasSize(10);
    }

    @Test
    void batchesAreCappedAtTheMaximumSize() throws Exception {
        MemoryWriter writer = new MemoryWriter();
        writer.gate = new CountDownLatch(1);
        Coalescer coalescer = new Coalescer(writer, pool, 3);
        pool.submit(() -> coalescer.increment("k", Increment.by(1)));
        assertThat(writer.entered.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            futures.add(coalescer.incrementAsync("k", Increment.by(1)));
        }
        writer.gate.countDown();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(writer.batches.stream().map(List::size).toList()).containsExactly(1, 3, 3, 1);
        assertThat(writer.value.get()).isEqualTo(8);
    }

    @Test
    void aFailedRequestFailsExactlyTheCallersItCarried() throws Exception {
        MemoryWriter writer = new MemoryWriter();
        writer.gate = new CountDownLatch(1);
        writer.failBatch = 1;
        Coalescer coalescer = new Coalescer(writer, pool, 4);
        CompletableFuture<Long> first = coalescer.incrementAsync("k", Increment.by(1));
        assertThat(writer.entered.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            futures.add(coalescer.incrementAsync("k", Increment.by(10)));
        }
        writer.gate.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        for (int i = 0; i < 4; i++) {
            CompletableFuture<Long> failed = futures.get(i);
            assertThatThrownBy(failed::join).isExactlyInstanceOf(CompletionException.class)
                    .cause().isExactlyInstanceOf(IllegalStateException.class).hasMessage("request 1 failed");
        }
        assertThat(futures.get(4).get(10, TimeUnit.SECONDS)).isEqualTo(11);
        assertThat(futures.get(5).get(10, TimeUnit.SECONDS)).isEqualTo(21);
        assertThat(writer.value.get()).isEqualTo(21);
    }

    /** The test pool, counting the tasks it is given. */
    private Executor counting(AtomicInteger executed) {
        return task -> {
            executed.incrementAndGet();
            pool.execute(task);
        };
    }

    /** Starts a blocking increment of "k" by 1 on a thread named blocking-caller, once it waits in the queue. */
    private static Future<Long> queueBlockingCaller(Coalescer coalescer) throws InterruptedException {
        FutureTask<Long> call = new FutureTask<>(() -> coalescer.increment("k", Increment.by(1)));
        new Thread(call, "blocking-caller").start();
        while (coalescer.queuedCount("k") < 1) {
            Thread.sleep(5);
        }
        return call;
    }

    @Test
    void theExecutorKeepsSendingABusyKeysBatches() throws Exception {
        MemoryWriter writer = new MemoryWriter();
        writer.gate = new CountDownLatch(1);
        AtomicInteger executed = new AtomicInteger();
        Coalescer coalescer = new Coalescer(writer, counting(executed), 100);
        CompletableFuture<Long> first = coalescer.incrementAsync("k", Increment.by(1));
        assertThat(writer.entered.await(10, TimeUnit.SECONDS)).isTrue();
        Future<Long> blocking = queueBlockingCaller(coalescer);
        writer.gate.countDown();
        assertThat(first.get()).isEqualTo(1);
        assertThat(blocking.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(writer.threads).hasSize(2).doesNotContain("blocking-caller");
        assertThat(writer.threads.get(1)).isEqualTo(writer.threads.get(0));
        assertThat(executed.get()).as("one turn, and the completion of the asynchronous caller").isEqualTo(2);
    }

    @Test
    void aBlockingSendersFollowingBatchGoesToTheExecutorAndTheSenderReturns() throws Exception {
        MemoryWriter writer = new MemoryWriter();
        writer.gate = new CountDownLatch(1);
        AtomicInteger executed = new AtomicInteger();
        CountDownLatch executorMayRun = new CountDownLatch(1);
        Coalescer coalescer = new Coalescer(writer, task -> {
            executed.incrementAndGet();
            pool.execute(() -> {
                try {
                    executorMayRun.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                task.run();
            });
        }, 100);
        Future<Long> first = pool.submit(() -> coalescer.increment("k", Increment.by(1)));
        assertThat(writer.entered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Long> queued = coalescer.incrementAsync("k", Increment.by(1));
        writer.gate.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).as("returns before the next batch is sent").isEqualTo(1);
        assertThat(queued).isNotDone();
        executorMayRun.countDown();
        assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(executed.get()).as("one turn, and the completion of the asynchronous caller").isEqualTo(2);
    }

    @Test
    void whenTheExecutorRefusesAWaitingCallerSends() throws Exception {
        MemoryWriter writer = new MemoryWriter();
        writer.gate = new CountDownLatch(1);
        Coalescer coalescer = new Coalescer(writer, task -> {
            throw new RejectedExecutionException("full");
        }, 100);
        Future<Long> first = pool.submit(() -> coalescer.increment("k", Increment.by(1)));
        assertThat(writer.entered.await(10, TimeUnit.SECONDS)).isTrue();
        Future<Long> blocking = queueBlockingCaller(coalescer);
        writer.gate.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(blocking.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(writer.threads.get(1)).isEqualTo("blocking-caller");
    }

    @Test
    void aLongBusyKeyGoesBackToTheExecutorsQueueEveryTurn() throws Exception {
        MemoryWriter writer = new MemoryWriter();
        writer.gate = new CountDownLatch(1);
        AtomicInteger executed = new AtomicInteger();
        Coalescer coalescer = new Coalescer(writer, counting(executed), 1);
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        futures.add(coalescer.incrementAsync("k", Increment.by(1)));
        assertThat(writer.entered.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 200; i++) {
            futures.add(coalescer.incrementAsync("k", Increment.by(1)));
        }
        writer.gate.countDown();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(writer.batches).hasSize(201);
        assertThat(executed.get()).as("201 batches in turns of at most %d, and a completion task per batch",
                Coalescer.BATCHES_PER_TURN).isEqualTo(4 + 201);
        assertThat(writer.value.get()).isEqualTo(201);
    }

    @Test
    void anExecutorThatRunsTasksInPlaceLeavesTheBatchesToTheCallersWithoutNestingCalls() throws Exception {
        MemoryWriter writer = new MemoryWriter();
        writer.gate = new CountDownLatch(1);
        List<Integer> depths = Collections.synchronizedList(new ArrayList<>());
        Coalescer coalescer = new Coalescer((key, batch) -> {
            depths.add(Thread.currentThread().getStackTrace().length);
            writer.write(key, batch);
        }, Runnable::run, 1);
        Future<CompletableFuture<Long>> first = pool.submit(() -> coalescer.incrementAsync("k", Increment.by(1)));
        assertThat(writer.entered.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            futures.add(coalescer.incrementAsync("k", Increment.by(1)));
        }
        writer.gate.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS)).isEqualTo(1);
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(writer.batches).hasSize(1001);
        assertThat(writer.threads).containsOnly(writer.threads.get(0));
        assertThat(Collections.max(depths) - Collections.min(depths)).as("stack depth stays flat over 1,001 batches")
                .isLessThan(10);
    }

    @Test
    void distinctKeysDoNotWaitForEachOther() throws Exception {
        MemoryWriter writer = new MemoryWriter();
        writer.gate = new CountDownLatch(1);
        Coalescer coalescer = new Coalescer((key, batch) -> {
            if (key.equals("slow")) {
                writer.write(key, batch);
            } else {
                batch.forEach(c -> c.complete(c.increment.amount()));
            }
        }, pool, 100);
        CompletableFuture<Long> slow = coalescer.incrementAsync("slow", Increment.by(1));
        assertThat(writer.entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(coalescer.increment("fast", Increment.by(3))).isEqualTo(3);
        assertThat(slow).isNotDone();
        writer.gate.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void aBatchTheExecutorDropsIsSentByTheCountersOwnThread() throws Exception {
        MemoryWriter writer = new MemoryWriter();
        Coalescer coalescer = new Coalescer(writer, task -> { }, 100);
        assertThat(coalescer.incrementAsync("k", Increment.by(1)).get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(writer.threads).singleElement().asString().startsWith("distributed-counter-rescue-");
    }

    @Test
    void anErrorThrownByTheExecutorCountsAsARefusal() throws Exception {
        MemoryWriter writer = new MemoryWriter();
        Coalescer coalescer = new Coalescer(writer, task -> {
            throw new OutOfMemoryError("injected");
        }, 100);
        assertThat(coalescer.incrementAsync("k", Increment.by(1)).get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(coalescer.increment("k", Increment.by(1))).isEqualTo(2);
        assertThat(writer.threads).containsOnly(Thread.currentThread().getName());
        assertThat(coalescer.activeKeys()).isZero();
    }

    @Test
    void callbacksRunOutsideTheKeysTurnSoTheyMayIncrementTheSameKeyBlocking() throws Exception {
        MemoryWriter writer = new MemoryWriter();
        Coalescer coalescer = new Coalescer(writer, Runnable::run, 100);
        List<CompletableFuture<Long>> chained = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            chained.add(coalescer.incrementAsync("k", Increment.by(1))
                    .thenApply(v -> coalescer.increment("k", Increment.by(1))));
        }
        CompletableFuture.allOf(chained.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(writer.value.get()).isEqualTo(40);
        assertThat(coalescer.activeKeys()).isZero();
    }
}
