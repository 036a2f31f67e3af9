package io.github.distributedcounter.autoconfigure;

import io.github.distributedcounter.CounterObserver;
import io.github.distributedcounter.DistributedCounter;
import io.github.distributedcounter.DynamoDbDistributedCounter;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The counter on the application's {@link DynamoDbClient} bean: Spring Cloud AWS's, or one it defines. Start-up
 * fails when a client setting of the counter's is also given, as it could not apply to that client.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(DistributedCounter.class)
@ConditionalOnBean(DynamoDbClient.class)
class ApplicationDynamoDbClientConfiguration {

    @Bean(destroyMethod = "close")
    DynamoDbDistributedCounter distributedCounter(ObjectProvider<DynamoDbClient> client,
            ObjectProvider<CounterObserver> observer, DistributedCounterProperties properties,
            ObjectProvider<DistributedCounterBuilderCustomizer> customizers, ListableBeanFactory beanFactory,
            Environment environment) {
        String[] clients = BeanFactoryUtils.beanNamesForTypeIncludingAncestors(beanFactory, DynamoDbClient.class);
        DynamoDbClient unique = uniqueClient(client, clients);
        PropertiesCheck.noClientProperties(properties, Binder.get(environment), quoted(clients));
        String[] details = beanFactory.getBeanNamesForType(DynamoDbConnectionDetails.class);
        if (details.length > 0) {
            throw new IllegalStateException("The distributed counter uses the application's DynamoDbClient (bean "
                    + quoted(clients) + "), so the DynamoDbConnectionDetails bean " + quoted(details)
                    + " cannot apply. Point that client at the same DynamoDB, or remove one of them");
        }
        return DistributedCounterAutoConfiguration.counter(unique,
                observer.getIfAvailable(() -> CounterObserver.NONE), properties, customizers);
    }

    /** The application's one {@code DynamoDbClient}, or its {@code @Primary} one where it has several. */
    private static DynamoDbClient uniqueClient(ObjectProvider<DynamoDbClient> client, String[] names) {
        DynamoDbClient unique = client.getIfUnique();
        if (unique != null) {
            return unique;
        }
        throw new IllegalStateException("The distributed counter needs one DynamoDbClient but found "
                + names.length + ": " + quoted(names) + ". Mark the one it should use @Primary, "
                + "or define your own DistributedCounter bean with DynamoDbDistributedCounter.builder()"
                + ".dynamoDbClient(...)");
    }

    private static String quoted(String[] names) {
        return "'" + String.join("', '", names) + "'";
    }
}
