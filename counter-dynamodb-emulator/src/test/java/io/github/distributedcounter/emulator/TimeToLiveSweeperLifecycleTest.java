package io.github.distributedcounter.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * The time-to-live sweeper is a daemon thread that starts with an engine and stops when it closes.
 */
class TimeToLiveSweeperLifecycleTest {

    private static final String THREAD_NAME = "dynamodb-emulator-ttl";

    private static long sweepers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(THREAD_NAME) && thread.isAlive())
                .peek(thread -> assertThat(thread.isDaemon()).isTrue())
                .count();
    }

    @Test
    void theSweeperStartsWithTheEngineAndStopsWhenItCloses() throws InterruptedException {
        long before = sweepers();

        DynamoDbEmulator emulator = DynamoDbEmulator.start();
        try {
            assertThat(sweepers()).isEqualTo(before + 1);
        } finally {
            emulator.close();
        }

        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (sweepers() > before && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(sweepers()).isEqualTo(before);
    }
}
