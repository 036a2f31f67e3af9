package io.github.distributedcounter.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Bookkeeping for exactly-once increments. Each counter instance has a random id; each of its increment
 * requests carries a sequence number, and the item records, per instance, the last sequence applied and the
 * value the counter had just before it ({@code dcs_<id>}, {@code dcb_<id>}). A write is conditional on its
 * sequence being newer, so a retried request that was already applied fails the condition and reads back the
 * recorded value, to which it adds its own amount, instead of counting twice. Sequences grow with the clock
 * (microseconds), so their age tells when an instance last wrote; other instances' entries older than the
 * retention are removed. The retention is at least {@link #MIN_RETENTION}, so that an entry is removed only where
 * its write is that much older by the remover's clock: safe while a request stays in flight, plus the difference
 * between the two instances' clocks, for less than that. An item keeps at most {@link #MAX_OTHER_ENTRIES} other
 * instances' entries older than {@link #MIN_RETENTION}.
 */
final class ExactlyOnce {

    static final String SEQUENCE_PREFIX = "dcs_";
    static final String BASE_PREFIX = "dcb_";
    /**
     * Prefixes of the attributes this bookkeeping writes and prunes; the key and value attributes must not start
     * with them, or pruning could remove them.
     */
    static final List<String> RESERVED_PREFIXES = List.of(SEQUENCE_PREFIX, BASE_PREFIX);
    /** The shortest retention allowed. */
    static final Duration MIN_RETENTION = Duration.ofMinutes(1);
    /** The retention unless configured otherwise. */
    static final Duration DEFAULT_RETENTION = Duration.ofMinutes(10);
    /**
     * Most other instances' entries an item keeps once they are older than {@link #MIN_RETENTION}, newest first
     * (about 200 KB). On DynamoDB an item that large takes about 5 writes a second, so more instances than this
     * cannot have written it within that minute.
     */
    static final int MAX_OTHER_ENTRIES = 4_000;

    private final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private final AtomicLong sequence = new AtomicLong();
    private final Duration retention;
    private final Duration resolveTimeout;
    private final BackoffStrategy backoff = BackoffStrategy.exponentialDelay(Duration.ofMillis(20),
            Duration.ofSeconds(1));

    /**
     * @param retention      how long another instance's entry is kept after its last write; must exceed the longest
     *                       time a request can stay in flight
     * @param resolveTimeout how long a write whose outcome is unknown is re-sent before giving up
     */
    ExactlyOnce(Duration retention, Duration resolveTimeout) {
        this.retention = retention;
        this.resolveTimeout = resolveTimeout;
    }

    /** @throws IllegalArgumentException if {@code attribute} starts with a reserved prefix */
    static void requireUnreserved(String attribute, String name) {
        for (String prefix : RESERVED_PREFIXES) {
            if (attribute.startsWith(prefix)) {
                throw new IllegalArgumentException(name + " '" + attribute + "' must not start with '" + prefix
                        + "': the prefixes " + String.join(" and ", RESERVED_PREFIXES.stream()
                                .map(p -> "'" + p + "'").toList())
                        + " are reserved for the counter's exactly-once bookkeeping");
            }
        }
    }

    String sequenceAttribute() {
        return SEQUENCE_PREFIX + id;
    }

    String baseAttribute() {
        return baseAttributeOf(sequenceAttribute());
    }

    /** The attribute holding the value before the write recorded in {@code sequenceAttribute}. */
    static String baseAttributeOf(String sequenceAttribute) {
        return BASE_PREFIX + sequenceAttribute.substring(SEQUENCE_PREFIX.length());
    }

    Duration resolveTimeout() {
        return resolveTimeout;
    }

    Duration backoff(int attempt) {
        return backoff.computeDelay(attempt);
    }

    long nextSequence() {
        long now = System.currentTimeMillis() * 1000;
        return sequence.updateAndGet(last -> Math.max(last + 1, now));
    }

    /** Whether re-sending the same request is safe and may succeed: timeouts, I/O errors, 5xx, throttling. */
    static boolean worthResending(SdkException e) {
        if (e instanceof SdkClientException) {
            return true;
        }
        return e instanceof AwsServiceException service
                && (service.isThrottlingException() || service.statusCode() >= 500);
    }

    Duration retention() {
        return retention;
    }

    /**
     * Other instances' sequence attributes in {@code item} to remove, with their values: those older than the
     * retention, and beyond the newest {@link #MAX_OTHER_ENTRIES} those older than {@link #MIN_RETENTION}.
     */
    Map<String, String> staleEntries(Map<String, AttributeValue> item) {
        long now = System.currentTimeMillis();
        long cutoff = (now - retention.toMillis()) * 1000;
        Map<String, String> stale = new HashMap<>();
        List<Map.Entry<String, Long>> kept = new ArrayList<>();
        sequences(item).forEach((name, sequence) -> {
            if (name.equals(sequenceAttribute())) {
                return;
            }
            if (sequence < cutoff) {
                stale.put(name, Long.toString(sequence));
            } else {
                kept.add(Map.entry(name, sequence));
            }
        });
        if (kept.size() > MAX_OTHER_ENTRIES) {
            long evictable = (now - MIN_RETENTION.toMillis()) * 1000;
            kept.sort(Map.Entry.<String, Long>comparingByValue().reversed());
            for (Map.Entry<String, Long> entry : kept.subList(MAX_OTHER_ENTRIES, kept.size())) {
                if (entry.getValue() < evictable) {
                    stale.put(entry.getKey(), Long.toString(entry.getValue()));
                }
            }
        }
        return stale;
    }

    /** Whether every instance's entry in {@code item}, this one's too, is older than {@code retention}. */
    static boolean allOlderThan(Map<String, AttributeValue> item, Duration retention) {
        long cutoff = (System.currentTimeMillis() - retention.toMillis()) * 1000;
        return sequences(item).values().stream().allMatch(sequence -> sequence < cutoff);
    }

    /** Every instance's sequence attribute in {@code item}, with its value. */
    private static Map<String, Long> sequences(Map<String, AttributeValue> item) {
        Map<String, Long> sequences = new HashMap<>();
        for (Map.Entry<String, AttributeValue> entry : item.entrySet()) {
            String name = entry.getKey();
            String value = entry.getValue().n();
            if (name.startsWith(SEQUENCE_PREFIX) && value != null) {
                try {
                    sequences.put(name, Long.parseLong(value));
                } catch (NumberFormatException notOurs) {
                    // not a sequence written by this library; left alone
                }
            }
        }
        return sequences;
    }
}
