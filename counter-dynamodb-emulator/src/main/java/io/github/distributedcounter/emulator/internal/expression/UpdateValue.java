package io.github.distributedcounter.emulator.internal.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.distributedcounter.emulator.internal.Numbers;
import io.github.distributedcounter.emulator.internal.ServiceError;
import io.github.distributedcounter.emulator.internal.Value;

/** The value of a SET action, computed from the item as it was before the update. */
abstract class UpdateValue {

    abstract Value compute(Map<String, Value> item);

    /** The type the value has whatever the item, or null when only the item tells. */
    Value.Type staticType() {
        return null;
    }

    static ServiceError missingAttribute() {
        return ServiceError.validation(
                "The provided expression refers to an attribute that does not exist in the item");
    }

    static ServiceError incorrectType() {
        return ServiceError.validation("An operand in the update expression has an incorrect data type");
    }

    /** A document path; the item must have a value there. */
    static final class FromPath extends UpdateValue {

        final DocumentPath path;

        FromPath(DocumentPath path) {
            this.path = path;
        }

        @Override
        Value compute(Map<String, Value> item) {
            Value value = path == null ? null : path.get(item);
            if (value == null) {
                throw missingAttribute();
            }
            return value;
        }
    }

    /** An expression attribute value; null when it is not defined (the parse then fails). */
    static final class Literal extends UpdateValue {

        private final Value value;

        Literal(Value value) {
            this.value = value;
        }

        @Override
        Value compute(Map<String, Value> item) {
            return value;
        }

        @Override
        Value.Type staticType() {
            return value == null ? null : value.type();
        }
    }

    /** {@code if_not_exists(path, operand)}: the value at the path, or the operand when there is none. */
    static final class IfNotExists extends UpdateValue {

        private final DocumentPath path;
        private final UpdateValue fallback;

        IfNotExists(DocumentPath path, UpdateValue fallback) {
            this.path = path;
            this.fallback = fallback;
        }

        @Override
        Value compute(Map<String, Value> item) {
            Value otherwise = fallback.compute(item);
            Value value = path.get(item);
            return value != null ? value : otherwise;
        }
    }

    /** {@code list_append(a, b)}: the elements of list a, then those of list b. */
    static final class ListAppend extends UpdateValue {

        private final UpdateValue first;
        private final UpdateValue second;

        ListAppend(UpdateValue first, UpdateValue second) {
            this.first = first;
            this.second = second;
        }

        @Override
        Value compute(Map<String, Value> item) {
            Value a = first.compute(item);
            Value b = second.compute(item);
            if (!(a instanceof Value.L x) || !(b instanceof Value.L y)) {
                throw incorrectType();
            }
            List<Value> elements = new ArrayList<>(x.values().size() + y.values().size());
            elements.addAll(x.values());
            elements.addAll(y.values());
            return new Value.L(elements);
        }

        @Override
        Value.Type staticType() {
            return Value.Type.L;
        }
    }

    /** {@code a + b} and {@code a - b}, on numbers, exact. */
    static final class Arithmetic extends UpdateValue {

        private final UpdateValue left;
        private final UpdateValue right;
        private final boolean subtract;

        Arithmetic(UpdateValue left, UpdateValue right, boolean subtract) {
            this.left = left;
            this.right = right;
            this.subtract = subtract;
        }

        @Override
        Value compute(Map<String, Value> item) {
            Value a = left.compute(item);
            Value b = right.compute(item);
            if (!(a instanceof Value.N x) || !(b instanceof Value.N y)) {
                throw incorrectType();
            }
            return new Value.N(subtract ? Numbers.subtract(x.value(), y.value()) : Numbers.add(x.value(), y.value()));
        }

        @Override
        Value.Type staticType() {
            return Value.Type.N;
        }
    }
}
