package io.github.distributedcounter.autoconfigure;

import io.github.distributedcounter.CounterObserver;
import io.github.distributedcounter.DistributedCounter;
import io.github.distributedcounter.DynamoDbDistributedCounter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@link DistributedCounter} bean on DynamoDB, on the application's {@link DynamoDbClient} bean (Spring Cloud
 * AWS's, or its own) or, where it has none, on one built from the {@code distributed-counter.*} properties. Runs
 * after Spring Cloud AWS's DynamoDB, region and credentials auto-configurations, without depending on them.
 */
@AutoConfiguration(afterName = {"io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration",
        "io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration",
        "io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration"})
@ConditionalOnClass({DynamoDbDistributedCounter.class, DynamoDbClient.class})
@EnableConfigurationProperties(DistributedCounterProperties.class)
// in this order: the application's client is looked for before one is built
@Import({ApplicationDynamoDbClientConfiguration.class, DynamoDbClientConfiguration.class})
public class DistributedCounterAutoConfiguration {

    /** The counter on {@code client}, from the properties, which are checked first, then the customizers. */
    static DynamoDbDistributedCounter counter(DynamoDbClient client, CounterObserver observer,
            DistributedCounterProperties properties, ObjectProvider<DistributedCounterBuilderCustomizer> customizers) {
        PropertiesCheck.counter(properties);
        DynamoDbDistributedCounter.Builder builder = DynamoDbDistributedCounter.builder()
                .dynamoDbClient(client)
                .tableName(properties.getTable())
                .keyAttribute(properties.getKeyAttribute())
                .valueAttribute(properties.getValueAttribute())
                .coalescing(properties.isCoalescing())
                .exactlyOnce(properties.isExactlyOnce())
                .exactlyOnceRetention(properties.getExactlyOnceRetention())
                .outcomeResolutionTimeout(properties.getOutcomeResolutionTimeout())
                .maxBatchSize(properties.getMaxBatchSize())
                .paceThrottledKeys(properties.isPaceThrottledKeys())
                .tableActiveTimeout(properties.getTableActiveTimeout())
                .observer(observer);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        DynamoDbDistributedCounter counter = builder.build();
        if (properties.isCreateTable()) {
            counter.createTable();
        }
        return counter;
    }
}
