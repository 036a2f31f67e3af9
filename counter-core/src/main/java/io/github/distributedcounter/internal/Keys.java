package io.github.distributedcounter.internal;

import java.nio.charset.StandardCharsets;

/** Checks counter keys against DynamoDB's partition key rules before any request. */
public final class Keys {

    /** DynamoDB's limit on a partition key value, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 2048;

    private Keys() {
    }

    /**
     * @return {@code key}
     * @throws IllegalArgumentException if the key is null, empty or longer than 2048 bytes in UTF-8
     */
    public static String requireValid(String key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (key.length() * 3 > MAX_KEY_BYTES) {
            int bytes = key.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_KEY_BYTES) {
                throw new IllegalArgumentException("key must be at most " + MAX_KEY_BYTES
                        + " bytes in UTF-8, was " + bytes + " bytes");
            }
        }
        return key;
    }
}
