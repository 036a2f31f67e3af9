package io.github.distributedcounter;

/**
 * A call on a counter after its {@code close()}: nothing was sent. Synchronous calls throw it; asynchronous
 * calls return a future completed exceptionally with it.
 */
public class CounterClosedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public CounterClosedException(String tableName) {
        super("Counter on table '" + tableName + "' is closed; build a new one to use the table again");
    }
}
