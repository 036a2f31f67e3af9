package io.github.distributedcounter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.distributedcounter.ConcurrentWorkers;
import org.junit.jupiter.api.Test;

/** The pacing of throttled keys alone, on a clock the test moves. */
class KeyPacerTest {

    private static final long MS = 1_000_000;

    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final KeyPacer pacer = new KeyPacer(clock::get);

    @Test
    void neverDelaysAKeyThatWasNotThrottled() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(pacer.reserve("cold")).isZero();
            pacer.succeeded("cold");
        }
        assertThat(pacer.interval("cold")).isZero();
        assertThat(pacer.pacedKeys()).isZero();
    }

    @Test
    void backsOffOnThrottlingFromTwiceTheRoundTripByHalfAgainEachTime() {
        pacer.throttled("hot", 4 * MS);
        assertThat(pacer.interval("hot")).isEqualTo(8 * MS);
        assertThat(pacer.reserve("hot")).isEqualTo(8 * MS);

        clock.addAndGet(8 * MS);
        pacer.throttled("hot", 4 * MS);
        assertThat(pacer.interval("hot")).isEqualTo(12 * MS);
        assertThat(pacer.reserve("hot")).isEqualTo(12 * MS);
        assertThat(pacer.reserve("hot")).isEqualTo(24 * MS);

        pacer.throttled("hot", 4 * MS);
        assertThat(pacer.interval("hot")).isEqualTo(18 * MS);
    }

    @Test
    void spacesTheSendsOfAPacedKeyByItsInterval() {
        pacer.throttled("hot", 4 * MS);
        clock.addAndGet(8 * MS);
        assertThat(pacer.reserve("hot")).isZero();
        clock.addAndGet(3 * MS);
        assertThat(pacer.reserve("hot")).isEqualTo(5 * MS);
        clock.addAndGet(20 * MS);
        assertThat(pacer.reserve("hot")).isZero();
    }

    @Test
    void aVeryShortRoundTripStillBacksOffByTheMinimumInterval() {
        pacer.throttled("hot", 1_000);
        assertThat(pacer.interval("hot")).isEqualTo(KeyPacer.MIN_INTERVAL_NANOS);
    }

    @Test
    void theIntervalStopsGrowingAtTheMaximum() {
        for (int i = 0; i < 40; i++) {
            pacer.throttled("hot", 4 * MS);
        }
        assertThat(pacer.interval("hot")).isEqualTo(KeyPacer.MAX_INTERVAL_NANOS);
    }

    @Test
    void recoversStepByStepWhenThrottlingStopsAndThenForgetsTheKey() {
        pacer.throttled("hot", 100 * MS);
        assertThat(pacer.interval("hot")).isEqualTo(200 * MS);
        pacer.succeeded("hot");
        assertThat(pacer.interval("hot")).as("5 requests/s plus 0.5").isEqualTo(181_818_181);
        pacer.succeeded("hot");
        assertThat(pacer.interval("hot")).as("6 requests/s").isEqualTo(166_666_665);
        long successes = 2;
        while (pacer.interval("hot") > 0) {
            clock.addAndGet(pacer.reserve("hot"));
            pacer.succeeded("hot");
            successes++;
        }
        assertThat(successes).as("from 5 to 1,000 requests/s, 0.5 a time").isEqualTo(1_990);
        assertThat(pacer.pacedKeys()).isZero();
        assertThat(pacer.reserve("hot")).isZero();
    }

    @Test
    void otherKeysAreNotSlowed() {
        pacer.throttled("hot", 4 * MS);
        pacer.throttled("hot", 4 * MS);
        for (int i = 0; i < 100; i++) {
            assertThat(pacer.reserve("cold-" + i)).isZero();
            pacer.succeeded("cold-" + i);
        }
        assertThat(pacer.pacedKeys()).isEqualTo(1);
        assertThat(pacer.interval("hot")).isEqualTo(12 * MS);
    }

    @Test
    void concurrentReservationsOfAPacedKeyGetDistinctSlots() throws Exception {
        pacer.throttled("hot", 4 * MS);
        long first = pacer.reserve("hot");
        int threads = 8;
        int perThread = 1_000;
        List<Long> waits = Collections.synchronizedList(new ArrayList<>());
        ConcurrentWorkers.run(threads, thread -> {
            for (int i = 0; i < perThread; i++) {
                waits.add(pacer.reserve("hot"));
            }
        });
        List<Long> expected = new ArrayList<>();
        for (int i = 1; i <= threads * perThread; i++) {
            expected.add(first + i * 8 * MS);
        }
        assertThat(waits).containsExactlyInAnyOrderElementsOf(expected);
    }
}
