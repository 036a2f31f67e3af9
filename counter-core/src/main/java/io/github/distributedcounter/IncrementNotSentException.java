package io.github.distributedcounter;

/**
 * An increment failed before its request could reach DynamoDB: nothing was written, so calling again cannot count
 * twice. The cause says why: the calling thread was interrupted (its interrupt status stays set), or the AWS SDK
 * could not prepare or address the request (credentials that cannot be resolved, a host name that does not
 * resolve).
 */
public class IncrementNotSentException extends DistributedCounterException {

    private static final long serialVersionUID = 1L;

    public IncrementNotSentException(String message, Throwable cause) {
        super(message, cause);
    }
}
