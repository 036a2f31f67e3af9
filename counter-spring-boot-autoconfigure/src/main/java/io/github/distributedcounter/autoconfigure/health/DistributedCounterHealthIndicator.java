package io.github.distributedcounter.autoconfigure.health;

import io.github.distributedcounter.DynamoDbDistributedCounter;
import io.github.distributedcounter.TableNotFoundException;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * UP when the counter table is ACTIVE; DOWN, with the reason, when it is in another state, missing, or
 * DynamoDB cannot be reached.
 */
public class DistributedCounterHealthIndicator extends AbstractHealthIndicator {

    private final DynamoDbDistributedCounter counter;

    public DistributedCounterHealthIndicator(DynamoDbDistributedCounter counter) {
        super("Distributed counter health check failed");
        this.counter = counter;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("table", counter.tableName());
        TableStatus status;
        try {
            status = counter.tableStatus();
        } catch (TableNotFoundException e) {
            builder.down().withDetail("status", "MISSING").withDetail("error", "table does not exist");
            return;
        }
        builder.withDetail("status", status.toString());
        if (status == TableStatus.ACTIVE) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
