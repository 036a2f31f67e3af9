package io.github.distributedcounter;

/**
 * The counter table does not exist, or is not yet active, in the DynamoDB the counter talks to.
 */
public class TableNotFoundException extends DistributedCounterException {

    private static final long serialVersionUID = 1L;

    private final String tableName;

    public TableNotFoundException(String tableName, String keyAttribute, Throwable cause) {
        super("DynamoDB table '" + tableName + "' does not exist or is not active. Create it with "
                + "DistributedCounter.createTable() (Spring Boot: distributed-counter.create-table=true), "
                + "or yourself with the String partition key '" + keyAttribute + "'", cause);
        this.tableName = tableName;
    }

    /** The name of the missing table. */
    public String tableName() {
        return tableName;
    }
}
