package io.github.distributedcounter.autoconfigure.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.distributedcounter.EveryNCalls;
import io.github.distributedcounter.autoconfigure.DistributedCounterAutoConfiguration;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/** Key values that are not strings are converted by one documented rule, never by {@code toString()}. */
@DynamoDbEmulatorTest
class EveryNCallsKeyConversionTest {

    private static final String BY_VALUE = "public void " + Keys.class.getName() + ".byValue(java.lang.Object)";

    private final ApplicationContextRunner runner;
    private final String table = "key-conversion-" + UUID.randomUUID();

    EveryNCallsKeyConversionTest(URI endpoint) {
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DistributedCounterAutoConfiguration.class,
                        EveryNCallsAutoConfiguration.class))
                .withPropertyValues("distributed-counter.endpoint=" + endpoint,
                        "distributed-counter.access-key=local", "distributed-counter.secret-key=local",
                        "distributed-counter.table=" + table, "distributed-counter.create-table=true")
                .withBean(Keys.class);
    }

    public enum Region {
        EU_WEST {
            @Override
            public String toString() {
                return "Europe (West)";
            }
        }
    }

    public static class Opaque {
    }

    public static class Keys {

        final List<String> ran = new ArrayList<>();

        public List<String> ran() {
            return ran;
        }

        @EveryNCalls(n = 2, key = "#tags")
        public void byArray(String[] tags) {
            ran.add(String.join("|", tags));
        }

        @EveryNCalls(n = 1, key = "'tags:' + #tags")
        public void prefixed(String[] tags) {
        }

        @EveryNCalls(n = 1, key = "#value")
        public void byValue(Object value) {
        }
    }

    private static void assertStored(ApplicationContext context, Map<String, Long> expected) {
        assertThat(StoredCounters.of(context, expected.keySet().toArray(String[]::new))).isEqualTo(expected);
    }

    @Test
    void anArrayKeyIsItsContentSoTheBodyRunsOnEverySecondCall() {
        runner.run(context -> {
            Keys keys = context.getBean(Keys.class);
            for (int i = 0; i < 4; i++) {
                keys.byArray(new String[] {"eu", "vip"});
            }
            assertThat(keys.ran()).containsExactly("eu|vip", "eu|vip");
            assertThat(StoredCounters.of(context, "[\"eu\",\"vip\"]", "eu,vip")).isEqualTo(Map.of("[\"eu\",\"vip\"]", 4L));
        });
    }

    @Test
    void differentListsNeverGiveTheSameKey() {
        runner.run(context -> {
            Keys keys = context.getBean(Keys.class);
            keys.byValue(List.of("a", "b"));
            keys.byValue(new String[] {"a", "b"});
            keys.byValue(new LinkedHashSet<>(List.of("a", "b")));
            keys.byValue(List.of("a,b"));
            keys.byValue(List.of("a\",\"b"));
            keys.byValue(List.of());
            keys.byValue(List.of(""));
            keys.byValue(List.of("", ""));
            keys.byValue(List.of(List.of("a"), "b"));
            keys.byValue(List.of("[\"a\"]", "b"));
            keys.byValue(List.of("back\\slash"));
            keys.byValue(new int[] {1, 2});
            keys.byValue(Arrays.asList(1L, Region.EU_WEST, true));
            assertStored(context, Map.ofEntries(
                    Map.entry("[\"a\",\"b\"]", 3L),
                    Map.entry("[\"a,b\"]", 1L),
                    Map.entry("[\"a\\\",\\\"b\"]", 1L),
                    Map.entry("[]", 1L),
                    Map.entry("[\"\"]", 1L),
                    Map.entry("[\"\",\"\"]", 1L),
                    Map.entry("[[\"a\"],\"b\"]", 1L),
                    Map.entry("[\"[\\\"a\\\"]\",\"b\"]", 1L),
                    Map.entry("[\"back\\\\slash\"]", 1L),
                    Map.entry("[\"1\",\"2\"]", 1L),
                    Map.entry("[\"1\",\"EU_WEST\",\"true\"]", 1L)));
        });
    }

    @Test
    void scalarsAreTheirPlainText() {
        UUID id = UUID.fromString("7d444840-9dc0-11d1-b245-5ffdce74fad2");
        runner.run(context -> {
            Keys keys = context.getBean(Keys.class);
            keys.byValue("plain");
            keys.byValue(new StringBuilder("built"));
            keys.byValue(42);
            keys.byValue(42L);
            keys.byValue(new BigInteger("123456789012345678901234567890"));
            keys.byValue(new BigDecimal("1E+3"));
            keys.byValue(2.5d);
            keys.byValue(true);
            keys.byValue('x');
            keys.byValue(Region.EU_WEST);
            keys.byValue(id);
            assertStored(context, Map.ofEntries(
                    Map.entry("plain", 1L),
                    Map.entry("built", 1L),
                    Map.entry("42", 2L),
                    Map.entry("123456789012345678901234567890", 1L),
                    Map.entry("1000", 1L),
                    Map.entry("2.5", 1L),
                    Map.entry("true", 1L),
                    Map.entry("x", 1L),
                    Map.entry("EU_WEST", 1L),
                    Map.entry("7d444840-9dc0-11d1-b245-5ffdce74fad2", 1L)));
        });
    }

    @Test
    void anArrayInsideAConcatenationIsConvertedByTheSameRule() {
        runner.run(context -> {
            context.getBean(Keys.class).prefixed(new String[] {"eu", "vip"});
            assertThat(StoredCounters.of(context, "tags:[\"eu\",\"vip\"]", "tags:eu,vip"))
                    .isEqualTo(Map.of("tags:[\"eu\",\"vip\"]", 1L));
        });
    }

    @Test
    void aTypeWithoutConversionIsRejectedOnTheFirstCallNamingTheMethodAndTheType() {
        runner.run(context -> {
            Keys keys = context.getBean(Keys.class);
            assertThatThrownBy(() -> keys.byValue(new Opaque())).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("@EveryNCalls key expression '#value' on " + BY_VALUE
                            + ": cannot convert a value of type " + Opaque.class.getName()
                            + " to a counter key; use a String, number, boolean, character, enum, an array or"
                            + " collection of these, or a type that Spring's ConversionService converts to String");
            assertThatThrownBy(() -> keys.byValue(List.of("a", new Opaque())))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(": cannot convert a value of type " + Opaque.class.getName());
            assertThatThrownBy(() -> keys.byValue(Arrays.asList("a", null)))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("@EveryNCalls key expression '#value' on " + BY_VALUE
                            + ": an array or collection in the key contains null");
        });
    }
}
