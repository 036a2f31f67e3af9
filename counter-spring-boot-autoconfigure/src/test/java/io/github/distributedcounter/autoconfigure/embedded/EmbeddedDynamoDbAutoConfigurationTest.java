package io.github.distributedcounter.autoconfigure.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.distributedcounter.DistributedCounter;
import io.github.distributedcounter.autoconfigure.DistributedCounterAutoConfiguration;
import io.github.distributedcounter.autoconfigure.DynamoDbConnectionDetails;
import io.github.distributedcounter.emulator.DynamoDbEmulator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

class EmbeddedDynamoDbAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddedDynamoDbAutoConfiguration.class,
                    DistributedCounterAutoConfiguration.class))
            .withPropertyValues("distributed-counter.table=embedded", "distributed-counter.create-table=true");

    @Test
    void startsTheEmulatorOnLoopbackAndPointsTheCounterAtIt() {
        runner.withPropertyValues("distributed-counter.embedded.enabled=true").run(context -> {
            DynamoDbEmulator emulator = context.getBean(DynamoDbEmulator.class);
            assertThat(emulator.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(context.getBean(DynamoDbConnectionDetails.class).getEndpoint()).isEqualTo(emulator.endpoint());
            DistributedCounter counter = context.getBean(DistributedCounter.class);
            assertThat(counter.increment("k", 2, 40)).isEqualTo(42);
            try (var client = emulator.createClient()) {
                assertThat(client.listTables().tableNames()).contains("embedded");
            }
        });
    }

    @Test
    void listensOnTheConfiguredPortOnLoopbackOnly() throws IOException {
        List<Path> tables = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
        assumeTrue(tables.stream().allMatch(Files::isReadable), "needs Linux /proc/net/tcp and tcp6");
        int port = freePort();
        runner.withPropertyValues("distributed-counter.embedded.enabled=true",
                "distributed-counter.embedded.port=" + port).run(context -> {
                    assertThat(context.getBean(DynamoDbEmulator.class).port()).isEqualTo(port);
                    String hexPort = String.format(Locale.ROOT, ":%04X", port);
                    List<String> listening = new ArrayList<>();
                    for (Path table : tables) {
                        Files.readAllLines(table).stream().skip(1).map(line -> line.trim().split("\\s+"))
                                .filter(fields -> fields[1].endsWith(hexPort) && fields[3].equals("0A"))
                                .forEach(fields -> listening.add(fields[1].substring(0, fields[1].indexOf(':'))));
                    }
                    assertThat(listening).isNotEmpty().allSatisfy(address -> assertThat(address)
                            .as("IPv4 127.0.0.1, or it mapped into IPv6")
                            .isIn("0100007F", "0000000000000000FFFF00000100007F"));
                });
    }

    @Test
    void stopsTheEmulatorWithTheContext() throws IOException {
        DynamoDbEmulator[] emulator = new DynamoDbEmulator[1];
        runner.withPropertyValues("distributed-counter.embedded.enabled=true")
                .run(context -> emulator[0] = context.getBean(DynamoDbEmulator.class));
        assertThat(emulator[0].isRunning()).isFalse();
        try (Socket socket = new Socket()) {
            assertThat(connects(socket, emulator[0].port())).as("port still open").isFalse();
        }
    }

    @Test
    void leavesNoFilesBehind() throws IOException {
        Set<Path> before = filesIn(Path.of("").toAbsolutePath());
        runner.withPropertyValues("distributed-counter.embedded.enabled=true")
                .run(context -> context.getBean(DistributedCounter.class).put("k", 1));
        assertThat(filesIn(Path.of("").toAbsolutePath())).isEqualTo(before);
    }

    @Test
    void offByDefault() {
        runner.withPropertyValues("distributed-counter.endpoint=http://127.0.0.1:1",
                "distributed-counter.create-table=false")
                .run(context -> assertThat(context).doesNotHaveBean(DynamoDbEmulator.class));
    }

    @Test
    void enabledWithoutTheEmulatorOnTheClasspathFailsStartUpNamingTheProperty() {
        runner.withPropertyValues("distributed-counter.embedded.enabled=true", "distributed-counter.create-table=false",
                "distributed-counter.region=eu-west-1")
                .withClassLoader(new FilteredClassLoader(DynamoDbEmulator.class))
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable failure = context.getStartupFailure();
                    assertThat(failure).rootCause()
                            .isExactlyInstanceOf(InvalidConfigurationPropertyValueException.class);
                    InvalidConfigurationPropertyValueException invalid =
                            (InvalidConfigurationPropertyValueException) NestedExceptionUtils.getRootCause(failure);
                    assertThat(invalid.getName()).isEqualTo("distributed-counter.embedded.enabled");
                    assertThat(invalid.getValue()).isEqualTo(true);
                    assertThat(invalid.getReason()).isEqualTo("the embedded DynamoDB emulator is not on the "
                            + "classpath, so the counter would use the AWS endpoint and credentials instead. Add the "
                            + "dependency io.github.distributedcounter:counter-dynamodb-emulator, or remove this "
                            + "property to use DynamoDB at distributed-counter.endpoint or in the AWS region");
                });
    }

    @Test
    void disabledWithoutTheEmulatorOnTheClasspathIsFine() {
        runner.withPropertyValues("distributed-counter.create-table=false",
                "distributed-counter.endpoint=http://127.0.0.1:1")
                .withClassLoader(new FilteredClassLoader(DynamoDbEmulator.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("embeddedDynamoDb"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean connects(Socket socket, int port) throws IOException {
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (ConnectException e) {
            return false;
        }
    }

    /** The files directly in {@code directory} and in its subdirectories other than the build output. */
    private static Set<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(path -> !path.startsWith(directory.resolve("target"))).collect(Collectors.toSet());
        }
    }
}
