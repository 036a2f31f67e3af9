package io.github.distributedcounter.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.github.distributedcounter.local.DynamoDbLocalServer;

/**
 * DynamoDB Local in a separate JVM on a loopback port, so that the server's work is not counted against the
 * client under test. The child stops when its standard input closes.
 */
final class LocalServerProcess implements AutoCloseable {

    private final Process process;
    private final URI endpoint;

    private LocalServerProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static LocalServerProcess start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xms1g", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                LocalServerProcess.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("endpoint=")) {
            process.destroyForcibly();
            throw new IOException("DynamoDB Local process did not start: " + line);
        }
        return new LocalServerProcess(process, URI.create(line.substring("endpoint=".length())));
    }

    URI endpoint() {
        return endpoint;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    public static void main(String[] args) throws IOException {
        try (DynamoDbLocalServer server = DynamoDbLocalServer.start()) {
            System.out.println("endpoint=" + server.endpoint());
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the parent closes our standard input
            }
        }
    }
}
