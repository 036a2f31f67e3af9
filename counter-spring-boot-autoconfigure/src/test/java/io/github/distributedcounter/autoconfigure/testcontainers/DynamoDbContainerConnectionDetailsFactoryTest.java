package io.github.distributedcounter.autoconfigure.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/** The factory is where Spring Boot looks for it; needs no Docker. */
class DynamoDbContainerConnectionDetailsFactoryTest {

    @Test
    void isRegisteredForServiceConnections() {
        // other modules' factories on this classpath may need classes that are absent here: ignored
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(ConnectionDetailsFactory.class,
                FailureHandler.handleMessage((message, failure) -> { })))
                .hasAtLeastOneElementOfType(DynamoDbContainerConnectionDetailsFactory.class);
    }
}
