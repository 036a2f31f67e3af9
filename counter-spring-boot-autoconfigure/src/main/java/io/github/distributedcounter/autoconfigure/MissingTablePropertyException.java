package io.github.distributedcounter.autoconfigure;

/** Start-up failure: {@code distributed-counter.table} is not set. */
public class MissingTablePropertyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public MissingTablePropertyException() {
        super("distributed-counter.table is not set");
    }
}
