package io.github.distributedcounter.internal;

import java.nio.charset.StandardCharsets;

/** Checks counter keys against DynamoDB's partition key rules before any request. */
final class Keys {

    /** DynamoDB's limit on a partition key value, in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 2048;

    private Keys() {
    }

    /**
     * @return {@code key}
     * @throws IllegalArgumentException if the key is null, empty, not well-formed UTF-16 (an unpaired surrogate,
     *                                  which UTF-8 cannot encode, so that distinct such keys would name one item) or
     *                                  longer than 2048 bytes in UTF-8
     */
    static String requireValid(String key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        int unpaired = unpairedSurrogate(key);
        if (unpaired >= 0) {
            throw new IllegalArgumentException("key must be well-formed UTF-16 (unpaired surrogate at index "
                    + unpaired + ")");
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

    /** The index of the first surrogate in {@code key} that is not part of a pair, or -1. */
    private static int unpairedSurrogate(String key) {
        int length = key.length();
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(key.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }
}
