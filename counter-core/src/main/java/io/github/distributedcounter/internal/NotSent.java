package io.github.distributedcounter.internal;

import java.net.UnknownHostException;

import io.github.distributedcounter.IncrementNotSentException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Failures that prove an increment's request never left this process. */
final class NotSent {

    /** The AWS SDK method that resolves credentials and runs interceptors before its request pipeline starts. */
    private static final String BEFORE_PIPELINE = "invokeInterceptorsAndCreateExecutionContext";
    private static final String ATTEMPT_FAILURE = "Request attempt ";
    private static final String ATTEMPT_CANNOT_RESOLVE = " failure: Unable to execute HTTP request: ";

    private NotSent() {
    }

    static IncrementNotSentException interrupted(String key) {
        return new IncrementNotSentException("Increment of key '" + key + "' was not sent: the calling thread was "
                + "interrupted; nothing was written", new InterruptedException());
    }

    static IncrementNotSentException failed(String key, String tableName, SdkException e) {
        return new IncrementNotSentException("Increment of key '" + key + "' in table '" + tableName
                + "' was not sent: " + e.getMessage() + "; nothing was written", e);
    }

    /**
     * Whether {@code e} shows that the SDK sent nothing: it failed while preparing the request (e.g. credentials
     * that cannot be resolved), or every attempt failed to resolve DynamoDB's host name.
     */
    static boolean proves(SdkException e) {
        if (!(e instanceof SdkClientException)) {
            return false;
        }
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getMethodName().equals(BEFORE_PIPELINE)) {
                return true;
            }
        }
        UnknownHostException unknownHost = null;
        for (Throwable t = e; t != null && unknownHost == null; t = t.getCause()) {
            if (t instanceof UnknownHostException u) {
                unknownHost = u;
            }
        }
        return unknownHost != null && unknownHost.getMessage() != null
                && everyAttemptFailedToResolve(e, unknownHost.getMessage().split(":")[0]);
    }

    /** Whether each earlier attempt the SDK reports (as suppressed exceptions) failed to resolve {@code host}. */
    private static boolean everyAttemptFailedToResolve(Throwable e, String host) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (Throwable attempt : t.getSuppressed()) {
                String message = attempt.getMessage();
                if (message != null && message.startsWith(ATTEMPT_FAILURE)
                        && !message.contains(ATTEMPT_CANNOT_RESOLVE + host)) {
                    return false;
                }
            }
        }
        return true;
    }
}
