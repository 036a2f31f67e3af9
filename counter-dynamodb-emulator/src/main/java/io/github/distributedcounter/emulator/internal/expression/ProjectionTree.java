package io.github.distributedcounter.emulator.internal.expression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.distributedcounter.emulator.internal.Value;

/**
 * What a projection keeps of one value: all of it, some of its map entries, or some of its list elements
 * (kept in index order, without gaps). A map or list of which nothing is kept is left out.
 */
final class ProjectionTree {

    private boolean whole;
    private Map<String, ProjectionTree> entries;
    private TreeMap<Integer, ProjectionTree> elements;

    /** Adds the path from element {@code depth} on; paths of one projection do not overlap. */
    void add(DocumentPath path, int depth) {
        if (depth == path.length()) {
            whole = true;
            return;
        }
        ProjectionTree child;
        if (path.isIndex(depth)) {
            if (elements == null) {
                elements = new TreeMap<>();
            }
            child = elements.computeIfAbsent(path.index(depth), index -> new ProjectionTree());
        } else {
            if (entries == null) {
                entries = new LinkedHashMap<>();
            }
            child = entries.computeIfAbsent(path.name(depth), name -> new ProjectionTree());
        }
        child.add(path, depth + 1);
    }

    /** The projected value, or null when nothing of it is kept. */
    Value project(Value value) {
        if (whole) {
            return value;
        }
        if (entries != null && value instanceof Value.M map) {
            Map<String, Value> kept = project(map.values());
            return kept.isEmpty() ? null : new Value.M(kept);
        }
        if (elements != null && value instanceof Value.L list) {
            List<Value> kept = new ArrayList<>(elements.size());
            for (Map.Entry<Integer, ProjectionTree> element : elements.entrySet()) {
                int index = element.getKey();
                if (index >= list.values().size()) {
                    break;
                }
                Value projected = element.getValue().project(list.values().get(index));
                if (projected != null) {
                    kept.add(projected);
                }
            }
            return kept.isEmpty() ? null : new Value.L(kept);
        }
        return null;
    }

    /** The projected entries of a map, or of an item. */
    Map<String, Value> project(Map<String, Value> map) {
        Map<String, Value> kept = new LinkedHashMap<>();
        for (Map.Entry<String, ProjectionTree> entry : entries.entrySet()) {
            Value value = map.get(entry.getKey());
            if (value != null) {
                Value projected = entry.getValue().project(value);
                if (projected != null) {
                    kept.put(entry.getKey(), projected);
                }
            }
        }
        return kept;
    }
}
