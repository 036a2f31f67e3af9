package io.github.distributedcounter.internal;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * The client's own retry strategy, except that a throttled attempt is not retried: the error returns to the
 * counter at once, which paces the key and sends again. Everything else (timeouts, I/O errors, 5xx) the AWS
 * SDK retries as the client is configured to. {@link #PLUGIN} installs it on one request; a client configured
 * with a legacy {@code RetryPolicy} instead of a {@link RetryStrategy} keeps it unchanged.
 */
final class ThrottlingNotRetried implements RetryStrategy {

    /** A request-level plugin that wraps the client's retry strategy. */
    static final SdkPlugin PLUGIN = config -> config.overrideConfiguration().retryStrategy()
            .filter(strategy -> !(strategy instanceof ThrottlingNotRetried))
            .ifPresent(strategy -> config.overrideConfiguration(o -> o.retryStrategy(
                    new ThrottlingNotRetried(strategy))));

    private final RetryStrategy delegate;

    ThrottlingNotRetried(RetryStrategy delegate) {
        this.delegate = delegate;
    }

    static boolean isThrottling(Throwable failure) {
        return failure instanceof AwsServiceException service && service.isThrottlingException();
    }

    @Override
    public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
        return delegate.acquireInitialToken(request);
    }

    @Override
    public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
        if (isThrottling(request.failure())) {
            throw new TokenAcquisitionFailedException("throttled; the counter paces the key and sends again",
                    request.token(), request.failure());
        }
        return delegate.refreshRetryToken(request);
    }

    @Override
    public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
        return delegate.recordSuccess(request);
    }

    @Override
    public int maxAttempts() {
        return delegate.maxAttempts();
    }

    @Override
    public boolean useClientDefaults() {
        return false;
    }

    @Override
    public Builder<?, ?> toBuilder() {
        return delegate.toBuilder();
    }
}
