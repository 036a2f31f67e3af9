package io.github.distributedcounter.autoconfigure;

import io.github.distributedcounter.DynamoDbDistributedCounter;

/**
 * Customizes the {@link DynamoDbDistributedCounter.Builder} of the auto-configured counter after the
 * {@code distributed-counter.*} properties are applied and before the counter is built; beans of this type are
 * applied in their {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface DistributedCounterBuilderCustomizer {

    void customize(DynamoDbDistributedCounter.Builder builder);
}
