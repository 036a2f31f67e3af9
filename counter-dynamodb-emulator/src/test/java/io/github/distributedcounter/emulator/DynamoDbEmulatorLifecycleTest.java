package io.github.distributedcounter.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Starting, stopping and reaching the engine: what the project's tests, embedded mode and benchmark rely on. */
class DynamoDbEmulatorLifecycleTest {

    @Test
    void servesRequestsOnALoopbackEndpointAndSharesOneDatabaseAcrossCredentialsAndRegions() {
        try (DynamoDbEmulator emulator = DynamoDbEmulator.start();
                DynamoDbClient client = emulator.createClient()) {
            assertThat(emulator.isRunning()).isTrue();
            assertThat(emulator.endpoint()).isEqualTo(URI.create("http://127.0.0.1:" + emulator.port()));
            client.createTable(b -> b.tableName("shared").billingMode("PAY_PER_REQUEST")
                    .keySchema(k -> k.attributeName("key").keyType("HASH"))
                    .attributeDefinitions(a -> a.attributeName("key").attributeType("S")));
            try (DynamoDbClient other = DynamoDbClient.builder().endpointOverride(emulator.endpoint())
                    .region(Region.EU_WEST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("other", "other")))
                    .build()) {
                assertThat(other.listTables().tableNames()).containsExactly("shared");
            }
        }
    }

    @Test
    void listensOnLoopbackOnly() throws IOException {
        List<Path> tables = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
        assumeTrue(tables.stream().allMatch(Files::isReadable), "needs Linux /proc/net/tcp and tcp6");
        try (DynamoDbEmulator emulator = DynamoDbEmulator.start()) {
            String port = String.format(Locale.ROOT, ":%04X", emulator.port());
            List<String> listening = new ArrayList<>();
            for (Path table : tables) {
                Files.readAllLines(table).stream().skip(1).map(line -> line.trim().split("\\s+"))
                        .filter(fields -> fields[1].endsWith(port) && fields[3].equals("0A"))
                        .forEach(fields -> listening.add(fields[1].substring(0, fields[1].indexOf(':'))));
            }
            assertThat(listening).isNotEmpty().allSatisfy(address -> assertThat(address)
                    .as("IPv4 127.0.0.1, or it mapped into IPv6").isIn("0100007F", "0000000000000000FFFF00000100007F"));
        }
    }

    @Test
    void closeStopsTheEngine() throws IOException {
        DynamoDbEmulator emulator = DynamoDbEmulator.start();
        int port = emulator.port();
        emulator.close();
        assertThat(emulator.isRunning()).isFalse();
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1", port), 1000))
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void startsOnAGivenPortAndRejectsABadOne() {
        try (DynamoDbEmulator first = DynamoDbEmulator.start()) {
            assertThatThrownBy(() -> DynamoDbEmulator.start(first.port()))
                    .isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessage("Could not start the DynamoDB emulator on loopback port " + first.port());
        }
        assertThatThrownBy(() -> DynamoDbEmulator.start(70000))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be between 0 and 65535, was 70000");
    }
}
