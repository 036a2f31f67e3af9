package io.github.distributedcounter.emulator.internal.expression;

import java.util.ArrayList;
import java.util.List;

import io.github.distributedcounter.emulator.internal.Value;
import io.github.distributedcounter.emulator.internal.expression.ConditionNode.Comparison.Comparator;

/**
 * Parses a condition (ConditionExpression, FilterExpression, KeyConditionExpression). Precedence, loosest
 * first: {@code OR}, {@code AND}, {@code NOT}, then comparisons, {@code BETWEEN}, {@code IN} and functions.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html">
 *     Condition and filter expressions, operators, and functions in DynamoDB</a>
 */
final class ConditionParser extends OperandParser {

    static final int MAX_IN_OPERANDS = 100;

    private static final String VALID_TYPES = "{N,BS,L,B,NULL,M,S,SS,NS,BOOL}";
    private static final String ANY_TYPE =
            "{L,BS,FLOAT,DOUBLESET,HD,DOUBLE,INT,DECIMALSET,BOOL,M,SS,NULL,DICT,NS,HDS,FS,S,INTSET,DECIMAL,N,B}";
    private static final Operand NO_OPERAND = new Operand.Literal(null);
    private static final ConditionNode NO_CONDITION = new ConditionNode.Exists(NO_OPERAND, false);

    /** A function call, checked for its operands, waiting to become a condition or an operand. */
    private record Call(ExpressionFunction function, String name, int position, Operand[] operands) {
    }

    ConditionParser(String parameter, String text, ExpressionContext context) {
        super(parameter, text, context, true);
    }

    @Override
    void undefinedName(String message) {
        problems.first(Check.OPERANDS, message);
    }

    @Override
    void undefinedValue(String message) {
        problems.first(Check.OPERANDS, message);
    }

    ConditionNode parse() {
        Parsed parsed = or();
        if (!at(TokenKind.END)) {
            throw syntaxError();
        }
        ConditionNode root = condition(parsed);
        finish();
        return root;
    }

    private Parsed or() {
        Parsed left = and();
        while (atKeyword("OR")) {
            ConditionNode first = condition(left);
            advance();
            countOperator();
            ConditionNode second = condition(and());
            left = new Parsed(new ConditionNode.Or(first, second), false);
        }
        return left;
    }

    private Parsed and() {
        Parsed left = not();
        while (atKeyword("AND")) {
            ConditionNode first = condition(left);
            advance();
            countOperator();
            ConditionNode second = condition(not());
            left = new Parsed(new ConditionNode.And(first, second), false);
        }
        return left;
    }

    private Parsed not() {
        if (atKeyword("NOT")) {
            advance();
            countOperator();
            return new Parsed(new ConditionNode.Not(condition(not())), false);
        }
        return primary();
    }

    private Parsed primary() {
        Parsed left;
        if (at(TokenKind.LEFT_PAREN)) {
            advance();
            Parsed inner = or();
            expect(TokenKind.RIGHT_PAREN);
            if (inner.parenthesized()) {
                redundantParentheses();
            }
            left = new Parsed(inner.node(), true);
            if (left.node() instanceof ConditionNode) {
                return left;
            }
        } else {
            left = operandStart();
        }
        Comparator comparator = comparator();
        if (comparator != null) {
            advance();
            countOperator();
            Operand a = operand(left);
            Operand b = operand(operand());
            checkComparison(comparator, a, b);
            return new Parsed(new ConditionNode.Comparison(comparator, a, b), false);
        }
        if (atKeyword("BETWEEN")) {
            advance();
            countOperator();
            Operand a = operand(left);
            Operand low = operand(operand());
            if (!atKeyword("AND")) {
                throw syntaxError();
            }
            advance();
            Operand high = operand(operand());
            checkBetween(a, low, high);
            return new Parsed(new ConditionNode.Between(a, low, high), false);
        }
        if (atKeyword("IN")) {
            int start = tokens.start(position);
            advance();
            countOperator();
            Operand a = operand(left);
            expect(TokenKind.LEFT_PAREN);
            List<Operand> candidates = new ArrayList<>();
            do {
                candidates.add(operand(operand()));
            } while (skipComma());
            expect(TokenKind.RIGHT_PAREN);
            checkIn(a, candidates, start);
            return new Parsed(new ConditionNode.In(a, candidates.toArray(new Operand[0])), false);
        }
        if (left.node() instanceof Operand && !at(TokenKind.RIGHT_PAREN)) {
            throw syntaxError();
        }
        return left;
    }

    private Comparator comparator() {
        return switch (kind()) {
            case EQUAL -> Comparator.EQUAL;
            case NOT_EQUAL -> Comparator.NOT_EQUAL;
            case LESS -> Comparator.LESS;
            case LESS_OR_EQUAL -> Comparator.LESS_OR_EQUAL;
            case GREATER -> Comparator.GREATER;
            case GREATER_OR_EQUAL -> Comparator.GREATER_OR_EQUAL;
            default -> null;
        };
    }

    @Override
    Object pathOperand(DocumentPath path) {
        return new Operand.PathOperand(path);
    }

    @Override
    Object literal(Value value) {
        return new Operand.Literal(value);
    }

    @Override
    Call call() {
        String name = tokens.image(position);
        int start = tokens.start(position);
        advance();
        expect(TokenKind.LEFT_PAREN);
        List<Operand> operands = new ArrayList<>(2);
        do {
            operands.add(operand(operand()));
        } while (skipComma());
        expect(TokenKind.RIGHT_PAREN);
        countOperator();
        ExpressionFunction function = ExpressionFunction.named(name);
        if (function == null) {
            problems.earliest(Check.WORDS, start, "Invalid function name; function: " + name);
        } else if (function.use == ExpressionFunction.Use.UPDATE) {
            problems.earliest(Check.WORDS, start,
                    "The function is not allowed in a condition expression; function: " + name);
            function = null;
        } else {
            checkCall(function, operands);
        }
        return new Call(function, name, start, operands.toArray(new Operand[0]));
    }

    /** The parsed piece as an operand: only {@code size} among the functions is one. */
    private Operand operand(Parsed parsed) {
        Object node = parsed.node();
        if (node instanceof Operand operand) {
            return operand;
        }
        Call call = (Call) node;
        if (call.function() == ExpressionFunction.SIZE) {
            return call.operands().length == 1 ? new Operand.Size(call.operands()[0]) : NO_OPERAND;
        }
        if (call.function() != null) {
            misused(call);
        }
        return NO_OPERAND;
    }

    /** The parsed piece as a condition: a bare path or value where a condition belongs is a syntax error. */
    private ConditionNode condition(Parsed parsed) {
        Object node = parsed.node();
        if (node instanceof ConditionNode condition) {
            return condition;
        }
        if (!(node instanceof Call call)) {
            throw syntaxError();
        }
        ExpressionFunction function = call.function();
        if (function == ExpressionFunction.SIZE) {
            misused(call);
        }
        if (function == null || function == ExpressionFunction.SIZE || call.operands().length != function.operands) {
            return NO_CONDITION;
        }
        Operand[] operands = call.operands();
        return switch (function) {
            case ATTRIBUTE_EXISTS -> new ConditionNode.Exists(operands[0], true);
            case ATTRIBUTE_NOT_EXISTS -> new ConditionNode.Exists(operands[0], false);
            case ATTRIBUTE_TYPE -> new ConditionNode.TypeIs(operands[0], operands[1]);
            case BEGINS_WITH -> new ConditionNode.BeginsWith(operands[0], operands[1]);
            default -> new ConditionNode.Contains(operands[0], operands[1]);
        };
    }

    private void misused(Call call) {
        problems.earliest(Check.WORDS, call.position(),
                "The function is not allowed to be used this way in an expression; function: " + call.name());
    }

    private void operandProblem(String message) {
        problems.first(Check.OPERANDS, message);
    }

    private void checkCall(ExpressionFunction function, List<Operand> operands) {
        String name = function.text;
        if (operands.size() != function.operands) {
            operandProblem("Incorrect number of operands for operator or function; operator or function: " + name
                    + ", number of operands: " + operands.size());
            return;
        }
        switch (function) {
            case ATTRIBUTE_EXISTS, ATTRIBUTE_NOT_EXISTS -> {
                if (!(operands.get(0) instanceof Operand.PathOperand)) {
                    operandProblem("Operator or function requires a document path; operator or function: " + name);
                }
            }
            case BEGINS_WITH -> {
                checkDistinct(name, operands.get(0), operands.get(1));
                for (Operand operand : operands) {
                    Value.Type type = operand.staticType();
                    if (type != null && type != Value.Type.S && type != Value.Type.B) {
                        incorrectType(name, type.name());
                    }
                }
            }
            case CONTAINS -> checkDistinct(name, operands.get(0), operands.get(1));
            case ATTRIBUTE_TYPE -> {
                checkDistinct(name, operands.get(0), operands.get(1));
                checkTypeName(operands.get(1));
            }
            case SIZE -> {
                Value.Type type = operands.get(0).staticType();
                if (type == Value.Type.N || type == Value.Type.BOOL || type == Value.Type.NULL) {
                    incorrectType(name, type.name());
                }
            }
            default -> {
            }
        }
    }

    private void checkTypeName(Operand operand) {
        if (operand instanceof Operand.Literal literal) {
            Value value = literal.value();
            if (value == null) {
                return;
            }
            if (!(value instanceof Value.S s)) {
                incorrectType("attribute_type", value.type().name());
            } else if (!isTypeName(s.value())) {
                operandProblem("Invalid attribute type name found; type: " + s.value() + ", valid types: "
                        + VALID_TYPES);
            }
        } else {
            Value.Type type = operand.staticType();
            incorrectType("attribute_type", type == null ? ANY_TYPE : type.name());
        }
    }

    private static boolean isTypeName(String name) {
        for (Value.Type type : Value.Type.values()) {
            if (type.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private void incorrectType(String operator, String type) {
        operandProblem("Incorrect operand type for operator or function; operator or function: " + operator
                + ", operand type: " + type);
    }

    private void checkDistinct(String operator, Operand first, Operand other) {
        DocumentPath path = first.path();
        if (path != null && path.equals(other.path())) {
            operandProblem("The first operand must be distinct from the remaining operands for this operator or "
                    + "function; operator: " + operator + ", first operand: " + path);
        }
    }

    private void checkOrdered(String operator, Operand operand) {
        Value.Type type = operand.staticType();
        if (type != null && !Ordering.isOrdered(type)) {
            incorrectType(operator, type.name());
        }
    }

    private void checkComparison(Comparator comparator, Operand a, Operand b) {
        checkDistinct(comparator.symbol, a, b);
        if (comparator.isOrdering()) {
            checkOrdered(comparator.symbol, a);
            checkOrdered(comparator.symbol, b);
        }
    }

    private void checkBetween(Operand a, Operand low, Operand high) {
        checkDistinct("BETWEEN", a, low);
        checkDistinct("BETWEEN", a, high);
        checkOrdered("BETWEEN", a);
        checkOrdered("BETWEEN", low);
        checkOrdered("BETWEEN", high);
        if (low instanceof Operand.Literal l && high instanceof Operand.Literal h && l.value() != null
                && h.value() != null && Ordering.isOrdered(l.value().type()) && Ordering.isOrdered(h.value().type())) {
            String bounds = "lower bound operand: AttributeValue: {" + describe(l.value())
                    + "}, upper bound operand: AttributeValue: {" + describe(h.value()) + "}";
            if (l.value().type() != h.value().type()) {
                operandProblem("The BETWEEN operator requires same data type for lower and upper bounds; " + bounds);
            } else if (Ordering.compare(l.value(), h.value()) > 0) {
                operandProblem("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                        + bounds);
            }
        }
    }

    private static String describe(Value value) {
        String text;
        if (value instanceof Value.N n) {
            text = n.value().toPlainString();
        } else if (value instanceof Value.S s) {
            text = s.value();
        } else {
            text = ((Value.B) value).value().toString();
        }
        return value.type().name() + ":" + text;
    }

    private void checkIn(Operand a, List<Operand> candidates, int start) {
        if (candidates.size() > MAX_IN_OPERANDS) {
            problems.earliest(Check.LIMITS, start,
                    "The IN operator is provided with too many operands; number of operands: " + candidates.size());
        }
        for (Operand candidate : candidates) {
            checkDistinct("IN", a, candidate);
        }
    }
}
