package io.github.distributedcounter.internal;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

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
 * resolved from the recorded base value (read with a strongly consistent read where the failure came without the
 * item, as it is where DynamoDB refuses a re-sent request's new value as a number it cannot store); after each write,
 * and at once where the item is too large to take the increment, the {@link StaleEntryPruner} removes other
 * instances' stale entries.
 */
final class IncrementSender {

    private final TableCalls calls;
    private final TableAdmin admin;
    private final CounterRequests requests;
    private final TableSchema schema;
    private final KnownKeys knownKeys;
    private final ExactlyOnce exactlyOnce;
    private final StaleEntryPruner pruner;
    private final ThrottledKeys throttledKeys;

    /**
     * {@code exactlyOnce} null: exactly-once is off, and nothing is re-sent or pruned except throttled requests
     * where {@code throttledKeys} paces them; {@code throttledKeys} null: throttled requests are left to the AWS
     * SDK's retries.
     */
    IncrementSender(TableCalls calls, TableAdmin admin, CounterRequests requests, TableSchema schema,
            KnownKeys knownKeys, ExactlyOnce exactlyOnce, StaleEntryPruner pruner, ThrottledKeys throttledKeys) {
        this.calls = calls;
        this.admin = admin;
        this.requests = requests;
        this.schema = schema;
        this.knownKeys = knownKeys;
        this.exactlyOnce = exactlyOnce;
        this.pruner = pruner;
        this.throttledKeys = throttledKeys;
    }

    /** Whether increments of {@code key} are being paced after throttling. */
    boolean paced(String key) {
        return throttledKeys != null && throttledKeys.pacer().interval(key) > 0;
    }

    /**
     * Sends one request that adds the delta. Keys this counter has written before get the shorter request that
     * assumes the counter (and this instance's entry) exists; where that no longer holds, the full request
     * follows with the same sequence number. Where the request carries several callers' increments ({@code
     * contended}) or the key is paced, DynamoDB's throttling of the key comes back here and paces it; otherwise the
     * AWS SDK retries it, and the key is paced only once those retries give up.
     *
     * @throws ConditionNotMetException if the condition failed; nothing was written
     * @throws NumberRefusedException if DynamoDB cannot store the new value; nothing was written
     * @throws IncrementNotSentException if the calling thread is interrupted, or the SDK failed before sending
     */
    AppliedIncrement add(String key, Addend delta, boolean contended)
            throws ConditionNotMetException, NumberRefusedException {
        admin.awaitActive();
        if (Thread.currentThread().isInterrupted()) {
            throw NotSent.interrupted(key);
        }
        long sequence = exactlyOnce == null ? 0 : exactlyOnce.nextSequence();
        boolean known = knownKeys.contains(key);
        boolean paceable = throttledKeys != null && (contended || paced(key));
        UpdateItemRequest request = request(key, delta, known, sequence, paceable);
        long deadline = 0;
        boolean prunedToFit = false;
        for (int attempt = 1; ; attempt++) {
            UpdateItemRequest sent = request;
            awaitPace(key);
            long started = System.nanoTime();
            try {
                Map<String, AttributeValue> item = calls.send("UpdateItem", () -> calls.client().updateItem(sent))
                        .attributes();
                admitted(key);
                if (exactlyOnce != null) {
                    pruner.pruneInBackground(key, item);
                }
                remember(key, known);
                return new AppliedIncrement(schema, key, item.get(schema.valueAttribute()), false);
            } catch (ConditionalCheckFailedException e) {
                admitted(key);
                Map<String, AttributeValue> old = e.hasItem() && !e.item().isEmpty()
                        ? e.item() : readAfterFailure(key, e);
                AttributeValue recorded = exactlyOnce == null ? null : old.get(exactlyOnce.sequenceAttribute());
                if (recorded != null && Long.toString(sequence).equals(recorded.n())) {
                    remember(key, known);
                    return new AppliedIncrement(schema, key, old.get(exactlyOnce.baseAttribute()), true);
                }
                if (known && (!schema.holdsValue(old) || exactlyOnce != null && recorded == null)) {
                    known = false;
                    knownKeys.remove(key);
                    request = request(key, delta, false, sequence, paceable);
                    continue;
                }
                throw new ConditionNotMetException(old);
            } catch (SdkException e) {
                if (!prunedToFit && exactlyOnce != null && isItemTooLarge(e)) {
                    prunedToFit = true;
                    if (pruner.pruneToFit(key)) {
                        continue;
                    }
                }
                if (known && isValidationError(e)) {
                    known = false;
                    knownKeys.remove(key);
                    request = request(key, delta, false, sequence, paceable);
                    continue;
                }
                if (NumberRefusedException.isCause(e)) {
                    AppliedIncrement earlier = exactlyOnce == null ? null : appliedEarlier(key, sequence, e);
                    if (earlier == null) {
                        throw new NumberRefusedException();
                    }
                    return earlier;
                }
                boolean paced = throttledKeys != null && ThrottlingNotRetried.isKeyThrottled(e);
                if (!paced && deadline == 0 && NotSent.proves(e)) {
                    throw NotSent.failed(key, schema.tableName(), e);
                }
                if (paced) {
                    throttledKeys.pacer().throttled(key, System.nanoTime() - started);
                    if (!paceable) {
                        paceable = true;
                        request = request(key, delta, known, sequence, true);
                    }
                } else if (exactlyOnce == null || !ExactlyOnce.worthResending(e)) {
                    throw calls.failure("UpdateItem", key, e);
                }
                long now = System.nanoTime();
                if (deadline == 0) {
                    deadline = now + (exactlyOnce != null ? exactlyOnce.resolveTimeout()
                            : throttledKeys.resendTimeout()).toNanos();
                }
                if (now >= deadline && exactlyOnce == null) {
                    throw calls.failure("UpdateItem", key, e);
                }
                if (now >= deadline) {
                    throw new OutcomeUnknownException("Increment of key '" + key + "' in table '"
                            + schema.tableName() + "' may or may not have been applied: DynamoDB did not confirm it "
                            + "within " + exactlyOnce.resolveTimeout().toMillis() + " ms of retries. Last error: "
                            + e.getMessage(), e);
                }
                if (!paced) {
                    sleep(Math.min(exactlyOnce.backoff(attempt).toNanos(), deadline - now));
                }
            }
        }
    }

    /** Waits for {@code key}'s turn where it is paced; an interrupt does not shorten the wait, and stays set. */
    private void awaitPace(String key) {
        long wait = throttledKeys == null ? 0 : throttledKeys.pacer().reserve(key);
        if (wait <= 0) {
            return;
        }
        calls.observer().paced(wait);
        long until = System.nanoTime() + wait;
        boolean interrupted = false;
        for (long left = wait; left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void admitted(String key) {
        if (throttledKeys != null) {
            throttledKeys.pacer().succeeded(key);
        }
    }

    /**
     * The item as a strongly consistent read finds it, for an increment whose condition failed without DynamoDB
     * returning the item (there is none, or the response left it out): what decides whether an earlier attempt
     * was applied. An empty map where there is no item.
     *
     * @throws OutcomeUnknownException if the read fails, as the increment's outcome is then unknown
     */
    private Map<String, AttributeValue> readAfterFailure(String key, SdkException failed) {
        try {
            Map<String, AttributeValue> item = calls.send("GetItem",
                    () -> calls.client().getItem(requests.valueAndEntry(key))).item();
            return item == null ? Map.of() : item;
        } catch (SdkException e) {
            e.addSuppressed(failed);
            throw new OutcomeUnknownException("Increment of key '" + key + "' in table '" + schema.tableName()
                    + "' may or may not have been applied: DynamoDB's answer did not show it, and reading the item "
                    + "failed: " + e.getMessage(), e);
        }
    }

    /**
     * For a request that DynamoDB refused: whether an earlier attempt, whose response was lost (the AWS SDK's retry
     * or this sender's), was applied, as the item's entry for this instance says; null if not.
     */
    private AppliedIncrement appliedEarlier(String key, long sequence, SdkException refused) {
        Map<String, AttributeValue> item = readAfterFailure(key, refused);
        AttributeValue recorded = exactlyOnce == null ? null : item.get(exactlyOnce.sequenceAttribute());
        return recorded != null && Long.toString(sequence).equals(recorded.n())
                ? new AppliedIncrement(schema, key, item.get(exactlyOnce.baseAttribute()), true) : null;
    }

    private UpdateItemRequest request(String key, Addend delta, boolean known, long sequence, boolean paceable) {
        return requests.increment(key, delta, IncrementShape.of(delta, known, exactlyOnce != null), sequence,
                paceable);
    }

    private void remember(String key, boolean known) {
        if (!known) {
            knownKeys.add(key);
        }
    }

    /** Whether DynamoDB refused the write because the item would pass 400 KB. */
    private static boolean isItemTooLarge(SdkException e) {
        return isValidationError(e) && ((AwsServiceException) e).awsErrorDetails().errorMessage() != null
                && ((AwsServiceException) e).awsErrorDetails().errorMessage().startsWith("Item size");
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
}
