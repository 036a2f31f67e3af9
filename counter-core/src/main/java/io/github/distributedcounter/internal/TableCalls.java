package io.github.distributedcounter.internal;

import java.util.function.Supplier;

import io.github.distributedcounter.CounterObserver;
import io.github.distributedcounter.DistributedCounterException;
import io.github.distributedcounter.TableNotFoundException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Sends requests to the counter table: times each for the observer and translates failures, in one place. A
 * missing table becomes a {@link TableNotFoundException}, any other failure a {@link DistributedCounterException}
 * naming the operation, key and table, with the SDK exception as its cause.
 */
final class TableCalls {

    private final DynamoDbClient client;
    private final TableSchema schema;
    private final CounterObserver observer;

    TableCalls(DynamoDbClient client, TableSchema schema, CounterObserver observer) {
        this.client = client;
        this.schema = schema;
        this.observer = observer;
    }

    DynamoDbClient client() {
        return client;
    }

    CounterObserver observer() {
        return observer;
    }

    /**
     * Sends {@code request}; a {@link ConditionalCheckFailedException} passes through for the caller to read,
     * every other failure is translated.
     *
     * @param key the counter's key, or null for a request on the table
     */
    <T> T call(String operation, String key, Supplier<T> request) {
        try {
            return send(operation, request);
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (SdkException e) {
            throw failure(operation, key, e);
        }
    }

    /** Sends {@code request} and times it; SDK exceptions pass through untranslated. */
    <T> T send(String operation, Supplier<T> request) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T response = request.get();
            outcome = "success";
            return response;
        } catch (ConditionalCheckFailedException e) {
            outcome = "condition_failed";
            throw e;
        } catch (SdkException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DistributedCounterException(operation + " on table '" + schema.tableName() + "' failed: " + e,
                    e);
        } finally {
            observer.requestCompleted(operation, outcome, System.nanoTime() - start);
        }
    }

    /** Wraps an SDK failure; a missing table becomes a {@link TableNotFoundException}. */
    DistributedCounterException failure(String operation, String key, SdkException e) {
        if (e instanceof ResourceNotFoundException) {
            return new TableNotFoundException(schema.tableName(), schema.keyAttribute(), e);
        }
        String table = "table '" + schema.tableName() + "'";
        String target = key == null ? table : "key '" + key + "' in " + table;
        return new DistributedCounterException(operation + " on " + target + " failed: " + e.getMessage(), e);
    }
}
