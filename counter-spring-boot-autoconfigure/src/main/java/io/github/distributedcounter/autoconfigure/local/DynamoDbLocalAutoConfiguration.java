package io.github.distributedcounter.autoconfigure.local;

import io.github.distributedcounter.autoconfigure.DistributedCounterAutoConfiguration;
import io.github.distributedcounter.autoconfigure.DistributedCounterProperties;
import io.github.distributedcounter.autoconfigure.DynamoDbConnectionDetails;
import io.github.distributedcounter.local.DynamoDbLocalServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Starts Amazon DynamoDB Local in this JVM, on a loopback port, and points the counter at it, when
 * {@code distributed-counter.embedded.enabled=true} and {@code counter-dynamodb-local} is on the classpath.
 */
@AutoConfiguration(before = DistributedCounterAutoConfiguration.class)
@ConditionalOnClass(DynamoDbLocalServer.class)
@ConditionalOnBooleanProperty("distributed-counter.embedded.enabled")
@EnableConfigurationProperties(DistributedCounterProperties.class)
public class DynamoDbLocalAutoConfiguration {

    private static final Log logger = LogFactory.getLog(DynamoDbLocalAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    DynamoDbLocalServer dynamoDbLocalServer(DistributedCounterProperties properties) {
        DynamoDbLocalServer server = DynamoDbLocalServer.start(properties.getEmbedded().getPort());
        logger.info("Started embedded DynamoDB Local, in memory, at " + server.endpoint());
        return server;
    }

    @Bean
    @ConditionalOnMissingBean(DynamoDbConnectionDetails.class)
    DynamoDbConnectionDetails dynamoDbLocalConnectionDetails(DynamoDbLocalServer server) {
        return new DynamoDbLocalConnectionDetails(server);
    }
}
