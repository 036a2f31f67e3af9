package io.github.distributedcounter;

import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * A counter that can say which DynamoDB table it uses and describe it, e.g. for a health check.
 * {@link DynamoDbDistributedCounter} implements it; a counter of your own that wraps one (or a proxy of one) can
 * implement it too by delegating.
 */
public interface DescribesTable {

    /** The name of the counter table. */
    String tableName();

    /**
     * The table's current status as DynamoDB reports it, e.g. {@code ACTIVE}.
     *
     * @throws TableNotFoundException if the table does not exist
     * @throws DistributedCounterException if DynamoDB cannot be reached or refuses the request
     */
    TableStatus tableStatus();
}
