package io.github.distributedcounter.emulator.internal.expression;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.distributedcounter.emulator.internal.Value;

/**
 * The writes and removals of one update, applied to a copy of the item. List indexes refer to the list as
 * it was: writes go first, in path order, so that elements set past the end are appended by index; removals
 * follow, last path first, so that removing one element does not shift another that is removed.
 */
final class UpdatePlan {

    private record Write(DocumentPath path, Value value) {
    }

    private final List<Write> writes = new ArrayList<>(4);
    private final List<DocumentPath> removals = new ArrayList<>(2);

    void write(DocumentPath path, Value value) {
        writes.add(new Write(path, value));
    }

    void remove(DocumentPath path) {
        removals.add(path);
    }

    Map<String, Value> applyTo(Map<String, Value> item) {
        Map<String, Value> result = new LinkedHashMap<>(item);
        if (writes.size() > 1) {
            writes.sort((a, b) -> a.path().compareTo(b.path()));
        }
        for (Write write : writes) {
            replace(result, write.path(), write.value());
        }
        if (removals.size() > 1) {
            removals.sort(Collections.reverseOrder());
        }
        for (DocumentPath path : removals) {
            replace(result, path, null);
        }
        return result;
    }

    /** Sets (or, for a null value, removes) the value at the path; its parent is known to exist. */
    private static void replace(Map<String, Value> item, DocumentPath path, Value value) {
        String attribute = path.attribute();
        if (path.length() == 1) {
            if (value == null) {
                item.remove(attribute);
            } else {
                item.put(attribute, value);
            }
            return;
        }
        Value current = item.get(attribute);
        if (current != null) {
            item.put(attribute, replaced(current, path, 1, value));
        }
    }

    /** A copy of the container with element {@code depth} of the path, and below, replaced. */
    private static Value replaced(Value container, DocumentPath path, int depth, Value value) {
        boolean last = depth == path.length() - 1;
        if (path.isIndex(depth)) {
            if (!(container instanceof Value.L list)) {
                return container;
            }
            int index = path.index(depth);
            List<Value> elements = new ArrayList<>(list.values());
            if (index >= elements.size()) {
                if (!last || value == null) {
                    return container;
                }
                elements.add(value);
            } else if (last) {
                if (value == null) {
                    elements.remove(index);
                } else {
                    elements.set(index, value);
                }
            } else {
                elements.set(index, replaced(elements.get(index), path, depth + 1, value));
            }
            return new Value.L(elements);
        }
        if (!(container instanceof Value.M map)) {
            return container;
        }
        String key = path.name(depth);
        Map<String, Value> entries = new LinkedHashMap<>(map.values());
        if (last) {
            if (value == null) {
                if (entries.remove(key) == null) {
                    return container;
                }
            } else {
                entries.put(key, value);
            }
        } else {
            Value child = entries.get(key);
            if (child == null) {
                return container;
            }
            entries.put(key, replaced(child, path, depth + 1, value));
        }
        return new Value.M(entries);
    }
}
