package io.github.distributedcounter.emulator.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads attribute values from a request body, with DynamoDB's validation of their form.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html">AttributeValue</a>
 */
final class AttributeValues {

    private static final String INVALID = "One or more parameter values were invalid: ";

    private AttributeValues() {
    }

    /** An item or key: a map of attribute names to values. */
    static Map<String, Value> item(Object json) {
        if (json == null) {
            return null;
        }
        Map<String, Object> map = Requests.asMap(json);
        Map<String, Value> item = new LinkedHashMap<>(map.size() * 2);
        for (Map.Entry<String, Object> e : map.entrySet()) {
            item.put(e.getKey(), value(e.getValue()));
        }
        return item;
    }

    static Value value(Object json) {
        Map<String, Object> map = Requests.asMap(json);
        Map.Entry<String, Object> only = null;
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            if (only != null) {
                throw ServiceError.validation("Supplied AttributeValue has more than one datatypes set, "
                        + "must contain exactly one of the supported datatypes");
            }
            only = e;
        }
        if (only == null) {
            throw ServiceError.validation(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        Object v = only.getValue();
        switch (only.getKey()) {
            case "S":
                return new Value.S(Requests.asString(v));
            case "N":
                return new Value.N(Numbers.parse(Requests.asString(v)));
            case "B":
                return new Value.B(new Value.Bytes(Json.base64(Requests.asString(v))));
            case "BOOL":
                return new Value.Bool(Requests.asBoolean(v));
            case "NULL":
                if (!Requests.asBoolean(v)) {
                    throw ServiceError.validation(INVALID + "Null attribute value types must have the value of true");
                }
                return new Value.Null();
            case "SS": {
                List<Object> list = nonEmpty(v, "An string set  may not be empty");
                Set<String> set = new LinkedHashSet<>();
                for (Object element : list) {
                    set.add(Requests.asString(element));
                }
                noDuplicates(list, set, " ");
                return new Value.SS(set);
            }
            case "NS": {
                List<Object> list = nonEmpty(v, "An number set  may not be empty");
                Set<BigDecimal> set = new LinkedHashSet<>();
                for (Object element : list) {
                    set.add(new Value.N(Numbers.parse(Requests.asString(element))).value());
                }
                if (set.size() != list.size()) {
                    // DynamoDB names no members of a number set, which it compares by value
                    throw ServiceError.validation(INVALID + "Input collection contains duplicates.");
                }
                return new Value.NS(set);
            }
            case "BS": {
                List<Object> list = nonEmpty(v, "Binary sets should not be empty");
                Set<Value.Bytes> set = new LinkedHashSet<>();
                for (Object element : list) {
                    set.add(new Value.Bytes(Json.base64(Requests.asString(element))));
                }
                noDuplicates(list, set, "of type BS ");
                return new Value.BS(set);
            }
            case "M": {
                Map<String, Value> members = new LinkedHashMap<>();
                for (Map.Entry<String, Object> e : Requests.asMap(v).entrySet()) {
                    members.put(e.getKey(), value(e.getValue()));
                }
                return new Value.M(members);
            }
            case "L": {
                List<Value> elements = new ArrayList<>();
                for (Object element : Requests.asList(v)) {
                    elements.add(value(element));
                }
                return new Value.L(elements);
            }
            default:
                throw ServiceError.serialization("Unknown AttributeValue type: " + only.getKey());
        }
    }

    private static List<Object> nonEmpty(Object json, String message) {
        List<Object> list = Requests.asList(json);
        if (list.isEmpty()) {
            throw ServiceError.validation(INVALID + message);
        }
        return list;
    }

    /** {@code between} follows the listed members: a space, or for a binary set "of type BS " with no space before. */
    private static void noDuplicates(List<Object> given, Set<?> distinct, String between) {
        if (distinct.size() != given.size()) {
            throw ServiceError.validation(INVALID + "Input collection " + given + between + "contains duplicates.");
        }
    }
}
