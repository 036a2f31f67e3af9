package io.github.distributedcounter.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.distributedcounter.emulator.DynamoDbEmulator;
import io.github.distributedcounter.emulator.Main;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The project's DynamoDB emulator in its own JVM on a loopback port, so that the engine's work is not counted
 * against the client under test. Started through the engine's command line ({@link Main}) with this JVM's
 * classpath; {@link #close()} stops it like any process (SIGTERM, then a forced kill after 10 s).
 */
final class EmulatorProcess implements AutoCloseable {

    private static final String ENDPOINT = "endpoint=";

    private final Process process;
    private final URI endpoint;

    private EmulatorProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * Starts the engine and waits until it serves.
     *
     * @param options the engine's command-line options, e.g. {@code --aws-limits}, {@code --latency-ms 4}
     */
    static EmulatorProcess start(String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xms1g", "-Xmx1g", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith(ENDPOINT)) {
            System.out.println("[emulator] " + line);
        }
        if (line == null) {
            process.destroyForcibly();
            throw new IOException("The DynamoDB emulator process ended before it served (" + String.join(" ", command)
                    + ")");
        }
        // should this JVM be stopped before close(), the engine stops with it
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "emulator-stop"));
        Thread drain = new Thread(() -> out.lines().forEach(l -> System.out.println("[emulator] " + l)),
                "emulator-stdout");
        drain.setDaemon(true);
        drain.start();
        return new EmulatorProcess(process, URI.create(line.substring(ENDPOINT.length())));
    }

    /** A client of the engine with up to 128 connections, whose requests {@code requests} counts. */
    DynamoDbClient countedClient(RequestCounter requests) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(DynamoDbEmulator.REGION)
                .credentialsProvider(DynamoDbEmulator.credentialsProvider())
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(128))
                .overrideConfiguration(o -> o.addExecutionInterceptor(requests))
                .build();
    }

    URI endpoint() {
        return endpoint;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
