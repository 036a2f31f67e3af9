package io.github.distributedcounter.emulator.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A DynamoDB attribute value, immutable. Numbers are held normalised (trailing zeros stripped), so that
 * {@code equals} is DynamoDB's equality; sets keep the order in which their elements were given.
 */
public sealed interface Value permits Value.S, Value.N, Value.B, Value.SS, Value.NS, Value.BS, Value.M, Value.L,
        Value.Null, Value.Bool {

    /** The data type descriptor, as named in the DynamoDB wire format. */
    enum Type { S, N, B, SS, NS, BS, M, L, NULL, BOOL }

    Type type();

    /** The size DynamoDB charges for this value, without the attribute name. */
    int size();

    record S(String value) implements Value {
        public Type type() {
            return Type.S;
        }

        public int size() {
            return utf8Length(value);
        }
    }

    record N(BigDecimal value) implements Value {
        public N {
            value = Numbers.normalize(value);
        }

        public Type type() {
            return Type.N;
        }

        public int size() {
            return Numbers.size(value);
        }
    }

    record B(Bytes value) implements Value {
        public Type type() {
            return Type.B;
        }

        public int size() {
            return value.length();
        }
    }

    record SS(Set<String> values) implements Value {
        public SS {
            values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
        }

        public Type type() {
            return Type.SS;
        }

        public int size() {
            return values.stream().mapToInt(Value::utf8Length).sum();
        }
    }

    record NS(Set<BigDecimal> values) implements Value {
        public NS {
            LinkedHashSet<BigDecimal> normalized = new LinkedHashSet<>();
            values.forEach(v -> normalized.add(Numbers.normalize(v)));
            values = Collections.unmodifiableSet(normalized);
        }

        public Type type() {
            return Type.NS;
        }

        public int size() {
            return values.stream().mapToInt(Numbers::size).sum();
        }
    }

    record BS(Set<Bytes> values) implements Value {
        public BS {
            values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
        }

        public Type type() {
            return Type.BS;
        }

        public int size() {
            return values.stream().mapToInt(Bytes::length).sum();
        }
    }

    record M(Map<String, Value> values) implements Value {
        public M {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        public Type type() {
            return Type.M;
        }

        public int size() {
            return 3 + values.entrySet().stream().mapToInt(e -> 1 + utf8Length(e.getKey()) + e.getValue().size()).sum();
        }
    }

    record L(List<Value> values) implements Value {
        public L {
            values = List.copyOf(values);
        }

        public Type type() {
            return Type.L;
        }

        public int size() {
            return 3 + values.stream().mapToInt(v -> 1 + v.size()).sum();
        }
    }

    record Null() implements Value {
        public Type type() {
            return Type.NULL;
        }

        public int size() {
            return 1;
        }
    }

    record Bool(boolean value) implements Value {
        public Type type() {
            return Type.BOOL;
        }

        public int size() {
            return 1;
        }
    }

    /** Binary data compared by content, and ordered as DynamoDB orders binaries: unsigned, bytewise. */
    record Bytes(byte[] bytes) implements Comparable<Bytes> {
        public Bytes {
            bytes = bytes.clone();
        }

        public byte[] bytes() {
            return bytes.clone();
        }

        public int length() {
            return bytes.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public int compareTo(Bytes other) {
            return Arrays.compareUnsigned(bytes, other.bytes);
        }

        @Override
        public String toString() {
            return java.util.Base64.getEncoder().encodeToString(bytes);
        }
    }

    static int utf8Length(String s) {
        int ascii = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
            ascii++;
        }
        return ascii;
    }

    /** The size DynamoDB charges for an item: each attribute's name plus its value. */
    static int itemSize(Map<String, Value> item) {
        int size = 0;
        for (Map.Entry<String, Value> e : item.entrySet()) {
            size += utf8Length(e.getKey()) + e.getValue().size();
        }
        return size;
    }
}
