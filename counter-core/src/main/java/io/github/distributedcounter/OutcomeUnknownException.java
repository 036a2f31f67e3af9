package io.github.distributedcounter;

/**
 * DynamoDB did not confirm an increment within the counter's retry budget: it may or may not have been
 * applied. The cause is the last failure. With exactly-once writes on, a later retry of the same request can
 * no longer apply it once this instance has written the key again.
 */
public class OutcomeUnknownException extends DistributedCounterException {

    private static final long serialVersionUID = 1L;

    public OutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
