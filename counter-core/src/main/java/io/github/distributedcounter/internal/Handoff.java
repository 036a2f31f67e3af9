package io.github.distributedcounter.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes tasks to the counter's executor, which may be the application's and behave in any way: refuse tasks,
 * throw errors, run them in place, drop them silently, or have every thread busy waiting for the very task it
 * queued. A task handed off runs exactly once, on another thread than the one handing it off: on the executor, or,
 * where the executor has not started it within {@link #RESCUE_AFTER_MILLIS} ms, on a thread of the counter's own.
 */
final class Handoff {

    static final long RESCUE_AFTER_MILLIS = 200;

    private static final ScheduledThreadPoolExecutor WATCH = watch();
    private static final ExecutorService RESCUE = rescue();

    private final Executor executor;

    Handoff(Executor executor) {
        this.executor = executor;
    }

    /**
     * Whether the executor took {@code task}; it then runs once, on the executor or else on a rescue thread. False
     * where the executor refused it (with any exception or error) or would have run it on this thread: the task has
     * not run and will not.
     */
    boolean offer(Runnable task) {
        Claim claim = new Claim(task);
        try {
            executor.execute(claim);
        } catch (Throwable refused) {
            claim.revoke();
            return false;
        } finally {
            claim.submitted();
        }
        if (claim.ranInPlace) {
            return false;
        }
        claim.watch();
        return true;
    }

    /** Runs {@code task} once on another thread: the executor's, or where it does not take it, a rescue thread. */
    void execute(Runnable task) {
        if (!offer(task)) {
            RESCUE.execute(task);
        }
    }

    /** A task that runs at most once: from the executor, or from the rescue pool once it is overdue. */
    private static final class Claim implements Runnable {

        private final Runnable task;
        private final Thread submitter = Thread.currentThread();
        private final AtomicBoolean claimed = new AtomicBoolean();
        private volatile boolean submitting = true;
        private volatile boolean ranInPlace;
        private volatile Future<?> watching;

        Claim(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            if (submitting && Thread.currentThread() == submitter) {
                ranInPlace = true;
                claimed.set(true);
                return;
            }
            if (claimed.compareAndSet(false, true)) {
                Future<?> w = watching;
                if (w != null) {
                    w.cancel(false);
                }
                task.run();
            }
        }

        void submitted() {
            submitting = false;
        }

        void revoke() {
            claimed.set(true);
        }

        void watch() {
            if (!claimed.get()) {
                watching = WATCH.schedule(this::rescue, RESCUE_AFTER_MILLIS, TimeUnit.MILLISECONDS);
            }
        }

        private void rescue() {
            if (claimed.compareAndSet(false, true)) {
                RESCUE.execute(task);
            }
        }
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static ScheduledThreadPoolExecutor watch() {
        ScheduledThreadPoolExecutor watch = new ScheduledThreadPoolExecutor(1, daemons("distributed-counter-watch-"));
        watch.setRemoveOnCancelPolicy(true);
        watch.setKeepAliveTime(30, TimeUnit.SECONDS);
        watch.allowCoreThreadTimeOut(true);
        return watch;
    }

    /** Never refuses: a new daemon thread where none is idle, so that no rescued task waits for another. */
    private static ExecutorService rescue() {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemons("distributed-counter-rescue-"));
    }
}
