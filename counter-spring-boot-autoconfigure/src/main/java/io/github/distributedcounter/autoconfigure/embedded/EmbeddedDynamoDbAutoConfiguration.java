package io.github.distributedcounter.autoconfigure.embedded;

import io.github.distributedcounter.autoconfigure.DistributedCounterAutoConfiguration;
import io.github.distributedcounter.autoconfigure.DistributedCounterProperties;
import io.github.distributedcounter.autoconfigure.DynamoDbConnectionDetails;
import io.github.distributedcounter.emulator.DynamoDbEmulator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Embedded mode: when {@code distributed-counter.embedded.enabled=true} and {@code counter-dynamodb-emulator} is
 * on the classpath, starts the project's DynamoDB emulator in this JVM — in memory, on a loopback port, nothing
 * on disk — and points the counter at it. The engine stops, and its data is gone, when the application context
 * closes. It is for development and tests, not a production store.
 */
@AutoConfiguration(before = DistributedCounterAutoConfiguration.class)
@ConditionalOnClass(DynamoDbEmulator.class)
@ConditionalOnBooleanProperty("distributed-counter.embedded.enabled")
@EnableConfigurationProperties(DistributedCounterProperties.class)
public class EmbeddedDynamoDbAutoConfiguration {

    private static final Log logger = LogFactory.getLog(EmbeddedDynamoDbAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    DynamoDbEmulator embeddedDynamoDb(DistributedCounterProperties properties) {
        DynamoDbEmulator emulator = DynamoDbEmulator.start(properties.getEmbedded().getPort());
        logger.info("Started the embedded DynamoDB emulator, in memory, at " + emulator.endpoint()
                + " (for development and tests; its data is gone when the application stops)");
        return emulator;
    }

    @Bean
    @ConditionalOnMissingBean(DynamoDbConnectionDetails.class)
    DynamoDbConnectionDetails embeddedDynamoDbConnectionDetails(DynamoDbEmulator emulator) {
        return new EmbeddedDynamoDbConnectionDetails(emulator);
    }
}
