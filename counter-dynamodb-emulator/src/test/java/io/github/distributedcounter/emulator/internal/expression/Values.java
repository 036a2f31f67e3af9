package io.github.distributedcounter.emulator.internal.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import io.github.distributedcounter.emulator.internal.ServiceError;
import io.github.distributedcounter.emulator.internal.Value;

/** Short builders of attribute values, items and expression contexts for the expression tests. */
final class Values {

    private Values() {
    }

    static Value s(String value) {
        return new Value.S(value);
    }

    static Value n(String value) {
        return new Value.N(new BigDecimal(value));
    }

    static Value b(int... bytes) {
        byte[] data = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            data[i] = (byte) bytes[i];
        }
        return new Value.B(new Value.Bytes(data));
    }

    static Value ss(String... values) {
        return new Value.SS(new LinkedHashSet<>(Arrays.asList(values)));
    }

    static Value ns(String... values) {
        LinkedHashSet<BigDecimal> numbers = new LinkedHashSet<>();
        for (String value : values) {
            numbers.add(new BigDecimal(value));
        }
        return new Value.NS(numbers);
    }

    static Value bs(int... singleBytes) {
        LinkedHashSet<Value.Bytes> set = new LinkedHashSet<>();
        for (int value : singleBytes) {
            set.add(new Value.Bytes(new byte[] {(byte) value}));
        }
        return new Value.BS(set);
    }

    static Value l(Value... values) {
        return new Value.L(List.of(values));
    }

    /** A map from alternating keys and values. */
    static Value m(Object... entries) {
        return new Value.M(map(entries));
    }

    static Value bool(boolean value) {
        return new Value.Bool(value);
    }

    static Value nul() {
        return new Value.Null();
    }

    /** An item from alternating attribute names and values. */
    static Map<String, Value> item(Object... entries) {
        return map(entries);
    }

    private static Map<String, Value> map(Object... entries) {
        Map<String, Value> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            map.put((String) entries[i], (Value) entries[i + 1]);
        }
        return map;
    }

    /** Expression attribute values from alternating {@code :keys} and values. */
    static Map<String, Value> values(Object... entries) {
        return map(entries);
    }

    /** Expression attribute names from alternating {@code #keys} and names. */
    static Map<String, String> names(String... entries) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            names.put(entries[i], entries[i + 1]);
        }
        return names;
    }

    static ExpressionContext context(Map<String, String> names, Map<String, Value> values) {
        return new ExpressionContext(names, values);
    }

    /** Asserts a ValidationException with exactly this message. */
    static void assertValidation(ThrowingCallable call, String message) {
        assertThatThrownBy(call)
                .isInstanceOf(ServiceError.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((ServiceError) e).shortType()).isEqualTo("ValidationException"));
    }
}
