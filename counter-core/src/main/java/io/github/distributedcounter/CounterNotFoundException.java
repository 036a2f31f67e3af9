package io.github.distributedcounter;

/**
 * An increment or decrement without an initial value found no counter under its key; nothing was written.
 */
public class CounterNotFoundException extends DistributedCounterException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public CounterNotFoundException(String key) {
        super("No counter under key '" + key + "'; put a value first or pass an initial value");
        this.key = key;
    }

    /** The key that has no counter. */
    public String key() {
        return key;
    }
}
