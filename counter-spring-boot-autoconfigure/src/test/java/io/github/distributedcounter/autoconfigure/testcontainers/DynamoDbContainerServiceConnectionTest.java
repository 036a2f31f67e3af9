package io.github.distributedcounter.autoconfigure.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.distributedcounter.DistributedCounter;
import io.github.distributedcounter.autoconfigure.DistributedCounterAutoConfiguration;
import io.github.distributedcounter.autoconfigure.DynamoDbConnectionDetails;
import io.github.distributedcounter.emulator.DynamoDbEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Configuration;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.SocatContainer;
import org.testcontainers.junit.jupiter.Container;

/**
 * A container that is not a DynamoDB image, named {@code dynamodb} by {@code @ServiceConnection}, is where the
 * counter goes: a plain TCP forwarder (socat) in front of the project's DynamoDB emulator on the host's loopback.
 * Runs only where Docker is available; skipped otherwise.
 */
@org.testcontainers.junit.jupiter.Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = {"distributed-counter.table=containers", "distributed-counter.create-table=true"})
class DynamoDbContainerServiceConnectionTest {

    private static final DynamoDbEmulator emulator = DynamoDbEmulator.start();

    @Container
    @ServiceConnection(name = "dynamodb")
    static final HostForwarder dynamoDb = new HostForwarder(emulator.port());

    @Autowired
    private DistributedCounter counter;

    @Autowired
    private DynamoDbConnectionDetails connection;

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Test
    void countsThroughTheContainer() {
        assertThat(connection.getEndpoint().getPort()).isEqualTo(dynamoDb.getMappedPort(8000));
        assertThat(counter.increment("k", 1, 41)).isEqualTo(42);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(DistributedCounterAutoConfiguration.class)
    static class Config {
    }

    /** Forwards the container's port 8000 to a port on the host's loopback. */
    static final class HostForwarder extends SocatContainer {

        private final int hostPort;

        HostForwarder(int hostPort) {
            this.hostPort = hostPort;
            withAccessToHost(true);
            withTarget(8000, GenericContainer.INTERNAL_HOST_HOSTNAME, hostPort);
        }

        @Override
        public void start() {
            Testcontainers.exposeHostPorts(hostPort);
            super.start();
        }
    }
}
