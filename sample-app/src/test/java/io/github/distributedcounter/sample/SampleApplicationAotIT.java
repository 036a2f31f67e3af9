package io.github.distributedcounter.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged sample app, processed ahead of time by the build ({@code spring-boot:process-aot}), started in its
 * own JVM with {@code -Dspring.aot.enabled=true}, as a native image would run it but on the JVM; working directory
 * a temporary folder, every port on loopback.
 */
@SuppressWarnings("unchecked")
class SampleApplicationAotIT {

    private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

    @TempDir
    static Path workingDirectory;

    private static Process app;
    private static final List<String> output = new ArrayList<>();
    private static int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTheAotProcessedJar() throws Exception {
        Path jar = Path.of(System.getProperty("sample.jar"));
        assertThat(jar).as("the repackaged sample app").isRegularFile();
        app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dspring.aot.enabled=true", "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString(), "--server.port=0",
                "--server.address=127.0.0.1").directory(workingDirectory.toFile()).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> started = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (output) {
                        output.add(line);
                    }
                    Matcher matcher = STARTED.matcher(line);
                    if (matcher.find()) {
                        return Integer.parseInt(matcher.group(1));
                    }
                }
                throw new IllegalStateException("the sample app ended before it served:\n" + String.join("\n", output));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        port = started.get(5, TimeUnit.MINUTES);
        Thread drain = new Thread(() -> lines.lines().forEach(line -> {
            synchronized (output) {
                output.add(line);
            }
        }), "sample-app-output");
        drain.setDaemon(true);
        drain.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        try (var files = Files.list(workingDirectory)) {
            assertThat(files).as("files the app left in its working directory").isEmpty();
        }
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void runsOnTheAheadOfTimeGeneratedContext() {
        synchronized (output) {
            assertThat(output).anyMatch(line -> line.contains("Starting AOT-processed SampleApplication"));
        }
    }

    /** The metadata the native-image compiler would read: the starter's hints reached it. */
    @Test
    void wroteTheStartersRuntimeHintsIntoTheNativeImageMetadata() throws Exception {
        String metadata;
        try (var in = getClass().getResourceAsStream(
                "/META-INF/native-image/io.github.distributedcounter/sample-app/reachability-metadata.json")) {
            assertThat(in).as("reachability metadata written by process-aot").isNotNull();
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String types = "$.reflection[?(@.type == '%s')]";
        assertThat((List<String>) JsonPath.read(metadata,
                types.formatted("io.github.distributedcounter.sample.ReportService") + ".methods[*].name"))
                .contains("build");
        assertThat((List<Boolean>) JsonPath.read(metadata,
                types.formatted("io.github.distributedcounter.EveryNCalls") + ".allPublicMethods"))
                .containsExactly(true);
        assertThat((List<Object>) JsonPath.read(metadata,
                types.formatted("io.github.distributedcounter.emulator.DynamoDbEmulator"))).hasSize(1);
        assertThat((List<Object>) JsonPath.read(metadata,
                types.formatted("io.github.distributedcounter.sample.ReportService$$SpringCGLIB$$0")))
                .as("the @EveryNCalls proxy class, generated at build time").hasSize(1);
    }

    @Test
    void incrementsCounters() throws Exception {
        assertThat(send("POST", "/counters/aot/increment?initial=40").body())
                .isEqualTo("{\"key\":\"aot\",\"value\":41}");
        assertThat(send("POST", "/counters/aot/increment?amount=2").body())
                .isEqualTo("{\"key\":\"aot\",\"value\":43}");
        assertThat(send("GET", "/counters/aot").body()).isEqualTo("{\"key\":\"aot\",\"value\":43}");
    }

    @Test
    void runsTheEveryNCallsMethodOnEveryFifthCallUnderItsSpelKey() throws Exception {
        List<Boolean> generated = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            generated.add(JsonPath.read(send("POST", "/reports/aot-tenant").body(), "$.generated"));
        }
        assertThat(generated).containsExactly(false, false, false, false, true, false, false, false, false, true);
        assertThat(send("GET", "/counters/every-n-calls:report:aot-tenant").body())
                .isEqualTo("{\"key\":\"every-n-calls:report:aot-tenant\",\"value\":10}");
    }

    @Test
    void reportsHealth() throws Exception {
        HttpResponse<String> health = send("GET", "/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(health.body(), "$.status")).isEqualTo("UP");
        assertThat((String) JsonPath.read(health.body(), "$.components.distributedCounter.status")).isEqualTo("UP");
        assertThat((String) JsonPath.read(health.body(), "$.components.distributedCounter.details.table"))
                .isEqualTo("sample-counters");
    }
}
