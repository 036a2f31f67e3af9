package io.github.distributedcounter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The concurrency harness of the tests: {@code n} worker threads released together by a barrier, each running
 * the same work with its index; waiting for them fails on the first worker's exception, or when a worker does not
 * finish within the timeout, and checks that every worker thread has stopped.
 */
public final class ConcurrentWorkers {

    /** The default time every worker has to finish. */
    public static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** What each worker runs; {@code thread} is its index, 0 to {@code n - 1}. */
    @FunctionalInterface
    public interface Work {
        void run(int thread) throws Exception;
    }

    private final ExecutorService pool;
    private final List<Future<?>> workers = new ArrayList<>();

    private ConcurrentWorkers(int threads, Work work) {
        pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                start.await();
                work.run(thread);
                return null;
            }));
        }
    }

    /** Runs {@code work} on {@code threads} threads started together and waits up to {@link #TIMEOUT} for all. */
    public static void run(int threads, Work work) throws Exception {
        start(threads, work).await(TIMEOUT);
    }

    /** Starts {@code work} on {@code threads} threads; the caller goes on meanwhile and then {@link #await}s. */
    public static ConcurrentWorkers start(int threads, Work work) {
        return new ConcurrentWorkers(threads, work);
    }

    /** Waits for every worker, at most {@code timeout} each; rethrows the first failure. */
    public void await(Duration timeout) throws Exception {
        try {
            for (Future<?> worker : workers) {
                worker.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("worker threads still running 10 s after they were stopped");
            }
        }
    }
}
