package io.github.distributedcounter.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** Drives increments for a warm-up and a measured window and reports what the window saw. */
final class LoadRunner {

    /** One increment of {@code key}. */
    @FunctionalInterface
    interface Increment {
        void run(String key) throws Exception;
    }

    record Measurement(double perSecond, double p50Millis, double p99Millis, long requests, long windowIncrements,
            long total) {
    }

    private final long warmupNanos;
    private final long measureNanos;
    private final RequestCounter requests;

    LoadRunner(double seconds, RequestCounter requests) {
        this.measureNanos = (long) (seconds * 1e9);
        this.warmupNanos = measureNanos / 3;
        this.requests = requests;
    }

    /** {@code threads} callers, each calling {@code increment} in a loop on keys from {@code keys}. */
    Measurement closedLoop(int threads, String[] keys, Increment increment) throws InterruptedException {
        Phase phase = new Phase();
        long[][] latencies = new long[threads][];
        int[] windowCounts = new int[threads];
        long[] totals = new long[threads];
        Throwable[] failure = new Throwable[1];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread worker = new Thread(() -> {
                long[] samples = new long[1024];
                int n = 0;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                try {
                    while (phase.value != 2) {
                        String key = keys[keys.length == 1 ? 0 : random.nextInt(keys.length)];
                        long start = System.nanoTime();
                        increment.run(key);
                        long took = System.nanoTime() - start;
                        totals[index]++;
                        if (phase.value == 1) {
                            if (n == samples.length) {
                                samples = Arrays.copyOf(samples, n * 2);
                            }
                            samples[n++] = took;
                        }
                    }
                } catch (Throwable e) {
                    failure[0] = e;
                }
                latencies[index] = Arrays.copyOf(samples, n);
                windowCounts[index] = n;
            }, "load-" + t);
            worker.start();
            workers.add(worker);
        }
        long[] window = phase.run(requests);
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure[0] != null) {
            throw new IllegalStateException("an increment failed", failure[0]);
        }
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        long count = Arrays.stream(windowCounts).asLongStream().sum();
        return new Measurement(count / (window[0] / 1e9), percentile(all, 0.50), percentile(all, 0.99), window[1],
                count, Arrays.stream(totals).sum());
    }

    /** Keeps {@code outstanding} asynchronous increments of {@code key} in flight at all times. */
    Measurement openLoop(int outstanding, String key, Function<String, CompletableFuture<?>> increment)
            throws InterruptedException {
        Phase phase = new Phase();
        Semaphore permits = new Semaphore(outstanding);
        AtomicLong window = new AtomicLong();
        AtomicLong total = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        Thread issuer = new Thread(() -> {
            while (phase.value != 2) {
                permits.acquireUninterruptibly();
                boolean measured = phase.value == 1;
                increment.apply(key).whenComplete((value, error) -> {
                    if (error != null) {
                        failures.incrementAndGet();
                    } else {
                        total.incrementAndGet();
                        if (measured && phase.value == 1) {
                            window.incrementAndGet();
                        }
                    }
                    permits.release();
                });
            }
        }, "async-issuer");
        issuer.start();
        long[] measured = phase.run(requests);
        issuer.join();
        permits.acquireUninterruptibly(outstanding);
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " asynchronous increments failed");
        }
        return new Measurement(window.get() / (measured[0] / 1e9), Double.NaN, Double.NaN, measured[1],
                window.get(), total.get());
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** Warm-up (0), measured window (1), stop (2). */
    private final class Phase {

        volatile int value;

        /** @return the window's length in nanoseconds and the requests sent in it */
        long[] run(RequestCounter counter) throws InterruptedException {
            Thread.sleep(warmupNanos / 1_000_000);
            long requestsBefore = counter.count();
            long start = System.nanoTime();
            value = 1;
            Thread.sleep(measureNanos / 1_000_000);
            value = 2;
            long end = System.nanoTime();
            return new long[] {end - start, counter.count() - requestsBefore};
        }
    }
}
