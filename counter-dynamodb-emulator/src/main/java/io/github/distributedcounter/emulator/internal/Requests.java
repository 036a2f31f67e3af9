package io.github.distributedcounter.emulator.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Typed access to the members of a request body; a member of the wrong JSON type is a SerializationException. */
final class Requests {

    private Requests() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object json) {
        if (json instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw ServiceError.serialization("Start of structure or map found where not expected");
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object json) {
        if (json instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw ServiceError.serialization("Start of list found where not expected");
    }

    static String asString(Object json) {
        if (json instanceof String s) {
            return s;
        }
        if (json instanceof Map<?, ?>) {
            throw ServiceError.serialization("Start of structure or map found where not expected");
        }
        if (json instanceof List<?>) {
            throw ServiceError.serialization("Unrecognized collection type class java.lang.String");
        }
        throw ServiceError.serialization(token(json) + " cannot be converted to String");
    }

    /** The JSON token DynamoDB names in its SerializationException messages. */
    private static String token(Object json) {
        if (json instanceof Boolean b) {
            return b ? "TRUE_VALUE" : "FALSE_VALUE";
        }
        if (json instanceof BigDecimal d) {
            return d.scale() > 0 ? "DECIMAL_VALUE" : "NUMBER_VALUE";
        }
        return "VALUE_NULL";
    }

    static boolean asBoolean(Object json) {
        if (json instanceof Boolean b) {
            return b;
        }
        throw ServiceError.serialization("Unexpected value type in payload: expected a Boolean");
    }

    static long asLong(Object json) {
        if (json instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                throw ServiceError.serialization("NUMBER_VALUE cannot be converted to Long");
            }
        }
        throw ServiceError.serialization("Unexpected value type in payload: expected a Number");
    }

    /** A string member, or null when absent. */
    static String string(Map<String, Object> request, String name) {
        Object value = request.get(name);
        return value == null ? null : asString(value);
    }

    /** A string member that must be present. */
    static String required(Map<String, Object> request, String name) {
        String value = string(request, name);
        if (value == null) {
            throw ServiceError.validation("1 validation error detected: Value null at '" + decapitalize(name)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    static boolean bool(Map<String, Object> request, String name) {
        Object value = request.get(name);
        return value != null && asBoolean(value);
    }

    static Map<String, Object> map(Map<String, Object> request, String name) {
        Object value = request.get(name);
        return value == null ? null : asMap(value);
    }

    static List<Object> list(Map<String, Object> request, String name) {
        Object value = request.get(name);
        return value == null ? null : asList(value);
    }

    /** The request's {@code ReturnItemCollectionMetrics} ({@code SIZE} or {@code NONE}), or null when absent. */
    static String returnItemCollectionMetrics(Map<String, Object> request) {
        String value = string(request, "ReturnItemCollectionMetrics");
        if (value != null && !value.equals("SIZE") && !value.equals("NONE")) {
            throw ServiceError.validation("1 validation error detected: Value '" + value + "' at "
                    + "'returnItemCollectionMetrics' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[SIZE, NONE]");
        }
        return value;
    }

    /**
     * A list as DynamoDB's validation messages print a list of request structures: its elements as Java objects
     * of DynamoDB's model, e.g. {@code [com.amazonaws.dynamodb.v20120810.WriteRequest@1f2e3d4c]}.
     */
    static String dump(List<Object> list, String modelType) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            Object element = list.get(i);
            text.append("com.amazonaws.dynamodb.v20120810.").append(modelType).append('@')
                    .append(Integer.toHexString(element == null ? 0 : element.hashCode()));
        }
        return text.append(']').toString();
    }

    static String decapitalize(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
