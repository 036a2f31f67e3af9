package io.github.distributedcounter;

/**
 * Base of every failure of a {@link DistributedCounter} call other than bad arguments
 * ({@link IllegalArgumentException}) and results outside the {@code long} range ({@link ArithmeticException}).
 * Where DynamoDB or the AWS SDK failed, the SDK exception is the cause.
 */
public class DistributedCounterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DistributedCounterException(String message) {
        super(message);
    }

    public DistributedCounterException(String message, Throwable cause) {
        super(message, cause);
    }
}
