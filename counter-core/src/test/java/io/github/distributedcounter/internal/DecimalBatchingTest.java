package io.github.distributedcounter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the coalescer batches decimal increments in a key's one lane, and the deltas such batches make. */
class DecimalBatchingTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Records each batch as its callers' amounts ("L5" for the long API, "D0.5" for decimals) and completes it. */
    static final class RecordingWriter implements IncrementWriter {

        final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);

        @Override
        public void write(String key, List<PendingIncrement> batch) {
            batches.add(batch.stream().map(c -> c.decimal == null ? "L" + c.increment.amount()
                    : "D" + c.decimal.amount().toPlainString()).toList());
            entered.countDown();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (PendingIncrement call : batch) {
                if (call.decimal == null) {
                    call.complete(0L);
                } else {
                    call.complete(BigDecimal.ZERO);
                }
            }
        }
    }

    private static DecimalIncrement by(String amount) {
        return new DecimalIncrement(new BigDecimal(amount), null);
    }

    @Test
    void aBatchHoldsIncrementsOfOneApiAndDecimalsOfOneSignInArrivalOrder() throws Exception {
        RecordingWriter writer = new RecordingWriter();
        Coalescer coalescer = new Coalescer(writer, pool, 100);
        Future<?> first = pool.submit(() -> coalescer.increment("k", Increment.by(1)));
        assertThat(writer.entered.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<?>> queued = new ArrayList<>();
        List<Runnable> calls = List.of(() -> coalescer.increment("k", Increment.by(2)),
                () -> coalescer.increment("k", Increment.by(3)), () -> coalescer.increment("k", by("0.5")),
                () -> coalescer.increment("k", by("0")), () -> coalescer.increment("k", by("1.5")),
                () -> coalescer.increment("k", by("-0.25")), () -> coalescer.increment("k", by("-1")),
                () -> coalescer.increment("k", Increment.by(4)), () -> coalescer.increment("k", by("2")));
        for (Runnable call : calls) {
            int before = coalescer.queuedCount("k");
            queued.add(pool.submit(call));
            while (coalescer.queuedCount("k") == before) {
                Thread.sleep(1);
            }
        }
        writer.gate.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (Future<?> call : queued) {
            call.get(10, TimeUnit.SECONDS);
        }
        assertThat(writer.batches).containsExactly(List.of("L1"), List.of("L2", "L3"), List.of("D0.5", "D0", "D1.5"),
                List.of("D-0.25", "D-1"), List.of("L4"), List.of("D2"));
    }

    @Test
    void aCombinedDeltaBoundsTheCounterSoThatEveryRunningResultIsStorable() {
        DecimalDelta ones = DecimalDelta.combined(List.of(by("1"), by("1")));
        assertThat(ones.sum()).isEqualTo(new BigDecimal("2"));
        assertThat(ones.highest().n()).isEqualTo("9".repeat(37) + "7");
        assertThat(ones.lowest().n()).isEqualTo("-1" + "0".repeat(38));
        DecimalDelta fine = DecimalDelta.combined(List.of(by("5E-38"), by("5E-38")));
        assertThat(fine.highest().n()).as("1 - 1E-38 - 1E-37, so that 1 is refused")
                .isEqualTo("0." + "9".repeat(36) + "89");
        assertThat(fine.lowest().n()).isEqualTo("-1");
        DecimalDelta down = DecimalDelta.combined(List.of(by("-0.5"), by("-0.25")));
        assertThat(down.prefixes()).containsExactly(new BigDecimal("-0.5"), new BigDecimal("-0.75"));
        assertThat(down.highest().n()).as("10^36 - 0.01 + 0.5, rounded down to 38 digits")
                .isEqualTo("1" + "0".repeat(36) + ".4");
        assertThat(down.lowest().n()).as("-(10^36 - 0.01) + 0.75").isEqualTo("-" + "9".repeat(36) + ".24");
        assertThat(DecimalDelta.combined(List.of(by("0"), by("0"))).highest()).isNull();
    }

    @Test
    void incrementsThatOneRequestCannotCarryAreNotCombined() {
        assertThat(DecimalDelta.combined(List.of(by("1E-131"), by("1")))).as("digits below 1E-130").isNull();
        assertThat(DecimalDelta.combined(List.of(by("1"), by("1E+40")))).as("a sum of 41 digits").isNull();
        assertThat(DecimalDelta.combined(List.of(by("9.9999999999999999999999999999999999999E+125"),
                by("9.9999999999999999999999999999999999999E+125")))).as("a sum out of range").isNull();
    }
}
