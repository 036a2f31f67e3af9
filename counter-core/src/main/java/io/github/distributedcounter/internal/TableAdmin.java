package io.github.distributedcounter.internal;

import java.time.Duration;

import io.github.distributedcounter.DistributedCounterException;
import io.github.distributedcounter.TableNotFoundException;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/** Creates and describes the counter table; after {@link #createTable()} the next request waits until it is active. */
final class TableAdmin {

    private final TableCalls calls;
    private final TableSchema schema;
    private final ProvisionedThroughput provisionedThroughput;
    private final Duration activeTimeout;
    private final AwsRequestOverrideConfiguration override;
    private volatile boolean awaitingActive;

    /** {@code provisionedThroughput} null: on-demand billing. */
    TableAdmin(TableCalls calls, TableSchema schema, ProvisionedThroughput provisionedThroughput,
            Duration activeTimeout, AwsRequestOverrideConfiguration override) {
        this.calls = calls;
        this.schema = schema;
        this.provisionedThroughput = provisionedThroughput;
        this.activeTimeout = activeTimeout;
        this.override = override;
    }

    /**
     * Creates the table if missing. An existing table is only described, so a role without
     * {@code dynamodb:CreateTable} can start against a table that is already there.
     */
    void createTable() {
        if (exists()) {
            awaitingActive = true;
            return;
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(schema.tableName())
                .keySchema(KeySchemaElement.builder().attributeName(schema.keyAttribute()).keyType(KeyType.HASH)
                        .build())
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName(schema.keyAttribute()).attributeType(ScalarAttributeType.S).build());
        if (provisionedThroughput == null) {
            request.billingMode(BillingMode.PAY_PER_REQUEST);
        } else {
            request.billingMode(BillingMode.PROVISIONED).provisionedThroughput(provisionedThroughput);
        }
        CreateTableRequest create = request.overrideConfiguration(override).build();
        try {
            calls.call("CreateTable", null, () -> calls.client().createTable(create));
        } catch (DistributedCounterException e) {
            if (!(e.getCause() instanceof ResourceInUseException)) {
                throw e;
            }
            // an existing table is fine; it may still be CREATING
        }
        awaitingActive = true;
    }

    /**
     * Whether DescribeTable finds the table; {@code false} where it is missing, and also where it cannot be
     * described (e.g. no {@code dynamodb:DescribeTable}), so that CreateTable decides and reports.
     */
    private boolean exists() {
        try {
            describe();
            return true;
        } catch (ResourceNotFoundException missing) {
            return false;
        } catch (SdkException | DistributedCounterException cannotTell) {
            return false;
        }
    }

    TableStatus describeStatus() {
        try {
            return describe();
        } catch (SdkException e) {
            throw calls.failure("DescribeTable", null, e);
        }
    }

    private TableStatus describe() {
        return calls.send("DescribeTable", () -> calls.client().describeTable(b -> b.tableName(schema.tableName())
                .overrideConfiguration(override))).table().tableStatus();
    }

    /** Waits, once after {@link #createTable()}, until the table is active. */
    void awaitActive() {
        if (!awaitingActive) {
            return;
        }
        synchronized (this) {
            if (!awaitingActive) {
                return;
            }
            try (DynamoDbWaiter waiter = calls.client().waiter()) {
                waiter.waitUntilTableExists(b -> b.tableName(schema.tableName()), o -> o.waitTimeout(activeTimeout))
                        .matched().exception().ifPresent(e -> {
                            throw new TableNotFoundException(schema.tableName(), schema.keyAttribute(), e);
                        });
            } catch (SdkException e) {
                throw new DistributedCounterException("Table '" + schema.tableName() + "' did not become active within "
                        + activeTimeout.toSeconds() + " s", e);
            }
            awaitingActive = false;
        }
    }
}
