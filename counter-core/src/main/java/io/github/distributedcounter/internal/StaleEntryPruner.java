package io.github.distributedcounter.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Keeps items under DynamoDB's limits: removes other instances' exactly-once entries that {@link ExactlyOnce}
 * finds stale, in requests of at most {@value CounterRequests#PRUNE_CHUNK} entries, each conditional on its
 * entries being unchanged; a failed request leaves the rest to the next write of the key.
 */
final class StaleEntryPruner {

    private final TableCalls calls;
    private final CounterRequests requests;
    private final ExactlyOnce exactlyOnce;
    private final Executor executor;
    private final Set<String> pruning = ConcurrentHashMap.newKeySet();

    StaleEntryPruner(TableCalls calls, CounterRequests requests, ExactlyOnce exactlyOnce, Executor executor) {
        this.calls = calls;
        this.requests = requests;
        this.exactlyOnce = exactlyOnce;
        this.executor = executor;
    }

    /** Removes the stale entries of {@code item} in the background, one pruning of a key at a time. */
    void pruneInBackground(String key, Map<String, AttributeValue> item) {
        Map<String, String> stale = exactlyOnce.staleEntries(item);
        if (stale.isEmpty() || !pruning.add(key)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    removeEntries(key, stale);
                } finally {
                    pruning.remove(key);
                }
            });
        } catch (RuntimeException rejected) {
            pruning.remove(key);
        }
    }

    /**
     * For an increment refused because the item is too large: reads the item and removes the entries pruning
     * would, before the increment is sent again.
     *
     * @return whether there were entries to remove
     */
    boolean pruneToFit(String key) {
        Map<String, AttributeValue> item;
        try {
            item = calls.send("GetItem", () -> calls.client().getItem(requests.item(key))).item();
        } catch (SdkException e) {
            return false;
        }
        Map<String, String> stale = item == null ? Map.of() : exactlyOnce.staleEntries(item);
        removeEntries(key, stale);
        return !stale.isEmpty();
    }

    /** Removes {@code stale} entries in requests of {@value CounterRequests#PRUNE_CHUNK}, each on its own. */
    private void removeEntries(String key, Map<String, String> stale) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(stale.entrySet());
        for (int from = 0; from < entries.size(); from += CounterRequests.PRUNE_CHUNK) {
            List<Map.Entry<String, String>> chunk = entries.subList(from,
                    Math.min(from + CounterRequests.PRUNE_CHUNK, entries.size()));
            try {
                calls.send("UpdateItem", () -> calls.client().updateItem(requests.removeEntries(key, chunk)));
            } catch (RuntimeException e) {
                // an instance wrote again, or DynamoDB failed: the next write of this key tries again
            }
        }
    }
}
