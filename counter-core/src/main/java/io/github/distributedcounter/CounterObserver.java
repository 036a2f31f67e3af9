package io.github.distributedcounter;

/**
 * Receives what the counter does, for metrics. Methods are called on the calling threads and must be quick.
 * They should not throw; where one does, the counter ignores the exception, so callers still get their values
 * and failures, and logs it at WARNING through {@link System.Logger} (logger
 * {@code io.github.distributedcounter.CounterObserver}) the first time each method throws. The Spring Boot
 * auto-configuration supplies one that records Micrometer meters.
 */
public interface CounterObserver {

    /** Observes nothing. */
    CounterObserver NONE = new CounterObserver() {
    };

    /**
     * A DynamoDB request finished.
     *
     * @param operation the DynamoDB operation, e.g. {@code UpdateItem}
     * @param outcome   {@code success}, {@code condition_failed} (the request's condition was not met; nothing
     *                  was written) or {@code error}
     * @param nanos     how long it took, including the AWS SDK's retries
     */
    default void requestCompleted(String operation, String outcome, long nanos) {
    }

    /** One {@code UpdateItem} carried {@code size} increments (1 where nothing was combined). */
    default void incrementBatchWritten(int size) {
    }

    /** {@code count} increments returned their value to their callers. */
    default void incrementsServed(int count) {
    }

    /**
     * DynamoDB throttled an attempt of {@code operation}. The AWS SDK retries it with backoff, except a throttled
     * increment while throttled keys are paced (see
     * {@link DynamoDbDistributedCounter.Builder#paceThrottledKeys(boolean)}), which the counter sends again in
     * the key's pace.
     */
    default void throttled(String operation) {
    }

    /** The AWS SDK retried {@code operation} {@code retries} times. */
    default void retried(String operation, int retries) {
    }

    /** An increment request of a throttled key waited {@code nanos} for its turn before it was sent. */
    default void paced(long nanos) {
    }

    /** One {@code UpdateItem} of a key paced after throttling carried {@code size} increments. */
    default void pacedBatchWritten(int size) {
    }
}
