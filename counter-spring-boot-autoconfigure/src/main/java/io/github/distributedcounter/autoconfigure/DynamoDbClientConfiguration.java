package io.github.distributedcounter.autoconfigure;

import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import io.github.distributedcounter.CounterObserver;
import io.github.distributedcounter.DistributedCounter;
import io.github.distributedcounter.DynamoDbDistributedCounter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Where the application has no {@link DynamoDbClient} bean: one built from the {@link DynamoDbConnectionDetails}
 * and the {@code distributed-counter.*} properties, then the {@link DistributedCounterDynamoDbClientCustomizer}
 * beans, and the counter on it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean({DistributedCounter.class, DynamoDbClient.class})
class DynamoDbClientConfiguration {

    static final String EMULATOR_CLASS = "io.github.distributedcounter.emulator.DynamoDbEmulator";

    private static final String EMBEDDED_WITHOUT_EMULATOR = "the embedded DynamoDB emulator is not on the "
            + "classpath, so the counter would use the AWS endpoint and credentials instead. Add the dependency "
            + "io.github.distributedcounter:counter-dynamodb-emulator, or remove this property to use DynamoDB at "
            + "distributed-counter.endpoint or in the AWS region";

    @Bean
    @ConditionalOnMissingBean(DynamoDbConnectionDetails.class)
    DynamoDbConnectionDetails distributedCounterConnectionDetails(DistributedCounterProperties properties,
            ObjectProvider<AwsRegionProvider> regionProvider,
            ObjectProvider<AwsCredentialsProvider> credentialsProvider) {
        return new PropertiesDynamoDbConnectionDetails(properties, regionProvider.getIfUnique(),
                credentialsProvider.getIfUnique());
    }

    @Bean(destroyMethod = "close")
    DynamoDbClient dynamoDbClient(DynamoDbConnectionDetails connection, DistributedCounterProperties properties,
            ObjectProvider<DistributedCounterDynamoDbClientCustomizer> customizers, ApplicationContext context) {
        if (properties.getEmbedded().isEnabled() && !ClassUtils.isPresent(EMULATOR_CLASS, context.getClassLoader())) {
            // embedded mode supplies its own connection details; without the engine they would silently be AWS's
            throw new InvalidConfigurationPropertyValueException("distributed-counter.embedded.enabled", true,
                    EMBEDDED_WITHOUT_EMULATOR);
        }
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
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
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
    DynamoDbDistributedCounter distributedCounter(DynamoDbClient dynamoDbClient,
            ObjectProvider<CounterObserver> observer, DistributedCounterProperties properties,
            ObjectProvider<DistributedCounterBuilderCustomizer> customizers) {
        return DistributedCounterAutoConfiguration.counter(dynamoDbClient,
                observer.getIfAvailable(() -> CounterObserver.NONE), properties, customizers);
    }

    /** Spring Cloud AWS's {@link AwsConnectionDetails}, in place of the properties' endpoint, region and keys. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.awspring.cloud.autoconfigure.core.AwsConnectionDetails")
    @ConditionalOnBean(type = "io.awspring.cloud.autoconfigure.core.AwsConnectionDetails")
    static class SpringCloudAwsConnectionConfiguration {

        @Bean
        @ConditionalOnMissingBean(DynamoDbConnectionDetails.class)
        DynamoDbConnectionDetails springCloudAwsDynamoDbConnectionDetails(AwsConnectionDetails connection,
                DistributedCounterProperties properties, ObjectProvider<AwsRegionProvider> regionProvider,
                ObjectProvider<AwsCredentialsProvider> credentialsProvider) {
            return new AwsConnectionDynamoDbConnectionDetails(connection, new PropertiesDynamoDbConnectionDetails(
                    properties, regionProvider.getIfUnique(), credentialsProvider.getIfUnique()));
        }
    }
}
