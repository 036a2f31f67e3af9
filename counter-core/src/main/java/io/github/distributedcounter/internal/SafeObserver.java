package io.github.distributedcounter.internal;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.distributedcounter.CounterObserver;

/**
 * Calls a {@link CounterObserver} so that it cannot fail a caller: a {@link RuntimeException} it throws is
 * swallowed, and logged at WARNING through {@link System.Logger} (logger {@code io.github.distributedcounter.CounterObserver})
 * the first time each of its methods throws.
 */
final class SafeObserver implements CounterObserver {

    private static final System.Logger LOG = System.getLogger(CounterObserver.class.getName());

    private final CounterObserver observer;
    private final AtomicBoolean requestCompletedLogged = new AtomicBoolean();
    private final AtomicBoolean incrementBatchWrittenLogged = new AtomicBoolean();
    private final AtomicBoolean incrementsServedLogged = new AtomicBoolean();
    private final AtomicBoolean throttledLogged = new AtomicBoolean();
    private final AtomicBoolean retriedLogged = new AtomicBoolean();
    private final AtomicBoolean pacedLogged = new AtomicBoolean();
    private final AtomicBoolean pacedBatchWrittenLogged = new AtomicBoolean();

    private SafeObserver(CounterObserver observer) {
        this.observer = observer;
    }

    /** {@code observer} guarded; {@link CounterObserver#NONE} and already guarded observers as they are. */
    static CounterObserver of(CounterObserver observer) {
        if (observer == null) {
            return CounterObserver.NONE;
        }
        return observer == CounterObserver.NONE || observer instanceof SafeObserver ? observer
                : new SafeObserver(observer);
    }

    @Override
    public void requestCompleted(String operation, String outcome, long nanos) {
        try {
            observer.requestCompleted(operation, outcome, nanos);
        } catch (RuntimeException e) {
            swallow("requestCompleted", requestCompletedLogged, e);
        }
    }

    @Override
    public void incrementBatchWritten(int size) {
        try {
            observer.incrementBatchWritten(size);
        } catch (RuntimeException e) {
            swallow("incrementBatchWritten", incrementBatchWrittenLogged, e);
        }
    }

    @Override
    public void incrementsServed(int count) {
        try {
            observer.incrementsServed(count);
        } catch (RuntimeException e) {
            swallow("incrementsServed", incrementsServedLogged, e);
        }
    }

    @Override
    public void throttled(String operation) {
        try {
            observer.throttled(operation);
        } catch (RuntimeException e) {
            swallow("throttled", throttledLogged, e);
        }
    }

    @Override
    public void retried(String operation, int retries) {
        try {
            observer.retried(operation, retries);
        } catch (RuntimeException e) {
            swallow("retried", retriedLogged, e);
        }
    }

    @Override
    public void paced(long nanos) {
        try {
            observer.paced(nanos);
        } catch (RuntimeException e) {
            swallow("paced", pacedLogged, e);
        }
    }

    @Override
    public void pacedBatchWritten(int size) {
        try {
            observer.pacedBatchWritten(size);
        } catch (RuntimeException e) {
            swallow("pacedBatchWritten", pacedBatchWrittenLogged, e);
        }
    }

    private void swallow(String method, AtomicBoolean logged, RuntimeException e) {
        if (logged.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "CounterObserver " + observer.getClass().getName() + "." + method
                    + " threw; ignored, and further failures of this method are not logged", e);
        }
    }
}
