package io.github.distributedcounter.internal;

import java.math.BigDecimal;

/** An increment was applied, and the counter's new value is one a long cannot hold, e.g. a decimal. */
final class NotALongException extends Exception {

    private static final long serialVersionUID = 1L;

    private final BigDecimal newValue;

    NotALongException(BigDecimal newValue) {
        super(null, null, false, false);
        this.newValue = newValue;
    }

    /** The counter's value after the increment. */
    BigDecimal newValue() {
        return newValue;
    }
}
