package io.github.distributedcounter.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.ClassUtils;

@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "distributed-counter.access-key=sampleAccessKeyValue", "distributed-counter.secret-key=sampleSecretKeyValue",
        "management.endpoint.configprops.show-values=always", "management.endpoint.health.show-details=always",
        "logging.level.io.github.distributedcounter=debug", "logging.level.software.amazon.awssdk=debug"})
class SampleApplicationTest {

    private static final String SECRET = "sampleSecretKeyValue";
    private static final String ACCESS = "sampleAccessKeyValue";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void setsReadsIncrementsAndDecrementsCounters() throws Exception {
        HttpResponse<String> put = send("PUT", "/counters/visits", "{\"value\": 40}");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).isEqualTo("{\"key\":\"visits\",\"value\":40}");
        assertThat(send("POST", "/counters/visits/increment?amount=3", null).body())
                .isEqualTo("{\"key\":\"visits\",\"value\":43}");
        assertThat(send("POST", "/counters/visits/decrement", null).body())
                .isEqualTo("{\"key\":\"visits\",\"value\":42}");
        assertThat(send("GET", "/counters/visits", null).body()).isEqualTo("{\"key\":\"visits\",\"value\":42}");
        assertThat(send("POST", "/counters/fresh/increment?amount=1&initial=10", null).body())
                .isEqualTo("{\"key\":\"fresh\",\"value\":11}");
        assertThat(send("POST", "/counters/fresh2/decrement?amount=5&initial=10", null).body())
                .isEqualTo("{\"key\":\"fresh2\",\"value\":5}");
    }

    @Test
    void missingCounterIs404ProblemDetail() throws Exception {
        HttpResponse<String> get = send("GET", "/counters/never-set", null);
        assertThat(get.statusCode()).isEqualTo(404);
        assertThat(get.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat((String) JsonPath.read(get.body(), "$.detail"))
                .isEqualTo("No counter under key 'never-set'; put a value first or pass an initial value");
        assertThat((Integer) JsonPath.read(get.body(), "$.status")).isEqualTo(404);

        HttpResponse<String> increment = send("POST", "/counters/never-set/increment", null);
        assertThat(increment.statusCode()).isEqualTo(404);
        assertThat(send("GET", "/counters/never-set", null).statusCode()).isEqualTo(404);
    }

    @Test
    void badInputIs400ProblemDetail() throws Exception {
        String longKey = "k".repeat(2049);
        HttpResponse<String> tooLong = send("POST", "/counters/" + longKey + "/increment?initial=0", null);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat((String) JsonPath.read(tooLong.body(), "$.detail"))
                .isEqualTo("key must be at most 2048 bytes in UTF-8, was 2049 bytes");

        HttpResponse<String> noValue = send("PUT", "/counters/k", "{}");
        assertThat(noValue.statusCode()).isEqualTo(400);
        assertThat((String) JsonPath.read(noValue.body(), "$.detail")).isEqualTo("body must be {\"value\": <integer>}");

        HttpResponse<String> notANumber = send("POST", "/counters/k/increment?amount=lots", null);
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        send("PUT", "/counters/big", "{\"value\": 9223372036854775807}");
        HttpResponse<String> overflow = send("POST", "/counters/big/increment", null);
        assertThat(overflow.statusCode()).isEqualTo(400);
        assertThat((String) JsonPath.read(overflow.body(), "$.detail")).isEqualTo(
                "Adding 1 to counter 'big' (9223372036854775807) would leave the long range; nothing was written");
        assertThat(send("GET", "/counters/big", null).body())
                .isEqualTo("{\"key\":\"big\",\"value\":9223372036854775807}");
    }

    @Test
    void everyNCallsKeysAreReadOnlyThroughTheCounterApi() throws Exception {
        String key = "/counters/every-n-calls:report:tamper";
        HttpResponse<String> put = send("PUT", key, "{\"value\": 9223372036854775807}");
        assertThat(put.statusCode()).isEqualTo(403);
        assertThat(put.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat((String) JsonPath.read(put.body(), "$.detail")).isEqualTo("Key 'every-n-calls:report:tamper' "
                + "is counted by @EveryNCalls; it can be read here but not changed");
        assertThat(send("POST", key + "/increment?amount=3&initial=1", null).statusCode()).isEqualTo(403);
        assertThat(send("POST", key + "/decrement", null).statusCode()).isEqualTo(403);
        assertThat(send("GET", key, null).statusCode()).isEqualTo(404);

        List<Boolean> generated = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            generated.add(JsonPath.read(send("POST", "/reports/tamper", null).body(), "$.generated"));
        }
        assertThat(generated).containsExactly(false, false, false, false, true);
        assertThat(send("GET", key, null).body()).isEqualTo("{\"key\":\"every-n-calls:report:tamper\",\"value\":5}");
    }

    @Test
    void valueMustBeAnIntegerNotAFractionOrAString() throws Exception {
        for (String body : List.of("{\"value\": 1.9}", "{\"value\": \"12\"}", "{\"value\": 1e3}",
                "{\"value\": true}", "{\"value\": 9223372036854775808}")) {
            HttpResponse<String> put = send("PUT", "/counters/strict", body);
            assertThat(put.statusCode()).as(body).isEqualTo(400);
            assertThat(put.headers().firstValue("Content-Type")).as(body).hasValue("application/problem+json");
            assertThat((String) JsonPath.read(put.body(), "$.detail")).as(body)
                    .isEqualTo("body must be {\"value\": <integer>}");
        }
        assertThat(send("GET", "/counters/strict", null).statusCode()).isEqualTo(404);
    }

    @Test
    void requestsTomcatRejectsBeforeSpringAreProblemDetailsToo() throws Exception {
        for (String path : List.of("/counters/a%2Fb", "/counters/a%2fb/increment", "/counters/a%00b",
                "/counters/a%5Cb")) {
            HttpResponse<String> response = send("GET", path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            assertThat((Integer) JsonPath.read(response.body(), "$.status")).as(path).isEqualTo(400);
            assertThat((String) JsonPath.read(response.body(), "$.title")).as(path).isEqualTo("Bad Request");
            assertThat(response.body()).as(path).doesNotContain("<html").doesNotContain("Tomcat");
        }
    }

    @Autowired
    private ReportService reports;

    @Test
    void everyNCallsRunsOnSpringAopWithoutTheAspectJWeaver() {
        ClassLoader classLoader = getClass().getClassLoader();
        assertThat(ClassUtils.isPresent("org.aspectj.weaver.Advice", classLoader))
                .as("the starter must not put the AspectJ weaver on the application's classpath").isFalse();
        assertThat(ClassUtils.isPresent("org.aspectj.lang.annotation.Aspect", classLoader)).isFalse();
        assertThat(AopUtils.isAopProxy(reports)).as("@EveryNCalls bean is advised by Spring AOP").isTrue();
        List<Boolean> generated = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ReportService.Report report = reports.build("weaverless");
            generated.add(report != null && report.generated());
        }
        assertThat(generated).containsExactly(false, false, false, false, true);
    }

    @Test
    void reportsAreGeneratedOnEveryFifthRequestPerTenant() throws Exception {
        List<Boolean> acme = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            acme.add(JsonPath.read(send("POST", "/reports/acme", null).body(), "$.generated"));
        }
        assertThat(acme).containsExactly(false, false, false, false, true, false, false, false, false, true);
        assertThat((Boolean) JsonPath.read(send("POST", "/reports/globex", null).body(), "$.generated")).isFalse();
        assertThat(send("GET", "/counters/every-n-calls:report:acme", null).body())
                .isEqualTo("{\"key\":\"every-n-calls:report:acme\",\"value\":10}");
    }

    @Test
    void healthShowsTheCounterTableUp() throws Exception {
        HttpResponse<String> health = send("GET", "/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(health.body(), "$.status")).isEqualTo("UP");
        assertThat((String) JsonPath.read(health.body(), "$.components.distributedCounter.status")).isEqualTo("UP");
        assertThat((String) JsonPath.read(health.body(), "$.components.distributedCounter.details.table"))
                .isEqualTo("sample-counters");
        assertThat((String) JsonPath.read(health.body(), "$.components.distributedCounter.details.status"))
                .isEqualTo("ACTIVE");
        assertThat(health.body()).doesNotContain(SECRET).doesNotContain(ACCESS);
    }

    @Test
    void credentialsAppearNeitherInConfigpropsNorInLogs(CapturedOutput output) throws Exception {
        send("POST", "/counters/log-check/increment?initial=0", null);
        HttpResponse<String> configprops = send("GET", "/actuator/configprops", null);
        assertThat(configprops.statusCode()).isEqualTo(200);
        assertThat(configprops.body()).contains("\"table\":\"sample-counters\"")
                .contains("\"secretKey\":\"******\"").contains("\"accessKey\":\"******\"")
                .doesNotContain(SECRET).doesNotContain(ACCESS);
        assertThat(output.getAll()).contains("distributed-counter").doesNotContain(SECRET).doesNotContain(ACCESS);
    }
}
