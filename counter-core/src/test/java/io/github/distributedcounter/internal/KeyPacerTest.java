package io.github.distributedcounter.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
    void recoversWithTimeWhileRequestsGoThroughAndThenForgetsTheKey() {
        pacer.throttled("hot", 100 * MS);
        assertThat(pacer.interval("hot")).isEqualTo(200 * MS);
        pacer.succeeded("hot");
        assertThat(pacer.interval("hot")).as("no time passed, no growth").isEqualTo(200 * MS);
        clock.addAndGet(1_000 * MS);
        pacer.succeeded("hot");
        assertThat(1e9 / pacer.interval("hot")).as("5 requests/s grown by 10% for a second, plus 0.5")
                .isCloseTo(5 * Math.exp(0.1) + 0.5, within(1e-6));
        long started = clock.get();
        long successes = 0;
        while (pacer.interval("hot") > 0) {
            clock.addAndGet(pacer.reserve("hot"));
            pacer.succeeded("hot");
            successes++;
        }
        double seconds = (clock.get() - started) / 1e9;
        assertThat(seconds).as("r' = 0.1 r + 0.5, from 5.6 to 1,000 requests/s: 10 ln(1005 / 10.6) = 45.5 s")
                .isBetween(44.5, 46.0);
        assertThat(successes).as("the rate's integral over that time: (1000 - 5.6) / 0.1 - 5 * 45.5")
                .isBetween(9_500L, 9_900L);
        assertThat(pacer.pacedKeys()).isZero();
        assertThat(pacer.reserve("hot")).isZero();
    }

    @Test
    void aKeyLeftAloneForAMinuteIsForgottenOnItsNextRequest() {
        for (int i = 0; i < 40; i++) {
            pacer.throttled("hot", 4 * MS);
        }
        assertThat(pacer.interval("hot")).isEqualTo(KeyPacer.MAX_INTERVAL_NANOS);
        clock.addAndGet(30_000 * MS);
        pacer.succeeded("hot");
        assertThat(1e9 / pacer.interval("hot")).as("2 requests/s after 30 s: 2 e^3 + 15")
                .isCloseTo(2 * Math.exp(3) + 15, within(1e-6));
        clock.addAndGet(35_000 * MS);
        pacer.succeeded("hot");
        assertThat(pacer.interval("hot")).isZero();
        assertThat(pacer.pacedKeys()).isZero();
    }

    @Test
    void manyPacedKeysLeftAloneForTwoMinutesAreForgottenAtTheNextThrottling() {
        for (int i = 0; i < 2_000; i++) {
            pacer.throttled("idle-" + i, 4 * MS);
        }
        clock.addAndGet(KeyPacer.FORGOTTEN_AFTER_NANOS - MS);
        pacer.throttled("recent", 4 * MS);
        assertThat(pacer.pacedKeys()).as("not yet two minutes").isEqualTo(2_001);
        clock.addAndGet(2 * MS);
        pacer.throttled("hot", 4 * MS);
        assertThat(pacer.pacedKeys()).as("only the keys throttled within two minutes").isEqualTo(2);
        assertThat(pacer.interval("recent")).isEqualTo(8 * MS);
    }

    /**
     * Eight instances with a hot key always waiting to be sent, a round trip of 4 ms, and a key that admits 100
     * writes a second with one second of burst, simulated for two minutes: after the first 20 s the fleet uses most
     * of what the key admits, and few of its requests are throttled.
     */
    @Test
    void aFleetConvergesOnWhatTheKeyAdmitsWithFewThrottledRequests() {
        int instances = 8;
        double admitted = 100;
        long roundTrip = 4 * MS;
        List<KeyPacer> fleet = new ArrayList<>();
        long[] nextSend = new long[instances];
        boolean[] reserved = new boolean[instances];
        for (int i = 0; i < instances; i++) {
            fleet.add(new KeyPacer(clock::get));
            nextSend[i] = clock.get();
        }
        double tokens = admitted;
        long lastRefill = clock.get();
        long start = clock.get();
        long measuredFrom = start + 20_000 * MS;
        long sent = 0;
        long throttled = 0;
        long written = 0;
        while (clock.get() < start + 120_000 * MS) {
            int next = 0;
            for (int i = 1; i < instances; i++) {
                if (nextSend[i] < nextSend[next]) {
                    next = i;
                }
            }
            clock.set(nextSend[next]);
            if (!reserved[next]) {
                long wait = fleet.get(next).reserve("hot");
                if (wait > 0) {
                    reserved[next] = true;
                    nextSend[next] = clock.get() + wait;
                    continue;
                }
            }
            reserved[next] = false;
            long now = clock.get();
            tokens = Math.min(admitted, tokens + (now - lastRefill) / 1e9 * admitted);
            lastRefill = now;
            boolean measured = now >= measuredFrom;
            sent += measured ? 1 : 0;
            clock.addAndGet(roundTrip);
            if (tokens >= 1) {
                tokens -= 1;
                written += measured ? 1 : 0;
                fleet.get(next).succeeded("hot");
            } else {
                throttled += measured ? 1 : 0;
                fleet.get(next).throttled("hot", roundTrip);
            }
            nextSend[next] = clock.get();
        }
        double seconds = 100;
        assertThat(written / seconds).as("writes/s of the 100 the key admits").isGreaterThan(80);
        assertThat((double) throttled / sent).as("share of requests throttled").isLessThan(0.05);
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
