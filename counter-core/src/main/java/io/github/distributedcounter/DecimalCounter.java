package io.github.distributedcounter;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The counters of a {@link DistributedCounter} in {@link BigDecimal}, for counters that hold decimals (as the Python
 * package {@code distributed_counter} can write): exact arithmetic, with the same guarantees as the {@code long} API
 * (every returned value is one some serial order of all calls would return; exactly-once under retries; concurrent
 * increments of a key combined into one request).
 * <p>
 * Values are numbers DynamoDB can store: at most 38 significant digits, magnitude from 1E-130 to
 * 9.9999999999999999999999999999999999999E+125, or 0. Values returned are as DynamoDB stores them, without trailing
 * zeros after the decimal point and never in exponent form: {@code 1.50 + 1} returns {@code 2.5} (scale 1),
 * {@code 50 + 50} returns {@code 100} (scale 0), so {@code get} and {@code increment} return equal values. An
 * amount or value DynamoDB cannot store throws {@link IllegalArgumentException} before any request; a result it
 * cannot store throws {@link ArithmeticException} and writes nothing.
 */
public interface DecimalCounter {

    /** The value of the counter under {@code key}, or empty where there is none; a {@code long} counter's too. */
    Optional<BigDecimal> get(String key);

    /** Sets the counter under {@code key} to {@code value}, creating it where there is none. */
    void put(String key, BigDecimal value);

    /**
     * Atomically adds {@code amount} to the counter under {@code key}.
     *
     * @return the new value
     * @throws CounterNotFoundException if there is no counter under {@code key}; nothing is written
     * @throws ArithmeticException if DynamoDB cannot store the new value; nothing is written
     */
    BigDecimal increment(String key, BigDecimal amount);

    /**
     * Atomically adds {@code amount} to the counter under {@code key}; where there is none it starts at
     * {@code initialValue}, in the same request.
     *
     * @return the new value
     * @throws ArithmeticException if DynamoDB cannot store the new value; nothing is written
     */
    BigDecimal increment(String key, BigDecimal amount, BigDecimal initialValue);

    /** {@link #increment(String, BigDecimal)} with {@code -amount}. */
    BigDecimal decrement(String key, BigDecimal amount);

    /** {@link #increment(String, BigDecimal, BigDecimal)} with {@code -amount}. */
    BigDecimal decrement(String key, BigDecimal amount, BigDecimal initialValue);
}
