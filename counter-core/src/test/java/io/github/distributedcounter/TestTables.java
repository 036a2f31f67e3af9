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

    static int itemCount(DynamoDbClient client, String table) {
        return client.scan(b -> b.tableName(table)).count();
    }
}
