package io.github.distributedcounter.emulator.internal.expression;

import io.github.distributedcounter.emulator.internal.Value;

/**
 * DynamoDB's ordering of scalar values: numbers numerically, strings by their UTF-8 bytes, binaries by their
 * bytes, both unsigned. Values of other types, or of two different types, are not ordered.
 */
final class Ordering {

    private Ordering() {
    }

    /** Whether values of this type can be compared with {@code <} and {@code BETWEEN}. */
    static boolean isOrdered(Value.Type type) {
        return type == Value.Type.N || type == Value.Type.S || type == Value.Type.B;
    }

    /** Negative, zero or positive as {@code a} is below, equal to or above {@code b}; null when unordered. */
    static Integer compare(Value a, Value b) {
        if (a instanceof Value.N x && b instanceof Value.N y) {
            return x.value().compareTo(y.value());
        }
        if (a instanceof Value.S x && b instanceof Value.S y) {
            return compareUtf8(x.value(), y.value());
        }
        if (a instanceof Value.B x && b instanceof Value.B y) {
            return x.value().compareTo(y.value());
        }
        return null;
    }

    /**
     * Compares strings as their UTF-8 encodings would compare bytewise, that is by code point, without
     * encoding them.
     */
    static int compareUtf8(String a, String b) {
        int common = Math.min(a.length(), b.length());
        for (int i = 0; i < common; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= Character.MIN_SURROGATE && y >= Character.MIN_SURROGATE) {
                    return codePointRank(x) - codePointRank(y);
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    /** Moves surrogates above the rest of the upper range, where the code points they encode belong. */
    private static int codePointRank(char c) {
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}
