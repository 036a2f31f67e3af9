package io.github.distributedcounter;

import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Counters shared by every instance of an application.
 * <p>
 * Every value returned by {@code increment} and {@code decrement} is the one that some serial order of all
 * calls, on all instances, would return: with {@code if (counter.increment(key, 1) % 100 == 0) run();} on any
 * number of servers, {@code run()} happens exactly once per 100 calls.
 * <p>
 * Keys are non-empty, well-formed UTF-16 strings (no unpaired surrogates) of at most 2048 bytes in UTF-8. Bad arguments throw
 * {@link IllegalArgumentException} before any request; a result outside the {@code long} range throws
 * {@link ArithmeticException} and writes nothing; every other failure is a {@link DistributedCounterException}.
 */
public interface DistributedCounter {

    /**
     * Creates the counter table if it does not exist; an existing table is fine. The next call on this counter
     * waits until the table is active. The DynamoDB implementation describes the table first and sends
     * CreateTable only when it is missing, so it needs no {@code dynamodb:CreateTable} permission for an existing
     * table.
     */
    void createTable();

    /** The value of the counter under {@code key}, or empty where there is none. */
    OptionalLong get(String key);

    /**
     * The values of the counters under {@code keys}, read in as few requests as possible. Keys without a
     * counter are absent from the result.
     */
    Map<String, Long> getAll(Collection<String> keys);

    /** Sets the counter under {@code key} to {@code value}, creating it where there is none. */
    void put(String key, long value);

    /**
     * Atomically adds {@code amount} to the counter under {@code key}.
     *
     * @return the new value
     * @throws CounterNotFoundException if there is no counter under {@code key}; nothing is written
     */
    long increment(String key, long amount);

    /**
     * Atomically adds {@code amount} to the counter under {@code key}; where there is none it starts at
     * {@code initialValue}. {@code increment("k", 0, 10)} returns 10 for a new key, {@code increment("k", 1, 10)}
     * returns 11.
     *
     * @return the new value
     */
    long increment(String key, long amount, long initialValue);

    /** {@link #increment(String, long)} with {@code -amount}. */
    long decrement(String key, long amount);

    /** {@link #increment(String, long, long)} with {@code -amount}. */
    long decrement(String key, long amount, long initialValue);

    /**
     * Adds {@code amount} (at least 0) unless the new value would exceed {@code maximum}; a key with no counter
     * counts as 0. Use it for quotas.
     *
     * @return the new value, or empty where the bound stopped the increment and nothing was written
     */
    OptionalLong incrementIfAtMost(String key, long amount, long maximum);

    /**
     * Sets the counter to {@code newValue} if it holds {@code expectedValue}.
     *
     * @return whether the value was set; {@code false} also where there is no counter
     */
    boolean compareAndSet(String key, long expectedValue, long newValue);

    /**
     * Deletes the counter under {@code key}.
     *
     * @return whether there was a counter
     */
    boolean delete(String key);

    /** The same counters with every call returning a {@link java.util.concurrent.CompletableFuture}. */
    AsyncDistributedCounter async();

    /**
     * The same counters in {@link java.math.BigDecimal}, for counters that hold decimals (as the Python package can
     * write).
     */
    DecimalCounter decimal();
}
