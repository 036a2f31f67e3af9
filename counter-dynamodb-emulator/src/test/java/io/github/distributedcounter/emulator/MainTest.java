package io.github.distributedcounter.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The engine as its own process: the options other tools start it with. */
class MainTest {

    @Test
    void rejectsUnknownOptionsAndMissingNumbers() {
        assertThatThrownBy(() -> Main.parse(new String[] {"--verbose"}))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("unknown option: --verbose");
        assertThatThrownBy(() -> Main.parse(new String[] {"--port"}))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("--port needs a number");
        assertThatThrownBy(() -> Main.parse(new String[] {"--latency-ms", "four"}))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("--latency-ms needs a number, was four");
        assertThatThrownBy(() -> Main.parse(new String[] {"--port", "70000"}))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be between 0 and 65535, was 70000");
    }

    @Test
    void servesFromItsOwnProcessUntilStopped() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--port", "0", "--aws-limits", "--latency-ms", "2").redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(line).startsWith("endpoint=http://127.0.0.1:");
            URI endpoint = URI.create(line.substring("endpoint=".length()));
            try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(endpoint)
                    .region(DynamoDbEmulator.REGION).credentialsProvider(DynamoDbEmulator.credentialsProvider())
                    .build()) {
                assertThat(client.listTables().tableNames()).isEmpty();
            }
        } finally {
            process.destroy();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
