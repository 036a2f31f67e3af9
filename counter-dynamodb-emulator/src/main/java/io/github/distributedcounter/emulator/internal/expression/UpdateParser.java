package io.github.distributedcounter.emulator.internal.expression;

import java.util.ArrayList;
import java.util.List;

import io.github.distributedcounter.emulator.internal.Value;

/**
 * Parses an update expression: clauses {@code SET}, {@code REMOVE}, {@code ADD} and {@code DELETE}, each at
 * most once and in any order, each a comma-separated list of actions.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html">
 *     Using update expressions in DynamoDB</a>
 */
final class UpdateParser extends OperandParser {

    private static final UpdateAction.Kind[] CLAUSES = UpdateAction.Kind.values();
    private static final UpdateValue NO_VALUE = new UpdateValue.Literal(null);

    /** A function call, checked for its operands. */
    private record Call(ExpressionFunction function, String name, int position, UpdateValue[] operands) {
    }

    UpdateParser(String text, ExpressionContext context) {
        super("UpdateExpression", text, context, false);
    }

    @Override
    void undefinedName(String message) {
        problems.last(Check.NAMES, message);
    }

    @Override
    void undefinedValue(String message) {
        problems.last(Check.VALUES, message);
    }

    List<UpdateAction> parse() {
        if (at(TokenKind.END)) {
            throw syntaxError();
        }
        List<UpdateAction> actions = new ArrayList<>();
        boolean[] seen = new boolean[CLAUSES.length];
        while (!at(TokenKind.END)) {
            UpdateAction.Kind clause = clause();
            if (clause == null) {
                throw syntaxError();
            }
            if (seen[clause.ordinal()]) {
                problems.first(Check.SECTIONS, "The \"" + clause + "\" section can only be used once in an update "
                        + "expression;");
            }
            seen[clause.ordinal()] = true;
            advance();
            do {
                actions.add(action(clause));
            } while (skipComma());
        }
        for (int i = 1; i < actions.size(); i++) {
            for (int j = 0; j < i; j++) {
                checkOverlap(actions.get(j).path, actions.get(i).path);
            }
        }
        finish();
        return actions;
    }

    private UpdateAction.Kind clause() {
        for (UpdateAction.Kind clause : CLAUSES) {
            if (atKeyword(clause.name())) {
                return clause;
            }
        }
        return null;
    }

    private UpdateAction action(UpdateAction.Kind clause) {
        DocumentPath path = path();
        switch (clause) {
            case SET -> {
                expect(TokenKind.EQUAL);
                return UpdateAction.set(path, setValue());
            }
            case REMOVE -> {
                return UpdateAction.remove(path);
            }
            default -> {
                if (!at(TokenKind.VALUE_REF)) {
                    throw syntaxError();
                }
                Value operand = valueReference();
                checkSetOperand(clause, operand);
                return clause == UpdateAction.Kind.ADD ? UpdateAction.add(path, operand)
                        : UpdateAction.delete(path, operand);
            }
        }
    }

    private void checkSetOperand(UpdateAction.Kind clause, Value operand) {
        if (operand == null) {
            return;
        }
        Value.Type type = operand.type();
        boolean set = type == Value.Type.SS || type == Value.Type.NS || type == Value.Type.BS;
        if (!set && !(clause == UpdateAction.Kind.ADD && type == Value.Type.N)) {
            operandProblem("Incorrect operand type for operator or function; operator: " + clause + ", operand type: "
                    + typeName(type) + ", typeSet: ALLOWED_FOR_" + clause + "_OPERAND");
        }
    }

    private static String typeName(Value.Type type) {
        return switch (type) {
            case S -> "STRING";
            case N -> "NUMBER";
            case B -> "BINARY";
            case BOOL -> "BOOLEAN";
            case L -> "LIST";
            case M -> "MAP";
            default -> type.name();
        };
    }

    private void operandProblem(String message) {
        problems.last(Check.OPERANDS, message);
    }

    /** The value of a SET action: an operand, or {@code operand + operand}, or {@code operand - operand}. */
    private UpdateValue setValue() {
        return value(sum(), true);
    }

    private Parsed sum() {
        Parsed left;
        if (at(TokenKind.LEFT_PAREN)) {
            advance();
            Parsed inner = sum();
            expect(TokenKind.RIGHT_PAREN);
            if (inner.parenthesized()) {
                redundantParentheses();
            }
            left = new Parsed(inner.node(), true);
            if (left.node() instanceof UpdateValue.Arithmetic) {
                return left;
            }
        } else {
            left = operandStart();
        }
        if (at(TokenKind.PLUS) || at(TokenKind.MINUS)) {
            boolean subtract = at(TokenKind.MINUS);
            String operator = subtract ? "-" : "+";
            advance();
            countOperator();
            UpdateValue a = value(left, false);
            UpdateValue b = value(operand(), false);
            for (UpdateValue operand : new UpdateValue[] {a, b}) {
                Value.Type type = operand.staticType();
                if (type != null && type != Value.Type.N) {
                    incorrectType(operator, type);
                }
            }
            return new Parsed(new UpdateValue.Arithmetic(a, b, subtract), false);
        }
        return left;
    }

    @Override
    Object pathOperand(DocumentPath path) {
        return new UpdateValue.FromPath(path);
    }

    @Override
    Object literal(Value value) {
        return new UpdateValue.Literal(value);
    }

    @Override
    Call call() {
        String name = tokens.image(position);
        int start = tokens.start(position);
        advance();
        expect(TokenKind.LEFT_PAREN);
        List<UpdateValue> operands = new ArrayList<>(2);
        do {
            operands.add(value(operand(), false));
        } while (skipComma());
        expect(TokenKind.RIGHT_PAREN);
        countOperator();
        ExpressionFunction function = ExpressionFunction.named(name);
        if (function == null) {
            problems.earliest(Check.WORDS, start, "Invalid function name; function: " + name);
        } else if (function.use != ExpressionFunction.Use.UPDATE) {
            problems.earliest(Check.WORDS, start,
                    "The function is not allowed in an update expression; function: " + name);
            function = null;
        } else {
            checkCall(function, operands);
        }
        return new Call(function, name, start, operands.toArray(new UpdateValue[0]));
    }

    private void checkCall(ExpressionFunction function, List<UpdateValue> operands) {
        if (operands.size() != function.operands) {
            operandProblem("Incorrect number of operands for operator or function; operator or function: "
                    + function.text + ", number of operands: " + operands.size());
        } else if (function == ExpressionFunction.IF_NOT_EXISTS) {
            if (!(operands.get(0) instanceof UpdateValue.FromPath)) {
                operandProblem("Operator or function requires a document path; operator or function: "
                        + function.text);
            }
        } else {
            for (UpdateValue operand : operands) {
                Value.Type type = operand.staticType();
                if (type != null && type != Value.Type.L) {
                    incorrectType(function.text, type);
                }
            }
        }
    }

    private void incorrectType(String operator, Value.Type type) {
        operandProblem("Incorrect operand type for operator or function; operator or function: " + operator
                + ", operand type: " + type.name());
    }

    /** The parsed piece as a value; {@code list_append} is allowed only as the whole value of a SET action. */
    private UpdateValue value(Parsed parsed, boolean whole) {
        Object node = parsed.node();
        if (node instanceof UpdateValue value) {
            return value;
        }
        Call call = (Call) node;
        ExpressionFunction function = call.function();
        if (function == ExpressionFunction.LIST_APPEND && !whole) {
            problems.earliest(Check.WORDS, call.position(),
                    "The function is not allowed to be used this way in an expression; function: " + call.name());
        }
        if (function == null || call.operands().length != function.operands) {
            return NO_VALUE;
        }
        UpdateValue[] operands = call.operands();
        if (function == ExpressionFunction.LIST_APPEND) {
            return new UpdateValue.ListAppend(operands[0], operands[1]);
        }
        return operands[0] instanceof UpdateValue.FromPath path
                ? new UpdateValue.IfNotExists(path.path, operands[1]) : NO_VALUE;
    }
}
