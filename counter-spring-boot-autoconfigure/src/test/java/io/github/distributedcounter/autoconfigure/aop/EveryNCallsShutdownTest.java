package io.github.distributedcounter.autoconfigure.aop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.distributedcounter.EveryNCalls;
import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The counter is closed after the beans that use it through {@link EveryNCalls}. */
@DynamoDbEmulatorTest
class EveryNCallsShutdownTest {

    private static final List<Object> FLUSHED = new CopyOnWriteArrayList<>();

    private final ApplicationContextRunner runner;

    EveryNCallsShutdownTest(URI endpoint) {
        runner = CounterRunner.on(endpoint, "shutdown-" + UUID.randomUUID());
    }

    public static class Flusher {

        @EveryNCalls(n = 1, key = "'flushes'")
        public String flush() {
            return "flushed";
        }
    }

    /** Flushes once more when the application stops. */
    public static class FlushOnShutdown implements DisposableBean {

        private final Flusher flusher;

        public FlushOnShutdown(Flusher flusher) {
            this.flusher = flusher;
        }

        @Override
        public void destroy() {
            try {
                FLUSHED.add(flusher.flush());
            } catch (RuntimeException e) {
                FLUSHED.add(e);
            }
        }
    }

    @Test
    void aCallFromADestroyCallbackIsCounted() {
        FLUSHED.clear();
        runner.withBean(FlushOnShutdown.class).withBean(Flusher.class)
                .run(context -> assertThat(context.getBean(Flusher.class).flush()).isEqualTo("flushed"));
        assertThat(FLUSHED).containsExactly("flushed");
    }
}
