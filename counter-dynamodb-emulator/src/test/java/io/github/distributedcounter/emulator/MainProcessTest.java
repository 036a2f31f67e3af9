package io.github.distributedcounter.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The engine as its own process, as the benchmark and external tools start it. */
class MainProcessTest {

    @Test
    void printsItsEndpointServesAndStopsWhenTheProcessIsStopped() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--port", "0", "--latency-ms", "1", "--aws-limits")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).matches("endpoint=http://127\\.0\\.0\\.1:\\d+");
            URI endpoint = URI.create(line.substring("endpoint=".length()));
            try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(endpoint)
                    .region(DynamoDbEmulator.REGION).credentialsProvider(DynamoDbEmulator.credentialsProvider())
                    .build()) {
                assertThat(client.listTables().tableNames()).isEmpty();
            }
            process.destroy();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s").isTrue();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void rejectsAnUnknownOption() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--persist").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("unknown option: --persist").contains("usage:");
    }
}
