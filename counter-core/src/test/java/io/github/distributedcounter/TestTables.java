package io.github.distributedcounter;

import java.util.UUID;
import java.util.function.Consumer;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Fresh tables on the shared DynamoDB emulator, one per test. */
final class TestTables {

    private TestTables() {
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** A counter with default options on a new, active table. */
    static DynamoDbDistributedCounter newCounter(DynamoDbClient client) {
        return newCounter(client, builder -> { });
    }

    /** A counter with {@code options} on a new, active table. */
    static DynamoDbDistributedCounter newCounter(DynamoDbClient client,
            Consumer<DynamoDbDistributedCounter.Builder> options) {
        DynamoDbDistributedCounter.Builder builder = DynamoDbDistributedCounter.builder()
                .dynamoDbClient(client).tableName(uniqueName("counters"));
        options.accept(builder);
        DynamoDbDistributedCounter counter = builder.build();
        counter.createTable();
        return counter;
    }

    /**
     * How many items the table holds. The DynamoDB emulator that these tests run on answers Scan with an error (it
     * does not implement it) and keeps DescribeTable's ItemCount exact at every moment; DynamoDB itself refreshes
     * ItemCount about every six hours, so on AWS this would have to be a Scan.
     */
    static long itemCount(DynamoDbClient client, String table) {
        return client.describeTable(b -> b.tableName(table)).table().itemCount();
    }
}
