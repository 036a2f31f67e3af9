package io.github.distributedcounter.internal;

import static io.github.distributedcounter.internal.DynamoDbNumbers.requireStorable;

import java.math.BigDecimal;
import java.util.Optional;

import io.github.distributedcounter.DecimalCounter;

/**
 * The decimal API of a counter: arguments checked and the closed state before any request; increments go through
 * the key's one lane in the {@link Coalescer}, batched apart from the {@code long} API's.
 */
final class DecimalView implements DecimalCounter {

    private final CounterEngine engine;
    private final CounterItems items;
    private final Coalescer coalescer;

    DecimalView(CounterEngine engine, CounterItems items, Coalescer coalescer) {
        this.engine = engine;
        this.items = items;
        this.coalescer = coalescer;
    }

    @Override
    public Optional<BigDecimal> get(String key) {
        Keys.requireValid(key);
        engine.requireOpen();
        return items.getDecimal(key);
    }

    @Override
    public void put(String key, BigDecimal value) {
        Keys.requireValid(key);
        BigDecimal stored = requireStorable(value, "value");
        engine.requireOpen();
        items.put(key, TableSchema.number(stored));
    }

    @Override
    public BigDecimal increment(String key, BigDecimal amount) {
        Keys.requireValid(key);
        return add(key, requireStorable(amount, "amount"), null);
    }

    @Override
    public BigDecimal increment(String key, BigDecimal amount, BigDecimal initialValue) {
        Keys.requireValid(key);
        return add(key, requireStorable(amount, "amount"), requireStorable(initialValue, "initialValue"));
    }

    @Override
    public BigDecimal decrement(String key, BigDecimal amount) {
        Keys.requireValid(key);
        return add(key, requireStorable(amount, "amount").negate(), null);
    }

    @Override
    public BigDecimal decrement(String key, BigDecimal amount, BigDecimal initialValue) {
        Keys.requireValid(key);
        return add(key, requireStorable(amount, "amount").negate(), requireStorable(initialValue, "initialValue"));
    }

    private BigDecimal add(String key, BigDecimal amount, BigDecimal initialValue) {
        engine.requireOpen();
        return coalescer.increment(key, new DecimalIncrement(amount, initialValue));
    }
}
