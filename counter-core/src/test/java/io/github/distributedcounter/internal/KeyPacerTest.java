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
        assertThat(1e9 / pacer.interval("hot")).as("r' = 0.05 r + 0.05 for a second from 5: 6 e^0.05 - 1")
                .isCloseTo(6 * Math.exp(0.05) - 1, within(1e-6));
        long started = clock.get();
        long successes = 0;
        while (pacer.interval("hot") > 0) {
            clock.addAndGet(pacer.reserve("hot"));
            pacer.succeeded("hot");
            successes++;
        }
        double seconds = (clock.get() - started) / 1e9;
        assertThat(seconds).as("r' = 0.05 r + 0.05, from 5.31 to 1,000 requests/s: 20 ln(1001 / 6.31) = 101.3 s")
                .isBetween(100.0, 102.0);
        assertThat(successes).as("the rate's integral over that time: (1000 - 5.31) / 0.05 - 101.3")
                .isBetween(19_500L, 19_900L);
        assertThat(pacer.pacedKeys()).isZero();
        assertThat(pacer.reserve("hot")).isZero();
    }

    @Test
    void aKeyLeftAloneForTwoMinutesIsForgottenOnItsNextRequest() {
        for (int i = 0; i < 40; i++) {
            pacer.throttled("hot", 4 * MS);
        }
        assertThat(pacer.interval("hot")).isEqualTo(KeyPacer.MAX_INTERVAL_NANOS);
        clock.addAndGet(60_000 * MS);
        pacer.succeeded("hot");
        assertThat(1e9 / pacer.interval("hot")).as("2 requests/s after a minute: 3 e^3 - 1")
                .isCloseTo(3 * Math.exp(3) - 1, within(1e-6));
        clock.addAndGet(60_000 * MS);
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
     * Eight instances with a hot key always waiting to be sent and a round trip of 4 ms, on a key that admits 100
     * writes a second with one second of burst, simulated for five minutes: after the first minute the fleet uses
     * most of what the key admits, and few of its requests are throttled.
     */
    @Test
    void aFleetConvergesOnWhatTheKeyAdmitsWithFewThrottledRequests() {
        Simulation run = simulate(8, 100);
        assertThat(run.writesPerSecond()).as("writes/s of the 100 the key admits").isGreaterThan(80);
        assertThat(run.throttledShare()).as("share of requests throttled").isLessThan(0.03);
    }

    /** The same with 32 instances on a key that admits 90 writes a second: under 3 writes a second each. */
    @Test
    void aLargeFleetOnASlowKeyConvergesToo() {
        Simulation run = simulate(32, 90);
        assertThat(run.writesPerSecond()).as("writes/s of the 90 the key admits").isGreaterThan(70);
        assertThat(run.throttledShare()).as("share of requests throttled").isLessThan(0.10);
    }

    private record Simulation(double writesPerSecond, double throttledShare) {
    }

    private Simulation simulate(int instances, double admitted) {
        long roundTrip = 4 * MS;
        List<KeyPacer> fleet = new ArrayList<>();
        long[] nextSend = new long[instances];
        boolean[] reserved = new boolean[instances];
        for (int i = 0; i < instances; i++) {
            fleet.add(new KeyPacer(clock::get));
            nextSend[i] = clock.get() + i * 100_000L;
        }
        double tokens = admitted;
        long lastRefill = clock.get();
        long start = clock.get();
        long measuredFrom = start + 60_000 * MS;
        long end = start + 300_000 * MS;
        long sent = 0;
        long throttled = 0;
        long written = 0;
        while (clock.get() < end) {
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
            if (tokens >= 1) {
                tokens -= 1;
                written += measured ? 1 : 0;
                fleet.get(next).succeeded("hot");
            } else {
                throttled += measured ? 1 : 0;
                fleet.get(next).throttled("hot", roundTrip);
            }
            nextSend[next] = now + roundTrip;
        }
        return new Simulation(written / ((end - measuredFrom) / 1e9), (double) throttled / sent);
    }
}
