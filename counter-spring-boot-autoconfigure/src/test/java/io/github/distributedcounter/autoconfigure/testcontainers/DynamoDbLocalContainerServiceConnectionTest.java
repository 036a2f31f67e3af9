package io.github.distributedcounter.autoconfigure.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.distributedcounter.DistributedCounter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Configuration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Runs only where Docker is available; skipped otherwise. */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = {"distributed-counter.table=containers", "distributed-counter.create-table=true"})
class DynamoDbLocalContainerServiceConnectionTest {

    @Container
    @ServiceConnection
    static final GenericContainer<?> dynamoDb = new GenericContainer<>("amazon/dynamodb-local:3.3.1")
            .withCommand("-jar", "DynamoDBLocal.jar", "-inMemory", "-sharedDb", "-disableTelemetry")
            .withExposedPorts(DynamoDbLocalContainerConnectionDetailsFactory.PORT);

    @Autowired
    private DistributedCounter counter;

    @Test
    void countsInTheContainer() {
        assertThat(counter.increment("k", 1, 41)).isEqualTo(42);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(io.github.distributedcounter.autoconfigure.DistributedCounterAutoConfiguration.class)
    static class Config {
    }
}
