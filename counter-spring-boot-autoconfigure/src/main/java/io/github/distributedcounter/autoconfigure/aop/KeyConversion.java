package io.github.distributedcounter.autoconfigure.aop;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.distributedcounter.EveryNCalls;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.expression.TypeConverter;
import org.springframework.expression.spel.support.StandardTypeConverter;

/**
 * Turns the value of an {@link EveryNCalls} key expression into the counter key, by a rule that gives the same key
 * for the same content on every call and every instance, never {@link Object#toString()} of an arbitrary object:
 * <ul>
 * <li>a {@link CharSequence} is its text; a {@link Boolean} {@code true} or {@code false}; a {@link Character}
 * the character;</li>
 * <li>{@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@code Float}, {@code Double}, {@link BigInteger},
 * {@link AtomicInteger} and {@link AtomicLong} their {@code toString()} ({@code 42}, {@code 2.5}); a
 * {@link BigDecimal} {@link BigDecimal#toPlainString()} ({@code 1E+3} gives {@code 1000});</li>
 * <li>an enum constant its {@link Enum#name()} (not {@code toString()});</li>
 * <li>an array (also of primitives) or a {@link Collection}: its elements in iteration order inside {@code [ ]},
 * separated by {@code ,}; an element that is itself an array or collection is written the same way, any other
 * element as its key text in double quotes, with {@code \} and {@code "} escaped by a backslash. So
 * {@code ["a","b"]} for {@code List.of("a", "b")}, {@code ["a,b"]} for {@code List.of("a,b")}, {@code []} for an
 * empty list and {@code [""]} for a list of one empty string: two different lists never give the same key. A
 * {@code null} element is rejected;</li>
 * <li>any other type through Spring's {@link ConversionService} when it can convert the type to {@code String}
 * ({@code UUID}, {@code Locale}, types with a {@code valueOf(String)} factory, ...);</li>
 * <li>otherwise rejected with an {@link IllegalArgumentException} naming the type.</li>
 * </ul>
 * The same rule applies where SpEL turns a value into a string inside the expression, as in
 * {@code 'tags:' + #tags}.
 */
final class KeyConversion {

    private static final Set<Class<?>> PLAIN_NUMBERS = Set.of(Byte.class, Short.class, Integer.class, Long.class,
            Float.class, Double.class, BigInteger.class, AtomicInteger.class, AtomicLong.class);

    private final Supplier<ConversionService> conversionService;

    KeyConversion(Supplier<ConversionService> conversionService) {
        this.conversionService = conversionService;
    }

    /**
     * The key text of {@code value}.
     *
     * @throws Unconvertible where the value, or an element of it, has no key text
     */
    String toKey(Object value) {
        if (value instanceof CharSequence || value instanceof Boolean || value instanceof Character
                || (value != null && PLAIN_NUMBERS.contains(value.getClass()))) {
            return value.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (isSequence(value)) {
            StringBuilder key = new StringBuilder();
            appendSequence(value, key);
            return key.toString();
        }
        ConversionService conversion = conversionService.get();
        if (conversion.canConvert(value.getClass(), String.class)) {
            String key = conversion.convert(value, String.class);
            if (key != null) {
                return key;
            }
        }
        throw new Unconvertible("cannot convert a value of type " + value.getClass().getTypeName()
                + " to a counter key; use a String, number, boolean, character, enum, an array or collection of"
                + " these, or a type that Spring's ConversionService converts to String");
    }

    /** A SpEL type converter that converts to {@code String} by this rule and otherwise as SpEL does. */
    TypeConverter typeConverter() {
        return new TypeConverter() {

            private final TypeConverter standard = new StandardTypeConverter(conversionService);

            @Override
            public boolean canConvert(TypeDescriptor sourceType, TypeDescriptor targetType) {
                return isString(sourceType, targetType) || standard.canConvert(sourceType, targetType);
            }

            @Override
            public Object convertValue(Object value, TypeDescriptor sourceType, TypeDescriptor targetType) {
                return value != null && isString(sourceType, targetType) ? toKey(value)
                        : standard.convertValue(value, sourceType, targetType);
            }

            private boolean isString(TypeDescriptor sourceType, TypeDescriptor targetType) {
                return sourceType != null && targetType != null && targetType.getType() == String.class;
            }
        };
    }

    private static boolean isSequence(Object value) {
        return value instanceof Collection<?> || value.getClass().isArray();
    }

    private void appendSequence(Object sequence, StringBuilder key) {
        key.append('[');
        Iterator<?> elements = sequence instanceof Collection<?> collection ? collection.iterator()
                : new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < Array.getLength(sequence);
                    }

                    @Override
                    public Object next() {
                        return Array.get(sequence, next++);
                    }
                };
        boolean first = true;
        while (elements.hasNext()) {
            Object element = elements.next();
            if (!first) {
                key.append(',');
            }
            first = false;
            if (element == null) {
                throw new Unconvertible("an array or collection in the key contains null");
            }
            if (isSequence(element)) {
                appendSequence(element, key);
            } else {
                key.append('"');
                String text = toKey(element);
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '\\' || c == '"') {
                        key.append('\\');
                    }
                    key.append(c);
                }
                key.append('"');
            }
        }
        key.append(']');
    }

    /** A key value without key text; the interceptor names the method and expression. */
    static final class Unconvertible extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        Unconvertible(String message) {
            super(message);
        }
    }
}
