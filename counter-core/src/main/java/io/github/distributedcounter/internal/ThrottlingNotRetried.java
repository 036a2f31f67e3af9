package io.github.distributedcounter.internal;

import java.util.List;

import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.SdkServiceClientConfiguration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingReason;

/**
 * The client's own retry strategy, except that an attempt throttled because its partition key passed DynamoDB's
 * per-key limit (a {@code …KeyRangeThroughputExceeded} throttling reason) is not retried: the error returns to
 * the counter at once, which paces the key and sends again. Everything else (other throttling, timeouts, I/O
 * errors, 5xx) the AWS SDK retries as the client is configured to. {@link #plugin()} installs it on a request;
 * a client configured with a legacy {@code RetryPolicy} instead of a {@link RetryStrategy} keeps it unchanged.
 */
final class ThrottlingNotRetried implements RetryStrategy {

    /** The limit type of the throttling reasons for a partition key's rate: {@code TableWriteKeyRange…}. */
    private static final String KEY_RANGE_LIMIT = "KeyRangeThroughputExceeded";

    private final RetryStrategy delegate;

    ThrottlingNotRetried(RetryStrategy delegate) {
        this.delegate = delegate;
    }

    /**
     * A request-level plugin for the requests of one client: it wraps that client's retry strategy, worked out on
     * the first request and reused, since the SDK runs request plugins on every request and a client's
     * configuration does not change.
     */
    static SdkPlugin plugin() {
        return new SdkPlugin() {
            private volatile ClientOverrideConfiguration wrapped;

            @Override
            public void configureClient(SdkServiceClientConfiguration.Builder config) {
                ClientOverrideConfiguration override = wrapped;
                if (override == null) {
                    ClientOverrideConfiguration client = config.overrideConfiguration();
                    override = client.retryStrategy().filter(strategy -> !(strategy instanceof ThrottlingNotRetried))
                            .map(strategy -> client.toBuilder().retryStrategy(new ThrottlingNotRetried(strategy))
                                    .build())
                            .orElse(client);
                    wrapped = override;
                }
                config.overrideConfiguration(override);
            }
        };
    }

    /**
     * Whether DynamoDB throttled the request because of its partition key's rate, which pacing the key helps;
     * throttling for the table's or the account's capacity, or without a reason, is left to the SDK's retries.
     */
    static boolean isKeyThrottled(Throwable failure) {
        List<ThrottlingReason> reasons = failure instanceof ProvisionedThroughputExceededException exceeded
                ? exceeded.throttlingReasons()
                : failure instanceof ThrottlingException throttling ? throttling.throttlingReasons() : List.of();
        return reasons.stream().anyMatch(reason -> reason.reason() != null
                && reason.reason().endsWith(KEY_RANGE_LIMIT));
    }

    @Override
    public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
        return delegate.acquireInitialToken(request);
    }

    @Override
    public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
        if (isKeyThrottled(request.failure())) {
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
