package io.github.distributedcounter.emulator.internal.expression;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.github.distributedcounter.emulator.internal.Numbers;
import io.github.distributedcounter.emulator.internal.Value;

/** One action of an update expression: {@code SET path = value}, {@code REMOVE path}, {@code ADD} or {@code DELETE}. */
final class UpdateAction {

    enum Kind { SET, REMOVE, ADD, DELETE }

    final Kind kind;
    /** Null when a name in it is undefined or an index too large (the parse then fails). */
    final DocumentPath path;
    private final UpdateValue value;
    private final Value operand;

    private UpdateAction(Kind kind, DocumentPath path, UpdateValue value, Value operand) {
        this.kind = kind;
        this.path = path;
        this.value = value;
        this.operand = operand;
    }

    static UpdateAction set(DocumentPath path, UpdateValue value) {
        return new UpdateAction(Kind.SET, path, value, null);
    }

    static UpdateAction remove(DocumentPath path) {
        return new UpdateAction(Kind.REMOVE, path, null, null);
    }

    static UpdateAction add(DocumentPath path, Value operand) {
        return new UpdateAction(Kind.ADD, path, null, operand);
    }

    static UpdateAction delete(DocumentPath path, Value operand) {
        return new UpdateAction(Kind.DELETE, path, null, operand);
    }

    /** Adds what this action writes or removes to the plan, reading the item as it was before the update. */
    void plan(Map<String, Value> item, UpdatePlan plan) {
        switch (kind) {
            case SET -> plan.write(path, value.compute(item));
            case REMOVE -> plan.remove(path);
            case ADD -> plan.write(path, add(path.get(item), operand));
            default -> {
                Value current = path.get(item);
                if (current != null) {
                    Value rest = delete(current, operand);
                    if (rest == null) {
                        plan.remove(path);
                    } else {
                        plan.write(path, rest);
                    }
                }
            }
        }
    }

    private static Value add(Value current, Value operand) {
        if (operand instanceof Value.N n) {
            if (current == null) {
                return n;
            }
            if (current instanceof Value.N c) {
                return new Value.N(Numbers.add(c.value(), n.value()));
            }
        } else if (current == null) {
            return operand;
        } else if (current instanceof Value.SS c && operand instanceof Value.SS o) {
            return new Value.SS(union(c.values(), o.values()));
        } else if (current instanceof Value.NS c && operand instanceof Value.NS o) {
            return new Value.NS(union(c.values(), o.values()));
        } else if (current instanceof Value.BS c && operand instanceof Value.BS o) {
            return new Value.BS(union(c.values(), o.values()));
        }
        throw UpdateValue.incorrectType();
    }

    /** The set without the operand's elements; null when none is left. */
    private static Value delete(Value current, Value operand) {
        if (current instanceof Value.SS c && operand instanceof Value.SS o) {
            Set<String> rest = difference(c.values(), o.values());
            return rest.isEmpty() ? null : new Value.SS(rest);
        }
        if (current instanceof Value.NS c && operand instanceof Value.NS o) {
            Set<BigDecimal> rest = difference(c.values(), o.values());
            return rest.isEmpty() ? null : new Value.NS(rest);
        }
        if (current instanceof Value.BS c && operand instanceof Value.BS o) {
            Set<Value.Bytes> rest = difference(c.values(), o.values());
            return rest.isEmpty() ? null : new Value.BS(rest);
        }
        throw UpdateValue.incorrectType();
    }

    private static <T> Set<T> union(Set<T> current, Set<T> added) {
        Set<T> union = new LinkedHashSet<>(current);
        union.addAll(added);
        return union;
    }

    private static <T> Set<T> difference(Set<T> current, Set<T> removed) {
        Set<T> difference = new LinkedHashSet<>(current);
        difference.removeAll(removed);
        return difference;
    }
}
