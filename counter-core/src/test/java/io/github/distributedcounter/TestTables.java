package io.github.distributedcounter;

import java.util.UUID;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Fresh tables on the shared DynamoDB emulator, one per test. */
final class TestTables {

    private TestTables() {
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** A counter on a new, active table. */
    static DynamoDbDistributedCounter newCounter(DynamoDbClient client) {
        DynamoDbDistributedCounter counter = DynamoDbDistributedCounter.builder()
                .dynamoDbClient(client).tableName(uniqueName("counters")).build();
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
