package io.github.distributedcounter.autoconfigure;

import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Customizes the {@code DynamoDbClient} that the auto-configuration builds for the counter, after the
 * {@code distributed-counter.*} properties and the connection details are applied, so what it sets wins. Beans of
 * this type are applied in {@code @Order}. They do not apply to a {@code DynamoDbClient} bean of the application
 * (Spring Cloud AWS's included), which the counter uses as it is. To keep the counter's timeouts and retry
 * strategy while changing the override configuration, start from the builder's:
 * {@code builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()...build())}.
 */
@FunctionalInterface
public interface DistributedCounterDynamoDbClientCustomizer {

    /** Customizes the builder of the counter's client. */
    void customize(DynamoDbClientBuilder builder);
}
