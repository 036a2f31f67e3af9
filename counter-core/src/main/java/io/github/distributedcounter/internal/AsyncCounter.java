package io.github.distributedcounter.internal;

import static io.github.distributedcounter.internal.CounterEngine.negate;
import static io.github.distributedcounter.internal.CounterEngine.requireNonNegative;
import static io.github.distributedcounter.internal.CounterEngine.requireValidKeys;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import io.github.distributedcounter.AsyncDistributedCounter;

/**
 * The asynchronous calls: arguments checked at once, the call run on the executor through a {@link Handoff}, so
 * that no executor can lose it (increments: coalesced).
 */
final class AsyncCounter implements AsyncDistributedCounter {

    private final CounterEngine engine;
    private final CounterItems items;
    private final Coalescer coalescer;
    private final Handoff handoff;

    AsyncCounter(CounterEngine engine, CounterItems items, Coalescer coalescer, Handoff handoff) {
        this.engine = engine;
        this.items = items;
        this.coalescer = coalescer;
        this.handoff = handoff;
    }

    @Override
    public CompletableFuture<OptionalLong> get(String key) {
        Keys.requireValid(key);
        return supply(() -> items.get(key));
    }

    @Override
    public CompletableFuture<Map<String, Long>> getAll(Collection<String> keys) {
        List<String> valid = requireValidKeys(keys);
        return supply(() -> items.getAll(valid));
    }

    @Override
    public CompletableFuture<Void> put(String key, long value) {
        Keys.requireValid(key);
        return supply(() -> {
            items.put(key, value);
            return null;
        });
    }

    @Override
    public CompletableFuture<Long> increment(String key, long amount) {
        Keys.requireValid(key);
        return engine.isClosed() ? engine.closedFuture() : coalescer.incrementAsync(key, Increment.by(amount));
    }

    @Override
    public CompletableFuture<Long> increment(String key, long amount, long initialValue) {
        Keys.requireValid(key);
        return engine.isClosed() ? engine.closedFuture()
                : coalescer.incrementAsync(key, Increment.startingAt(amount, initialValue));
    }

    @Override
    public CompletableFuture<Long> decrement(String key, long amount) {
        return increment(key, negate(amount));
    }

    @Override
    public CompletableFuture<Long> decrement(String key, long amount, long initialValue) {
        return increment(key, negate(amount), initialValue);
    }

    @Override
    public CompletableFuture<OptionalLong> incrementIfAtMost(String key, long amount, long maximum) {
        Keys.requireValid(key);
        requireNonNegative(amount);
        return supply(() -> items.incrementIfAtMost(key, amount, maximum));
    }

    @Override
    public CompletableFuture<Boolean> compareAndSet(String key, long expectedValue, long newValue) {
        Keys.requireValid(key);
        return supply(() -> items.compareAndSet(key, expectedValue, newValue));
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        Keys.requireValid(key);
        return supply(() -> items.delete(key));
    }

    /** Runs {@code call} on the executor, or where it does not take it on the counter's own thread. */
    private <T> CompletableFuture<T> supply(Supplier<T> call) {
        if (engine.isClosed()) {
            return engine.closedFuture();
        }
        CompletableFuture<T> future = new CompletableFuture<>();
        handoff.execute(() -> {
            try {
                future.complete(call.get());
            } catch (Throwable e) {
                future.completeExceptionally(new CompletionException(e));
            }
        });
        return future;
    }
}
