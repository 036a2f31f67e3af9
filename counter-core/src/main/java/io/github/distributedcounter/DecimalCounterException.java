package io.github.distributedcounter;

import java.math.BigDecimal;

/**
 * An increment or decrement through the {@code long} API was applied to a counter that holds a decimal (as the
 * Python package can write): it is counted, and {@link #value()} is the value it produced, which a {@code long}
 * cannot hold. Do not retry it. {@link DistributedCounter#decimal()} works on such counters in {@link BigDecimal}.
 */
public class DecimalCounterException extends DistributedCounterException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final BigDecimal value;

    public DecimalCounterException(String key, BigDecimal value) {
        super("The increment of counter '" + key + "' was applied, but the counter holds a decimal: it is now "
                + value.toPlainString() + ", which a long cannot hold. Do not retry it");
        this.key = key;
        this.value = value;
    }

    /** The key of the counter. */
    public String key() {
        return key;
    }

    /** The value the increment produced. */
    public BigDecimal value() {
        return value;
    }
}
