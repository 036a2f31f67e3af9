package io.github.distributedcounter.autoconfigure.health;

import io.github.distributedcounter.DescribesTable;
import io.github.distributedcounter.DistributedCounter;
import io.github.distributedcounter.TableNotFoundException;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * UP when the counter table is ACTIVE; DOWN, with the reason, when it is in another state, missing, or
 * DynamoDB cannot be reached. The counter must implement {@link DescribesTable}, as
 * {@code DynamoDbDistributedCounter} does; for one that does not, the status is UNKNOWN with the reason.
 */
public class DistributedCounterHealthIndicator extends AbstractHealthIndicator {

    private final DistributedCounter counter;

    public DistributedCounterHealthIndicator(DistributedCounter counter) {
        super("Distributed counter health check failed");
        this.counter = counter;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (!(counter instanceof DescribesTable table)) {
            builder.unknown().withDetail("error", "the DistributedCounter bean (" + counter.getClass().getName()
                    + ") does not implement " + DescribesTable.class.getName() + ", so its table cannot be checked");
            return;
        }
        builder.withDetail("table", table.tableName());
        TableStatus status;
        try {
            status = table.tableStatus();
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
