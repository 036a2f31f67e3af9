package io.github.distributedcounter.emulator.internal.expression;

import java.math.BigDecimal;
import java.util.Map;

import io.github.distributedcounter.emulator.internal.Value;

/** An operand of a condition: a document path, an expression attribute value, or {@code size(operand)}. */
abstract class Operand {

    /** The operand's value in the item, or null when it has none (a missing attribute, say). */
    abstract Value evaluate(Map<String, Value> item);

    /** The type the operand has whatever the item, or null when only the item tells. */
    Value.Type staticType() {
        return null;
    }

    /** The document path this operand reads, or null when it is not a path. */
    DocumentPath path() {
        return null;
    }

    /** A document path; {@code path} is null when one of its names is not defined (the parse then fails). */
    static final class PathOperand extends Operand {

        private final DocumentPath path;

        PathOperand(DocumentPath path) {
            this.path = path;
        }

        @Override
        Value evaluate(Map<String, Value> item) {
            return path.get(item);
        }

        @Override
        DocumentPath path() {
            return path;
        }
    }

    /** An expression attribute value; {@code value} is null when it is not defined (the parse then fails). */
    static final class Literal extends Operand {

        private final Value value;

        Literal(Value value) {
            this.value = value;
        }

        Value value() {
            return value;
        }

        @Override
        Value evaluate(Map<String, Value> item) {
            return value;
        }

        @Override
        Value.Type staticType() {
            return value == null ? null : value.type();
        }
    }

    /**
     * {@code size(operand)}: a string's length in UTF-16 code units, a binary's bytes, a set's elements, a list's
     * or map's entries; nothing for other types.
     */
    static final class Size extends Operand {

        private final Operand operand;

        Size(Operand operand) {
            this.operand = operand;
        }

        @Override
        Value evaluate(Map<String, Value> item) {
            Value value = operand.evaluate(item);
            int size;
            if (value instanceof Value.S s) {
                size = s.value().length();
            } else if (value instanceof Value.B b) {
                size = b.value().length();
            } else if (value instanceof Value.SS ss) {
                size = ss.values().size();
            } else if (value instanceof Value.NS ns) {
                size = ns.values().size();
            } else if (value instanceof Value.BS bs) {
                size = bs.values().size();
            } else if (value instanceof Value.L l) {
                size = l.values().size();
            } else if (value instanceof Value.M m) {
                size = m.values().size();
            } else {
                return null;
            }
            return new Value.N(BigDecimal.valueOf(size));
        }

        @Override
        Value.Type staticType() {
            return Value.Type.N;
        }
    }
}
