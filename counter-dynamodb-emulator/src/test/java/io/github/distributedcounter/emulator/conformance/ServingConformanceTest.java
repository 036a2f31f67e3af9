package io.github.distributedcounter.emulator.conformance;

import static io.github.distributedcounter.emulator.conformance.Conformance.get;
import static io.github.distributedcounter.emulator.conformance.Conformance.item;
import static io.github.distributedcounter.emulator.conformance.Conformance.n;
import static io.github.distributedcounter.emulator.conformance.Conformance.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.github.distributedcounter.emulator.DynamoDbEmulator;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * How the engine serves: on the loopback interface only, one database for every credential and region, its port
 * freed by {@code close()}, and a clear failure when the port asked for is taken. These are the engine's own
 * promises for a test double (DynamoDB itself is a regional, per-account service reached over HTTPS); the test API
 * is {@link DynamoDbEmulator}.
 *
 * <p>The listening sockets are read from {@code /proc/net/tcp} and {@code /proc/net/tcp6}, as described in the Linux
 * manual page <a href="https://man7.org/linux/man-pages/man5/proc_pid_net.5.html">proc_pid_net(5)</a> (local
 * address in hexadecimal, state {@code 0A} for LISTEN).
 */
@DynamoDbEmulatorTest
class ServingConformanceTest {

    private static final String LISTEN = "0A";
    private static final String IPV4_LOOPBACK = "0100007F";
    private static final String IPV4_MAPPED_LOOPBACK = "0000000000000000FFFF00000100007F";

    @Test
    void theSharedEngineIsRunningOnItsLoopbackEndpoint(DynamoDbEmulator emulator, URI endpoint) {
        assertThat(emulator.isRunning()).isTrue();
        assertThat(emulator.endpoint()).isEqualTo(endpoint);
        assertThat(endpoint.getScheme()).isEqualTo("http");
        assertThat(endpoint.getPort()).isEqualTo(emulator.port());
        assertThat(endpoint.getHost()).isIn("127.0.0.1", "localhost");
    }

    @Test
    void listensOnTheLoopbackAddressOnly() throws IOException {
        try (DynamoDbEmulator emulator = DynamoDbEmulator.start()) {
            List<String> addresses = listeningAddresses(emulator.port());
            assertThat(addresses).as("listening sockets of port " + emulator.port()).isNotEmpty();
            assertThat(addresses).allSatisfy(address -> assertThat(address).isIn(IPV4_LOOPBACK, IPV4_MAPPED_LOOPBACK));
        }
    }

    @Test
    void everyCredentialAndRegionSeesTheSameDatabase(DynamoDbEmulator emulator) {
        String table;
        try (DynamoDbClient first = client(emulator.endpoint(), Region.US_EAST_1, "AKIDFIRST", "first-secret");
                DynamoDbClient second = client(emulator.endpoint(), Region.EU_WEST_1, "AKIDSECOND", "second-secret");
                DynamoDbClient third = client(emulator.endpoint(), Region.AP_SOUTHEAST_2, "x", "y")) {
            table = Conformance.hashTable(first, "serving");
            first.putItem(r -> r.tableName(table).item(item("pk", s("shared"), "v", n("1"))));
            assertThat(get(second, table, item("pk", s("shared")))).isEqualTo(item("pk", s("shared"), "v", n("1")));
            second.updateItem(r -> r.tableName(table).key(item("pk", s("shared"))).updateExpression("ADD v :one")
                    .expressionAttributeValues(item(":one", n("1"))));
            assertThat(get(third, table, item("pk", s("shared")))).isEqualTo(item("pk", s("shared"), "v", n("2")));
            assertThat(third.listTables().tableNames()).contains(table);
        }
        try (DynamoDbClient own = emulator.createClient()) {
            assertThat(get(own, table, item("pk", s("shared")))).isEqualTo(item("pk", s("shared"), "v", n("2")));
        }
    }

    @Test
    void closeFreesThePortAndStopsServing() throws IOException {
        DynamoDbEmulator emulator = DynamoDbEmulator.start();
        int port = emulator.port();
        DynamoDbClient client = emulator.createClient();
        assertThat(client.listTables().tableNames()).isNotNull();
        emulator.close();
        assertThat(emulator.isRunning()).isFalse();
        assertThatThrownBy(client::listTables).isInstanceOf(SdkClientException.class);
        client.close();
        assertThat(listeningAddresses(port)).isEmpty();
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
        try (DynamoDbEmulator again = DynamoDbEmulator.start(port)) {
            assertThat(again.port()).isEqualTo(port);
            try (DynamoDbClient fresh = again.createClient()) {
                assertThat(fresh.listTables().tableNames()).isEmpty();
            }
        }
    }

    @Test
    void startingOnATakenPortFailsWithIllegalStateException() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertThatThrownBy(() -> DynamoDbEmulator.start(taken.getLocalPort()))
                    .isExactlyInstanceOf(IllegalStateException.class);
        }
        try (DynamoDbEmulator running = DynamoDbEmulator.start()) {
            assertThatThrownBy(() -> DynamoDbEmulator.start(running.port()))
                    .isExactlyInstanceOf(IllegalStateException.class);
            assertThat(running.isRunning()).isTrue();
            try (DynamoDbClient client = running.createClient()) {
                assertThat(client.listTables().tableNames()).isEmpty();
            }
        }
    }

    @Test
    void aStartedEngineIsEmptyAndIndependentOfTheSharedOne(DynamoDbClient shared) {
        String table = Conformance.hashTable(shared, "serving");
        try (DynamoDbEmulator own = DynamoDbEmulator.start(); DynamoDbClient client = own.createClient()) {
            assertThat(client.listTables().tableNames()).doesNotContain(table);
            assertThat(own.endpoint().getPort()).isEqualTo(own.port());
        }
    }

    /** The local addresses (hex, as in /proc/net) of the LISTEN sockets on the port, over IPv4 and IPv6. */
    private static List<String> listeningAddresses(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        List<String> addresses = new ArrayList<>();
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(file);
            if (!Files.exists(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (local[1].equalsIgnoreCase(hexPort) && fields[3].equalsIgnoreCase(LISTEN)) {
                    addresses.add(local[0].toUpperCase(Locale.ROOT));
                }
            }
        }
        return addresses;
    }

    private static DynamoDbClient client(URI endpoint, Region region, String accessKey, String secretKey) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
    }
}
