package io.github.distributedcounter.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.github.distributedcounter.CounterNotFoundException;
import io.github.distributedcounter.IncrementNotSentException;
import io.github.distributedcounter.OutcomeUnknownException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Sends increment requests, exactly once where {@link ExactlyOnce} is on: each request carries the next
 * sequence number; a request whose outcome is unknown is re-sent unchanged until DynamoDB confirms it or the
 * outcome resolution timeout passes; a re-sent request that was already applied fails its condition and is
 * resolved from the recorded base value; other instances' stale entries are pruned in the background.
 */
final class IncrementSender {

    private final TableCalls calls;
    private final TableAdmin admin;
    private final CounterRequests requests;
    private final TableSchema schema;
    private final KnownKeys knownKeys;
    private final ExactlyOnce exactlyOnce;
    private final Executor pruneExecutor;
    private final Set<String> pruning = ConcurrentHashMap.newKeySet();

    /** {@code exactlyOnce} null: exactly-once is off, and nothing is re-sent or pruned. */
    IncrementSender(TableCalls calls, TableAdmin admin, CounterRequests requests, TableSchema schema,
            KnownKeys knownKeys, ExactlyOnce exactlyOnce, Executor pruneExecutor) {
        this.calls = calls;
        this.admin = admin;
        this.requests = requests;
        this.schema = schema;
        this.knownKeys = knownKeys;
        this.exactlyOnce = exactlyOnce;
        this.pruneExecutor = pruneExecutor;
    }

    /**
     * Adds {@code delta.sum()} in one request. Keys this counter has written before get the shorter request that
     * assumes the counter (and this instance's entry) exists; where that no longer holds, the full request
     * follows with the same sequence number.
     *
     * @return the new value
     * @throws ConditionNotMetException if the condition failed; nothing was written
     * @throws IncrementNotSentException if the calling thread is interrupted, or the SDK failed before sending
     */
    long add(String key, Delta delta) throws ConditionNotMetException {
        admin.awaitActive();
        if (Thread.currentThread().isInterrupted()) {
            throw NotSent.interrupted(key);
        }
        long sequence = exactlyOnce == null ? 0 : exactlyOnce.nextSequence();
        boolean known = knownKeys.contains(key);
        UpdateItemRequest request = request(key, delta, known, sequence);
        long deadline = 0;
        for (int attempt = 1; ; attempt++) {
            UpdateItemRequest sent = request;
            try {
                Map<String, AttributeValue> item = calls.send("UpdateItem", () -> calls.client().updateItem(sent))
                        .attributes();
                if (exactlyOnce != null) {
                    pruneStaleEntries(key, item);
                }
                remember(key, known);
                return schema.value(key, item);
            } catch (ConditionalCheckFailedException e) {
                Map<String, AttributeValue> old = e.hasItem() ? e.item() : Map.of();
                AttributeValue recorded = exactlyOnce == null ? null : old.get(exactlyOnce.sequenceAttribute());
                if (recorded != null && Long.toString(sequence).equals(recorded.n())) {
                    remember(key, known);
                    return schema.number(key, old.get(exactlyOnce.baseAttribute())) + delta.sum();
                }
                if (known && (!schema.holdsValue(old) || exactlyOnce != null && recorded == null)) {
                    known = false;
                    knownKeys.remove(key);
                    request = request(key, delta, false, sequence);
                    continue;
                }
                throw new ConditionNotMetException(old);
            } catch (SdkException e) {
                if (known && isValidationError(e)) {
                    known = false;
                    knownKeys.remove(key);
                    request = request(key, delta, false, sequence);
                    continue;
                }
                if (deadline == 0 && NotSent.proves(e)) {
                    throw NotSent.failed(key, schema.tableName(), e);
                }
                if (exactlyOnce == null || !ExactlyOnce.worthResending(e)) {
                    throw calls.failure("UpdateItem", key, e);
                }
                long now = System.nanoTime();
                if (deadline == 0) {
                    deadline = now + exactlyOnce.resolveTimeout().toNanos();
                }
                if (now >= deadline) {
                    throw new OutcomeUnknownException("Increment of key '" + key + "' in table '"
                            + schema.tableName() + "' may or may not have been applied: DynamoDB did not confirm it "
                            + "within " + exactlyOnce.resolveTimeout().toMillis() + " ms of retries. Last error: "
                            + e.getMessage(), e);
                }
                sleep(Math.min(exactlyOnce.backoff(attempt).toNanos(), deadline - now));
            }
        }
    }

    private UpdateItemRequest request(String key, Delta delta, boolean known, long sequence) {
        return requests.increment(key, delta, IncrementShape.of(delta, known, exactlyOnce != null), sequence);
    }

    private void remember(String key, boolean known) {
        if (!known) {
            knownKeys.add(key);
        }
    }

    /** The exception a single caller gets when its increment's condition failed. */
    RuntimeException conditionFailure(String key, Increment increment, Map<String, AttributeValue> old) {
        if (!schema.holdsValue(old)) {
            return increment.initialValue().isPresent()
                    ? new ArithmeticException("Initial value plus " + increment.amount() + " for key '" + key
                            + "' is outside the long range; nothing was written")
                    : new CounterNotFoundException(key);
        }
        return new ArithmeticException("Adding " + increment.amount() + " to counter '" + key + "' ("
                + schema.value(key, old) + ") would leave the long range; nothing was written");
    }

    private static boolean isValidationError(SdkException e) {
        return e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && "ValidationException".equals(service.awsErrorDetails().errorCode());
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutcomeUnknownException("Interrupted while confirming an increment; it may or may not have "
                    + "been applied", e);
        }
    }

    /** Removes other instances' bookkeeping older than the retention, in the background, once per key at a time. */
    private void pruneStaleEntries(String key, Map<String, AttributeValue> item) {
        Map<String, String> stale = exactlyOnce.staleEntries(item);
        if (stale.isEmpty() || !pruning.add(key)) {
            return;
        }
        try {
            pruneExecutor.execute(() -> {
                try {
                    calls.send("UpdateItem", () -> calls.client().updateItem(requests.removeEntries(key, stale)));
                } catch (RuntimeException e) {
                    // an instance wrote again, or DynamoDB failed: the next write of this key tries again
                } finally {
                    pruning.remove(key);
                }
            });
        } catch (RuntimeException rejected) {
            pruning.remove(key);
        }
    }
}
