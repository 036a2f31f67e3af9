package io.github.distributedcounter.autoconfigure;

import io.github.distributedcounter.CounterObserver;
import io.github.distributedcounter.DistributedCounter;
import io.github.distributedcounter.DynamoDbDistributedCounter;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The {@link DistributedCounter} bean on DynamoDB, and a {@link DynamoDbClient} where the application has none.
 */
@AutoConfiguration
@ConditionalOnClass({DynamoDbDistributedCounter.class, DynamoDbClient.class})
@EnableConfigurationProperties(DistributedCounterProperties.class)
public class DistributedCounterAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(DistributedCounter.class)
    static class DynamoDbCounterConfiguration {

        static final String EMULATOR_CLASS = "io.github.distributedcounter.emulator.DynamoDbEmulator";

        static final String EMBEDDED_WITHOUT_EMULATOR = "the embedded DynamoDB emulator is not on the classpath, so "
                + "the counter would use the AWS endpoint and credentials instead. Add the dependency "
                + "io.github.distributedcounter:counter-dynamodb-emulator, or remove this property to use DynamoDB at "
                + "distributed-counter.endpoint or in the AWS region";

        @Bean
        @ConditionalOnMissingBean(DynamoDbConnectionDetails.class)
        DynamoDbConnectionDetails distributedCounterConnectionDetails(DistributedCounterProperties properties,
                ApplicationContext context) {
            if (properties.getEmbedded().isEnabled()
                    && !ClassUtils.isPresent(EMULATOR_CLASS, context.getClassLoader())) {
                // embedded mode supplies its own connection details; without the engine they would silently be AWS's
                throw new InvalidConfigurationPropertyValueException("distributed-counter.embedded.enabled", true,
                        EMBEDDED_WITHOUT_EMULATOR);
            }
            return new PropertiesDynamoDbConnectionDetails(properties);
        }

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        DynamoDbClient dynamoDbClient(DynamoDbConnectionDetails connection, DistributedCounterProperties properties) {
            PropertiesCheck.client(properties);
            DynamoDbClientBuilder builder = DynamoDbClient.builder()
                    .httpClientBuilder(ApacheHttpClient.builder().maxConnections(properties.getMaxConnections()))
                    .overrideConfiguration(o -> o.apiCallAttemptTimeout(properties.getApiCallAttemptTimeout())
                            .apiCallTimeout(properties.getApiCallTimeout())
                            .retryStrategy(retryStrategy(properties.getRetry())));
            PropertyMapper map = PropertyMapper.get();
            map.from(connection.getEndpoint()).to(builder::endpointOverride);
            map.from(connection.getRegion()).to(builder::region);
            map.from(connection.getCredentialsProvider()).to(builder::credentialsProvider);
            return builder.build();
        }

        private static RetryStrategy retryStrategy(DistributedCounterProperties.Retry retry) {
            return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                    .maxAttempts(retry.getMaxAttempts())
                    .backoffStrategy(BackoffStrategy.exponentialDelay(retry.getBaseDelay(), retry.getMaxDelay()))
                    .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(retry.getThrottlingBaseDelay(),
                            retry.getMaxDelay()))
                    .build();
        }

        @Bean(destroyMethod = "close")
        DynamoDbDistributedCounter distributedCounter(ObjectProvider<DynamoDbClient> client,
                ObjectProvider<CounterObserver> observer, DistributedCounterProperties properties,
                ObjectProvider<DistributedCounterBuilderCustomizer> customizers, ListableBeanFactory beanFactory) {
            if (!StringUtils.hasText(properties.getTable())) {
                throw new MissingTablePropertyException();
            }
            PropertiesCheck.counter(properties);
            DynamoDbDistributedCounter.Builder builder = DynamoDbDistributedCounter.builder()
                    .dynamoDbClient(uniqueClient(client, beanFactory))
                    .tableName(properties.getTable())
                    .keyAttribute(properties.getKeyAttribute())
                    .valueAttribute(properties.getValueAttribute())
                    .coalescing(properties.isCoalescing())
                    .exactlyOnce(properties.isExactlyOnce())
                    .exactlyOnceRetention(properties.getExactlyOnceRetention())
                    .outcomeResolutionTimeout(properties.getOutcomeResolutionTimeout())
                    .maxBatchSize(properties.getMaxBatchSize())
                    .tableActiveTimeout(properties.getTableActiveTimeout())
                    .observer(observer.getIfAvailable(() -> CounterObserver.NONE));
            customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
            DynamoDbDistributedCounter counter = builder.build();
            if (properties.isCreateTable()) {
                counter.createTable();
            }
            return counter;
        }

        /** The application's one {@code DynamoDbClient}, or its {@code @Primary} one where it has several. */
        private static DynamoDbClient uniqueClient(ObjectProvider<DynamoDbClient> client,
                ListableBeanFactory beanFactory) {
            DynamoDbClient unique = client.getIfUnique();
            if (unique != null) {
                return unique;
            }
            String[] names = BeanFactoryUtils.beanNamesForTypeIncludingAncestors(beanFactory, DynamoDbClient.class);
            if (names.length == 0) {
                return client.getObject(); // no client at all: the container's own explanation
            }
            throw new IllegalStateException("The distributed counter needs one DynamoDbClient but found "
                    + names.length + ": '" + String.join("', '", names) + "'. Mark the one it should use @Primary, "
                    + "or define your own DistributedCounter bean with DynamoDbDistributedCounter.builder()"
                    + ".dynamoDbClient(...)");
        }
    }
}
