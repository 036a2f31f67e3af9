package io.github.distributedcounter;

import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * The calls of {@link DistributedCounter}, each returning a future. Arguments are checked before the call
 * returns: bad ones throw {@link IllegalArgumentException} at once. Every other failure completes the
 * future exceptionally with the exception the synchronous call would throw, including a
 * {@link CounterClosedException} after the counter was closed.
 * <p>
 * An increment's future is completed on another thread than the one sending the key's request, so its callbacks
 * may call the counter, blocking too. Cancelling the future does not withdraw the increment: it is still sent, and
 * its value is taken even though no one receives it.
 */
public interface AsyncDistributedCounter {

    /** See {@link DistributedCounter#get(String)}. */
    CompletableFuture<OptionalLong> get(String key);

    /** See {@link DistributedCounter#getAll(Collection)}. */
    CompletableFuture<Map<String, Long>> getAll(Collection<String> keys);

    /** See {@link DistributedCounter#put(String, long)}. */
    CompletableFuture<Void> put(String key, long value);

    /** See {@link DistributedCounter#increment(String, long)}. */
    CompletableFuture<Long> increment(String key, long amount);

    /** See {@link DistributedCounter#increment(String, long, long)}. */
    CompletableFuture<Long> increment(String key, long amount, long initialValue);

    /** See {@link DistributedCounter#decrement(String, long)}. */
    CompletableFuture<Long> decrement(String key, long amount);

    /** See {@link DistributedCounter#decrement(String, long, long)}. */
    CompletableFuture<Long> decrement(String key, long amount, long initialValue);

    /** See {@link DistributedCounter#incrementIfAtMost(String, long, long)}. */
    CompletableFuture<OptionalLong> incrementIfAtMost(String key, long amount, long maximum);

    /** See {@link DistributedCounter#compareAndSet(String, long, long)}. */
    CompletableFuture<Boolean> compareAndSet(String key, long expectedValue, long newValue);

    /** See {@link DistributedCounter#delete(String)}. */
    CompletableFuture<Boolean> delete(String key);
}
