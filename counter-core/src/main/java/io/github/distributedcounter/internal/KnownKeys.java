package io.github.distributedcounter.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys this counter has written, whose increments can use the shorter request that assumes the counter (and
 * this instance's exactly-once entry) exists.
 */
final class KnownKeys {

    /** Most keys remembered; past it the memory starts over. */
    private static final int LIMIT = 10_000;

    private final Set<String> keys = ConcurrentHashMap.newKeySet();

    boolean contains(String key) {
        return keys.contains(key);
    }

    void add(String key) {
        if (keys.size() >= LIMIT) {
            keys.clear();
        }
        keys.add(key);
    }

    void remove(String key) {
        keys.remove(key);
    }
}
