package io.github.distributedcounter.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Paces the requests of throttled keys: additive increase and multiplicative decrease of each key's request
 * rate. A key that DynamoDB throttled gets a send interval, the least time between the starts of two of its
 * requests from this instance. Each throttling multiplies it by 3/2 (starting from twice the throttled request's
 * round trip, at least {@value #MIN_INTERVAL_NANOS} ns; at most {@value #MAX_INTERVAL_NANOS} ns). While requests
 * go through, the rate it allows grows with time: by {@value #GROWTH_PER_SECOND} of itself per second, compounded,
 * plus {@value #MIN_STEP_PER_SECOND} requests per second every second; once the interval is under
 * {@value #MIN_INTERVAL_NANOS} ns the key is forgotten.
 * <p>
 * So the fleet's instances converge on what the key admits, sharing it about evenly, each request carrying the
 * increments that queued meanwhile: an instance whose share is {@code r} requests a second takes about
 * {@code 8 s} and {@code 7r} requests to climb back from a throttling, so about one in {@code 7r} of its requests
 * is throttled. A key left alone for two minutes is forgotten on its next request (from the slowest pace), or,
 * where many keys are paced, at the next throttling of any key. A key that was never throttled, or has recovered, has no state
 * and never waits; keys are paced independently. Thread-safe; the clock is in nanoseconds.
 */
final class KeyPacer {

    static final long MIN_INTERVAL_NANOS = 1_000_000;
    static final long MAX_INTERVAL_NANOS = 500_000_000;
    static final double GROWTH_PER_SECOND = 0.05;
    static final double MIN_STEP_PER_SECOND = 0.05;
    static final long FORGOTTEN_AFTER_NANOS = 120_000_000_000L;
    private static final int SWEEP_ABOVE = 1_024;

    private final ConcurrentHashMap<String, Pace> paces = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    KeyPacer(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * Takes {@code key}'s next send slot: how long the caller waits before sending, in nanoseconds; 0 for a key
     * that is not paced.
     */
    long reserve(String key) {
        if (paces.isEmpty()) {
            return 0;
        }
        long[] wait = {0};
        paces.computeIfPresent(key, (k, pace) -> {
            long now = clock.getAsLong();
            long sendAt = Math.max(now, pace.nextSendAt);
            wait[0] = sendAt - now;
            pace.nextSendAt = sendAt + pace.interval;
            return pace;
        });
        return wait[0];
    }

    /** DynamoDB throttled a request of {@code key} that took {@code roundTripNanos}. */
    void throttled(String key, long roundTripNanos) {
        long floor = Math.max(MIN_INTERVAL_NANOS, 2 * roundTripNanos);
        if (paces.size() > SWEEP_ABOVE) {
            long now = clock.getAsLong();
            paces.values().removeIf(pace -> now - pace.grownAt > FORGOTTEN_AFTER_NANOS);
        }
        paces.compute(key, (k, pace) -> {
            long now = clock.getAsLong();
            if (pace == null) {
                pace = new Pace(now);
            }
            pace.interval = Math.min(MAX_INTERVAL_NANOS, Math.max(floor, pace.interval / 2 * 3));
            pace.nextSendAt = Math.max(pace.nextSendAt, now + pace.interval);
            pace.grownAt = now;
            return pace;
        });
    }

    /** A request of {@code key} went through. */
    void succeeded(String key) {
        if (paces.isEmpty()) {
            return;
        }
        paces.computeIfPresent(key, (k, pace) -> {
            long now = clock.getAsLong();
            double seconds = (now - pace.grownAt) / 1e9;
            double rate = 1e9 / pace.interval;
            double offset = MIN_STEP_PER_SECOND / GROWTH_PER_SECOND;
            rate = (rate + offset) * Math.exp(GROWTH_PER_SECOND * seconds) - offset;
            pace.interval = (long) Math.min(pace.interval, 1e9 / rate);
            pace.grownAt = now;
            return pace.interval >= MIN_INTERVAL_NANOS ? pace : null;
        });
    }

    /** {@code key}'s send interval in nanoseconds; 0 where it is not paced. */
    long interval(String key) {
        Pace pace = paces.get(key);
        return pace == null ? 0 : pace.interval;
    }

    /** Number of keys being paced. */
    int pacedKeys() {
        return paces.size();
    }

    private static final class Pace {
        volatile long interval;
        long nextSendAt;
        long grownAt;

        Pace(long now) {
            this.nextSendAt = now;
            this.grownAt = now;
        }
    }
}
