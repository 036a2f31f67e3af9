package io.github.distributedcounter.emulator.internal.expression;

import java.util.Arrays;
import java.util.Map;

import io.github.distributedcounter.emulator.internal.Value;

/**
 * A document path with its names resolved: a top-level attribute name followed by map keys and list indexes,
 * such as {@code a.b[2].c}.
 */
final class DocumentPath implements Comparable<DocumentPath> {

    /** How two paths of one expression relate. */
    enum Relation { DISJOINT, OVERLAP, CONFLICT }

    /** The name of each element, or null where the element is a list index. */
    private final String[] names;
    private final int[] indexes;

    DocumentPath(String[] names, int[] indexes) {
        this.names = names;
        this.indexes = indexes;
    }

    int length() {
        return names.length;
    }

    boolean isIndex(int i) {
        return names[i] == null;
    }

    String name(int i) {
        return names[i];
    }

    int index(int i) {
        return indexes[i];
    }

    /** The top-level attribute name. */
    String attribute() {
        return names[0];
    }

    /** The value at this path, or null when the item has none there. */
    Value get(Map<String, Value> item) {
        return get(item, names.length);
    }

    /** The value at the first {@code length} elements of this path, or null. */
    Value get(Map<String, Value> item, int length) {
        Value value = item.get(names[0]);
        for (int i = 1; i < length && value != null; i++) {
            value = child(value, i);
        }
        return value;
    }

    /** The child of {@code container} that element {@code i} names, or null. */
    Value child(Value container, int i) {
        if (names[i] != null) {
            return container instanceof Value.M map ? map.values().get(names[i]) : null;
        }
        if (container instanceof Value.L list && indexes[i] < list.values().size()) {
            return list.values().get(indexes[i]);
        }
        return null;
    }

    /**
     * Whether the container that the last element addresses exists and is of the kind that element needs
     * (a map for a name, a list for an index). Always true for a top-level attribute.
     */
    boolean hasParent(Map<String, Value> item) {
        if (names.length == 1) {
            return true;
        }
        Value parent = get(item, names.length - 1);
        return isIndex(names.length - 1) ? parent instanceof Value.L : parent instanceof Value.M;
    }

    /** Whether the paths overlap (one is, or contains, the other) or conflict (a name against an index). */
    Relation relation(DocumentPath other) {
        int common = Math.min(length(), other.length());
        for (int i = 0; i < common; i++) {
            if (isIndex(i) != other.isIndex(i)) {
                return Relation.CONFLICT;
            }
            boolean same = isIndex(i) ? indexes[i] == other.indexes[i] : names[i].equals(other.names[i]);
            if (!same) {
                return Relation.DISJOINT;
            }
        }
        return Relation.OVERLAP;
    }

    /** Orders element by element: names alphabetically, indexes numerically, a prefix first. */
    @Override
    public int compareTo(DocumentPath other) {
        int common = Math.min(length(), other.length());
        for (int i = 0; i < common; i++) {
            int order;
            if (isIndex(i) && other.isIndex(i)) {
                order = Integer.compare(indexes[i], other.indexes[i]);
            } else if (isIndex(i) || other.isIndex(i)) {
                order = isIndex(i) ? -1 : 1;
            } else {
                order = names[i].compareTo(other.names[i]);
            }
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(length(), other.length());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DocumentPath that && Arrays.equals(names, that.names)
                && Arrays.equals(indexes, that.indexes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(names) * 31 + Arrays.hashCode(indexes);
    }

    /** As DynamoDB writes a path in its messages: {@code [a, b, [2]]}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                text.append(", ");
            }
            if (names[i] == null) {
                text.append('[').append(indexes[i]).append(']');
            } else {
                text.append(names[i]);
            }
        }
        return text.append(']').toString();
    }
}
