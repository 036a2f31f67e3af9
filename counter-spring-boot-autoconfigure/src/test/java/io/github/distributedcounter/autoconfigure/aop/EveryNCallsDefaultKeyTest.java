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

/** Default keys name the method with fully qualified parameter types, so overloads never share a counter. */
@DynamoDbEmulatorTest
class EveryNCallsDefaultKeyTest {

    private static final String HANDLERS = "every-n-calls:" + Handlers.class.getName() + ".handle(";

    private final ApplicationContextRunner runner;
    private final String table = "default-key-" + UUID.randomUUID();

    EveryNCallsDefaultKeyTest(URI endpoint) {
        runner = CounterRunner.on(endpoint, table);
    }

    public static class OrderEvents {
        public static class Created {
        }
    }

    public static class UserEvents {
        public static class Created {
        }
    }

    public static class Handlers {

        final List<String> ran = new ArrayList<>();

        public List<String> ran() {
            return ran;
        }

        @EveryNCalls(n = 2)
        public void handle(OrderEvents.Created event) {
            ran.add("order");
        }

        @EveryNCalls(n = 2)
        public void handle(UserEvents.Created event) {
            ran.add("user");
        }

        @EveryNCalls(n = 2)
        public void handle(String[] names, int count, List<String> more) {
            ran.add("arrays");
        }
    }

    @Test
    void nestedParameterTypesWithTheSameSimpleNameCountApart() {
        runner.withBean(Handlers.class).run(context -> {
            Handlers handlers = context.getBean(Handlers.class);
            handlers.handle(new OrderEvents.Created());
            handlers.handle(new UserEvents.Created());
            assertThat(handlers.ran()).isEmpty();
            handlers.handle(new UserEvents.Created());
            handlers.handle(new OrderEvents.Created());
            assertThat(handlers.ran()).containsExactly("user", "order");
            String order = HANDLERS + "io.github.distributedcounter.autoconfigure.aop.EveryNCallsDefaultKeyTest$OrderEvents$Created)";
            String user = HANDLERS + "io.github.distributedcounter.autoconfigure.aop.EveryNCallsDefaultKeyTest$UserEvents$Created)";
            assertThat(StoredCounters.of(context, order, user, HANDLERS + "Created)"))
                    .isEqualTo(Map.of(order, 2L, user, 2L));
        });
    }

    @Test
    void arrayPrimitiveAndGenericParameterTypesAreWrittenInFull() {
        runner.withBean(Handlers.class).run(context -> {
            context.getBean(Handlers.class).handle(new String[] {"a"}, 1, List.of());
            String key = HANDLERS + "java.lang.String[],int,java.util.List)";
            assertThat(StoredCounters.of(context, key, HANDLERS + "String[],int,List)")).isEqualTo(Map.of(key, 1L));
        });
    }
}
