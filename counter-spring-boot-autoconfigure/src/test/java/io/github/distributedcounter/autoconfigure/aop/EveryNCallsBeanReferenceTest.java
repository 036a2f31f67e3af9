package io.github.distributedcounter.autoconfigure.aop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.distributedcounter.EveryNCalls;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A key may refer to other beans with SpEL's {@code @beanName}. */
@DynamoDbEmulatorTest
class EveryNCallsBeanReferenceTest {

    private final ApplicationContextRunner runner;
    private final String table = "bean-reference-" + UUID.randomUUID();

    EveryNCallsBeanReferenceTest(URI endpoint) {
        runner = CounterRunner.on(endpoint, table);
    }

    public static class Deployment {

        public String region() {
            return "eu-1";
        }
    }

    public static class Reports {

        final List<String> ran = new ArrayList<>();

        public List<String> ran() {
            return ran;
        }

        @EveryNCalls(n = 2, key = "@deployment.region() + ':' + #tenant")
        public String report(String tenant) {
            ran.add(tenant);
            return "ran:" + tenant;
        }
    }

    @Test
    void aKeyCanReferToABean() {
        runner.withBean("deployment", Deployment.class).withBean(Reports.class).run(context -> {
            Reports reports = context.getBean(Reports.class);
            assertThat(reports.report("acme")).isNull();
            assertThat(reports.report("acme")).isEqualTo("ran:acme");
            assertThat(reports.ran()).containsExactly("acme");
            assertThat(StoredCounters.of(context, "eu-1:acme")).isEqualTo(Map.of("eu-1:acme", 2L));
        });
    }
}
