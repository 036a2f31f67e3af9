package io.github.distributedcounter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingReason;

/**
 * Which throttling the counter paces: only a key's own rate, named by DynamoDB's throttling reasons
 * ({@code ResourceType + OperationType + LimitType}, see the API reference's ThrottlingReason).
 */
class ThrottlingNotRetriedTest {

    private static ThrottlingReason reason(String reason) {
        return ThrottlingReason.builder().reason(reason)
                .resource("arn:aws:dynamodb:us-east-1:000000000000:table/counters").build();
    }

    @Test
    void aKeyRangeReasonIsTheKeysOwnRate() {
        assertThat(ThrottlingNotRetried.isKeyThrottled(ThrottlingException.builder()
                .throttlingReasons(reason("TableWriteKeyRangeThroughputExceeded")).build())).isTrue();
        assertThat(ThrottlingNotRetried.isKeyThrottled(ProvisionedThroughputExceededException.builder()
                .throttlingReasons(reason("TableWriteProvisionedThroughputExceeded"),
                        reason("TableWriteKeyRangeThroughputExceeded")).build())).isTrue();
    }

    @Test
    void theTablesOrAccountsCapacityOrNoReasonIsNot() {
        assertThat(ThrottlingNotRetried.isKeyThrottled(ProvisionedThroughputExceededException.builder()
                .throttlingReasons(reason("TableWriteProvisionedThroughputExceeded")).build())).isFalse();
        assertThat(ThrottlingNotRetried.isKeyThrottled(ThrottlingException.builder()
                .throttlingReasons(reason("TableWriteMaxOnDemandThroughputExceeded")).build())).isFalse();
        assertThat(ThrottlingNotRetried.isKeyThrottled(ThrottlingException.builder()
                .throttlingReasons(reason("TableWriteAccountLimitExceeded")).build())).isFalse();
        assertThat(ThrottlingNotRetried.isKeyThrottled(ProvisionedThroughputExceededException.builder()
                .message("Throughput exceeds the current capacity of your table or index.").build())).isFalse();
        assertThat(ThrottlingNotRetried.isKeyThrottled(RequestLimitExceededException.builder().build())).isFalse();
        assertThat(ThrottlingNotRetried.isKeyThrottled(new IllegalStateException())).isFalse();
    }
}
