package io.github.distributedcounter.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@DynamoDbEmulatorTest
class DynamoDbEmulatorExtensionTest {

    private final DynamoDbEmulator emulatorFromConstructor;

    DynamoDbEmulatorExtensionTest(DynamoDbEmulator emulator) {
        this.emulatorFromConstructor = emulator;
    }

    @Test
    void resolvesOneEngineItsEndpointAndClients(DynamoDbEmulator emulator, URI endpoint, DynamoDbClient client,
            DynamoDbAsyncClient asyncClient) {
        assertThat(emulator).isSameAs(emulatorFromConstructor);
        assertThat(emulator.isRunning()).isTrue();
        assertThat(endpoint).isEqualTo(emulator.endpoint());
        assertThat(client.listTables().tableNames()).isNotNull();
        assertThat(asyncClient.listTables().join().tableNames()).isNotNull();
    }
}
