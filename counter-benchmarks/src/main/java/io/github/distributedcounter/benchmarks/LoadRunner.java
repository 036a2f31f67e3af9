package io.github.distributedcounter.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/** Drives increments for a warm-up and a measured window and reports what the window saw. */
final class LoadRunner {

    /** One increment of {@code key}. */
    @FunctionalInterface
    interface Increment {
        void run(String key) throws Exception;
    }

    /**
     * What measured windows saw; latencies in nanoseconds, sorted. {@code total} counts the increments that
     * returned, warm-up included, and {@code failures} the calls that threw.
     */
    record Measurement(long windowNanos, long windowIncrements, long requests, long total, long[] latencies,
            long failures) {

        Measurement(long windowNanos, long windowIncrements, long requests, long total, long[] latencies) {
            this(windowNanos, windowIncrements, requests, total, latencies, 0);
        }

        /** The windows of several rounds as one. */
        static Measurement combine(List<Measurement> rounds) {
            long[] latencies = rounds.stream().flatMapToLong(m -> Arrays.stream(m.latencies())).sorted().toArray();
            return new Measurement(rounds.stream().mapToLong(Measurement::windowNanos).sum(),
                    rounds.stream().mapToLong(Measurement::windowIncrements).sum(),
                    rounds.stream().mapToLong(Measurement::requests).sum(),
                    rounds.stream().mapToLong(Measurement::total).sum(), latencies,
                    rounds.stream().mapToLong(Measurement::failures).sum());
        }

        double perSecond() {
            return windowIncrements / (windowNanos / 1e9);
        }

        double p50Millis() {
            return percentile(0.50);
        }

        double p99Millis() {
            return percentile(0.99);
        }

        double p999Millis() {
            return percentile(0.999);
        }

        private double percentile(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            return latencies[Math.min(latencies.length - 1, (int) Math.ceil(p * latencies.length) - 1)] / 1e6;
        }
    }

    private final long warmupNanos;
    private final long measureNanos;
    private final RequestCounter requests;

    /** Each measured window lasts {@code seconds}, after a third of that for warm-up. */
    LoadRunner(double seconds, RequestCounter requests) {
        this.measureNanos = (long) (seconds * 1e9);
        this.warmupNanos = measureNanos / 3;
        this.requests = requests;
    }

    /** {@code threads} callers, each calling {@code increment} in a loop on keys from {@code keys}. */
    Measurement closedLoop(int threads, String[] keys, Increment increment) throws InterruptedException {
        Throwable[] failure = new Throwable[1];
        Measurement measurement = closedLoop(threads, keys, thread -> increment, e -> failure[0] = e);
        if (failure[0] != null) {
            throw new IllegalStateException("an increment failed", failure[0]);
        }
        return measurement;
    }

    /**
     * {@code threads} callers, each calling its own {@code increments.apply(thread)} in a loop on keys from
     * {@code keys}; a call that throws is counted as a failure, passed to {@code failed}, and the caller goes on.
     */
    Measurement closedLoop(int threads, String[] keys, IntFunction<Increment> increments, Consumer<Exception> failed)
            throws InterruptedException {
        Phase phase = new Phase();
        long[][] latencies = new long[threads][];
        int[] windowCounts = new int[threads];
        long[] totals = new long[threads];
        long[] failures = new long[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Increment increment = increments.apply(t);
            Thread worker = new Thread(() -> {
                Samples samples = new Samples();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                try {
                    while (phase.value != 2) {
                        String key = keys[keys.length == 1 ? 0 : random.nextInt(keys.length)];
                        long start = System.nanoTime();
                        try {
                            increment.run(key);
                        } catch (Exception e) {
                            failures[index]++;
                            failed.accept(e);
                            continue;
                        }
                        long took = System.nanoTime() - start;
                        totals[index]++;
                        if (phase.value == 1) {
                            samples.add(took);
                        }
                    }
                } finally {
                    latencies[index] = samples.toArray();
                    windowCounts[index] = latencies[index].length;
                }
            }, "load-" + t);
            worker.start();
            workers.add(worker);
        }
        long[] window = phase.run(requests);
        for (Thread worker : workers) {
            worker.join();
        }
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        long count = Arrays.stream(windowCounts).asLongStream().sum();
        return new Measurement(window[0], count, window[1], Arrays.stream(totals).sum(), all,
                Arrays.stream(failures).sum());
    }

    /**
     * One caller on {@code key}, the implementations taking turns in slices of {@code sliceMillis}, so that drift
     * of the machine or the server during the run affects each of them alike. Each gets {@code windows} times
     * the configured warm-up and measured window.
     */
    List<Measurement> alternating(String key, List<Increment> implementations, long sliceMillis, int windows)
            throws Exception {
        int count = implementations.size();
        long slice = sliceMillis * 1_000_000;
        Samples[] samples = new Samples[count];
        Arrays.setAll(samples, i -> new Samples());
        long[] busyNanos = new long[count];
        long[] requestsSent = new long[count];
        long[] totals = new long[count];
        long warmupRounds = Math.max(1, windows * warmupNanos / slice);
        long rounds = Math.max(1, windows * measureNanos / slice);
        for (long round = -warmupRounds; round < rounds; round++) {
            boolean measured = round >= 0;
            for (int i = 0; i < count; i++) {
                long requestsBefore = requests.count();
                long sliceStart = System.nanoTime();
                long sliceEnd = sliceStart + slice;
                long now = sliceStart;
                while (now < sliceEnd) {
                    implementations.get(i).run(key);
                    long end = System.nanoTime();
                    totals[i]++;
                    if (measured) {
                        samples[i].add(end - now);
                    }
                    now = end;
                }
                if (measured) {
                    busyNanos[i] += now - sliceStart;
                    requestsSent[i] += requests.count() - requestsBefore;
                }
            }
        }
        List<Measurement> measurements = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long[] sorted = samples[i].toArray();
            Arrays.sort(sorted);
            measurements.add(new Measurement(busyNanos[i], sorted.length, requestsSent[i], totals[i], sorted));
        }
        return measurements;
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
        return new Measurement(measured[0], window.get(), measured[1], total.get(), new long[0]);
    }

    /** Latencies of one caller, in nanoseconds. */
    private static final class Samples {

        private long[] values = new long[1024];
        private int size;

        void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
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
