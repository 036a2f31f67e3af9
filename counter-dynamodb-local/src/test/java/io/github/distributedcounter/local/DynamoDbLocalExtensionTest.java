package io.github.distributedcounter.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@DynamoDbLocalTest
class DynamoDbLocalExtensionTest {

    private final DynamoDbLocalServer serverFromConstructor;

    DynamoDbLocalExtensionTest(DynamoDbLocalServer server) {
        this.serverFromConstructor = server;
    }

    @Test
    void resolvesOneServerItsEndpointAndAClient(DynamoDbLocalServer server, URI endpoint, DynamoDbClient client) {
        assertThat(server).isSameAs(serverFromConstructor);
        assertThat(server.isRunning()).isTrue();
        assertThat(endpoint).isEqualTo(server.endpoint());
        assertThat(client.listTables().tableNames()).isNotNull();
    }
}
