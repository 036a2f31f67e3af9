package io.github.distributedcounter.emulator.internal.expression;

import java.util.Arrays;
import java.util.Map;

import io.github.distributedcounter.emulator.internal.Value;

/**
 * A node of a parsed condition. An operand that the item lacks makes every comparison false except
 * {@code <>}, which it makes true, and makes every function false except {@code attribute_not_exists}.
 */
abstract class ConditionNode {

    abstract boolean test(Map<String, Value> item);

    static final class And extends ConditionNode {

        private final ConditionNode left;
        private final ConditionNode right;

        And(ConditionNode left, ConditionNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        boolean test(Map<String, Value> item) {
            return left.test(item) && right.test(item);
        }
    }

    static final class Or extends ConditionNode {

        private final ConditionNode left;
        private final ConditionNode right;

        Or(ConditionNode left, ConditionNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        boolean test(Map<String, Value> item) {
            return left.test(item) || right.test(item);
        }
    }

    static final class Not extends ConditionNode {

        private final ConditionNode condition;

        Not(ConditionNode condition) {
            this.condition = condition;
        }

        @Override
        boolean test(Map<String, Value> item) {
            return !condition.test(item);
        }
    }

    /** {@code = <> < <= > >=}. */
    static final class Comparison extends ConditionNode {

        enum Comparator {
            EQUAL("="), NOT_EQUAL("<>"), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">=");

            final String symbol;

            Comparator(String symbol) {
                this.symbol = symbol;
            }

            boolean isOrdering() {
                return this != EQUAL && this != NOT_EQUAL;
            }
        }

        private final Comparator comparator;
        private final Operand left;
        private final Operand right;

        Comparison(Comparator comparator, Operand left, Operand right) {
            this.comparator = comparator;
            this.left = left;
            this.right = right;
        }

        @Override
        boolean test(Map<String, Value> item) {
            Value a = left.evaluate(item);
            Value b = right.evaluate(item);
            switch (comparator) {
                case EQUAL:
                    return a != null && a.equals(b);
                case NOT_EQUAL:
                    return a == null || !a.equals(b);
                default:
                    Integer order = a == null || b == null ? null : Ordering.compare(a, b);
                    if (order == null) {
                        return false;
                    }
                    return switch (comparator) {
                        case LESS -> order < 0;
                        case LESS_OR_EQUAL -> order <= 0;
                        case GREATER -> order > 0;
                        default -> order >= 0;
                    };
            }
        }
    }

    /** {@code a BETWEEN low AND high}: true when {@code low <= a <= high}, all three of one ordered type. */
    static final class Between extends ConditionNode {

        private final Operand operand;
        private final Operand low;
        private final Operand high;

        Between(Operand operand, Operand low, Operand high) {
            this.operand = operand;
            this.low = low;
            this.high = high;
        }

        @Override
        boolean test(Map<String, Value> item) {
            Value value = operand.evaluate(item);
            Value lowValue = low.evaluate(item);
            Value highValue = high.evaluate(item);
            if (value == null || lowValue == null || highValue == null) {
                return false;
            }
            Integer aboveLow = Ordering.compare(value, lowValue);
            Integer belowHigh = Ordering.compare(value, highValue);
            return aboveLow != null && belowHigh != null && aboveLow >= 0 && belowHigh <= 0;
        }
    }

    /** {@code a IN (b, c, ...)}: true when {@code a} equals one of them. */
    static final class In extends ConditionNode {

        private final Operand operand;
        private final Operand[] candidates;

        In(Operand operand, Operand[] candidates) {
            this.operand = operand;
            this.candidates = Arrays.copyOf(candidates, candidates.length);
        }

        @Override
        boolean test(Map<String, Value> item) {
            Value value = operand.evaluate(item);
            if (value == null) {
                return false;
            }
            for (Operand candidate : candidates) {
                if (value.equals(candidate.evaluate(item))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code attribute_exists(path)} and {@code attribute_not_exists(path)}. */
    static final class Exists extends ConditionNode {

        private final Operand path;
        private final boolean expected;

        Exists(Operand path, boolean expected) {
            this.path = path;
            this.expected = expected;
        }

        @Override
        boolean test(Map<String, Value> item) {
            return (path.evaluate(item) != null) == expected;
        }
    }

    /** {@code attribute_type(path, :type)}. */
    static final class TypeIs extends ConditionNode {

        private final Operand operand;
        private final Operand type;

        TypeIs(Operand operand, Operand type) {
            this.operand = operand;
            this.type = type;
        }

        @Override
        boolean test(Map<String, Value> item) {
            Value value = operand.evaluate(item);
            return value != null && type.evaluate(item) instanceof Value.S name
                    && value.type().name().equals(name.value());
        }
    }

    /** {@code begins_with(a, b)}: a string prefix of a string, or a byte prefix of a binary. */
    static final class BeginsWith extends ConditionNode {

        private final Operand operand;
        private final Operand prefix;

        BeginsWith(Operand operand, Operand prefix) {
            this.operand = operand;
            this.prefix = prefix;
        }

        @Override
        boolean test(Map<String, Value> item) {
            Value value = operand.evaluate(item);
            Value start = prefix.evaluate(item);
            if (value instanceof Value.S s && start instanceof Value.S p) {
                return s.value().startsWith(p.value());
            }
            if (value instanceof Value.B b && start instanceof Value.B p) {
                byte[] bytes = b.value().bytes();
                byte[] head = p.value().bytes();
                return head.length <= bytes.length && Arrays.equals(bytes, 0, head.length, head, 0, head.length);
            }
            return false;
        }
    }

    /**
     * {@code contains(a, b)}: a substring of a string, a byte sequence of a binary, an element of a set of the
     * same type, or an element of a list.
     */
    static final class Contains extends ConditionNode {

        private final Operand operand;
        private final Operand element;

        Contains(Operand operand, Operand element) {
            this.operand = operand;
            this.element = element;
        }

        @Override
        boolean test(Map<String, Value> item) {
            Value value = operand.evaluate(item);
            Value part = element.evaluate(item);
            if (value == null || part == null) {
                return false;
            }
            if (value instanceof Value.S s) {
                return part instanceof Value.S p && s.value().contains(p.value());
            }
            if (value instanceof Value.B b) {
                return part instanceof Value.B p && indexOf(b.value().bytes(), p.value().bytes()) >= 0;
            }
            if (value instanceof Value.SS ss) {
                return part instanceof Value.S p && ss.values().contains(p.value());
            }
            if (value instanceof Value.NS ns) {
                return part instanceof Value.N p && ns.values().contains(p.value());
            }
            if (value instanceof Value.BS bs) {
                return part instanceof Value.B p && bs.values().contains(p.value());
            }
            if (value instanceof Value.L list) {
                return list.values().contains(part);
            }
            return false;
        }

        private static int indexOf(byte[] bytes, byte[] part) {
            for (int i = 0; i + part.length <= bytes.length; i++) {
                if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
