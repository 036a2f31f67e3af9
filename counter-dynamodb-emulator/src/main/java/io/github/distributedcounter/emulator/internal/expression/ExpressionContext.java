package io.github.distributedcounter.emulator.internal.expression;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.distributedcounter.emulator.internal.ServiceError;
import io.github.distributedcounter.emulator.internal.Value;

/**
 * The {@code ExpressionAttributeNames} and {@code ExpressionAttributeValues} of one request, shared by all its
 * expressions, recording which ones they use.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeNames.html">
 *     Expression attribute names (aliases) in DynamoDB</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeValues.html">
 *     Using expression attribute values in DynamoDB</a>
 */
public final class ExpressionContext {

    private static final int MAX_KEY_LENGTH = 255;
    private static final int MAX_NAME_BYTES = 65535;

    private final Map<String, String> names;
    private final Map<String, Value> values;
    private final Set<String> usedNames = new HashSet<>();
    private final Set<String> usedValues = new HashSet<>();

    /**
     * Either map may be null (absent in the request). Throws a ValidationException ServiceError, worded as
     * DynamoDB words it, for a map given empty, a key that is not {@code #name} or {@code :value} or is over
     * 255 characters, and an attribute name that is empty or over 65535 bytes.
     */
    public ExpressionContext(Map<String, String> names, Map<String, Value> values) {
        this.names = names;
        this.values = values;
        if (names != null) {
            checkNames(names);
        }
        if (values != null) {
            checkValues(values);
        }
    }

    private static void checkNames(Map<String, String> names) {
        if (names.isEmpty()) {
            throw ServiceError.validation("ExpressionAttributeNames must not be empty");
        }
        for (Map.Entry<String, String> entry : names.entrySet()) {
            String key = entry.getKey();
            if (key.length() > MAX_KEY_LENGTH) {
                throw ServiceError.validation("ExpressionAttributeNames contains invalid key: The expression attribute "
                        + "map contains a key that is too long; size of key: " + key.length());
            }
            if (!isReference(key, '#')) {
                throw ServiceError.validation(
                        "ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + key + "\"");
            }
            String name = entry.getValue();
            if (name == null || name.isEmpty()) {
                throw ServiceError.validation(
                        "ExpressionAttributeNames contains invalid value: Empty attribute name for key " + key);
            }
            if (name.length() > MAX_NAME_BYTES / 3 && name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                throw ServiceError.validation("ExpressionAttributeNames contains invalid value: Attribute name is too "
                        + "large, must be less than 65536 bytes for key " + key);
            }
        }
    }

    private static void checkValues(Map<String, Value> values) {
        if (values.isEmpty()) {
            throw ServiceError.validation("ExpressionAttributeValues must not be empty");
        }
        for (String key : values.keySet()) {
            if (key.length() > MAX_KEY_LENGTH) {
                throw ServiceError.validation("ExpressionAttributeValues contains invalid key: The expression "
                        + "attribute map contains a key that is too long;");
            }
            if (!isReference(key, ':')) {
                throw ServiceError.validation(
                        "ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + key + "\"");
            }
        }
    }

    private static boolean isReference(String key, char sigil) {
        if (key.length() < 2 || key.charAt(0) != sigil) {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean wordPart = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            if (!wordPart) {
                return false;
            }
        }
        return true;
    }

    /** The attribute name that {@code #ref} stands for, marking it used; null when it is not defined. */
    String name(String reference) {
        String name = names == null ? null : names.get(reference);
        if (name != null) {
            usedNames.add(reference);
        }
        return name;
    }

    /** The value that {@code :ref} stands for, marking it used; null when it is not defined. */
    Value value(String reference) {
        Value value = values == null ? null : values.get(reference);
        if (value != null) {
            usedValues.add(reference);
        }
        return value;
    }

    /**
     * Throws DynamoDB's ValidationException when a name or value given in the request was used by none of
     * its expressions. Call after every expression of the request has been parsed.
     */
    public void checkAllUsed() {
        if (names != null && usedNames.size() < names.size()) {
            throw ServiceError.validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                    + unused(names.keySet(), usedNames) + "}");
        }
        if (values != null && usedValues.size() < values.size()) {
            throw ServiceError.validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                    + unused(values.keySet(), usedValues) + "}");
        }
    }

    private static String unused(Set<String> given, Set<String> used) {
        Set<String> unused = new TreeSet<>(given);
        unused.removeAll(used);
        return String.join(", ", unused);
    }
}
