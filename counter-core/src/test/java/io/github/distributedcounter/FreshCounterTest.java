package io.github.distributedcounter;

import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Base of tests that each get a counter with default settings on a new table, closed afterwards. */
@DynamoDbEmulatorTest
abstract class FreshCounterTest {

    protected final DynamoDbClient client;
    protected DynamoDbDistributedCounter counter;

    FreshCounterTest(DynamoDbClient client) {
        this.client = client;
    }

    @BeforeEach
    void createCounter() {
        counter = TestTables.newCounter(client);
    }

    @AfterEach
    void closeCounter() {
        counter.close();
    }
}
