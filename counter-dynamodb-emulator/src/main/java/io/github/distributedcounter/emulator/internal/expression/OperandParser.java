package io.github.distributedcounter.emulator.internal.expression;

import io.github.distributedcounter.emulator.internal.Value;

/** A parser of expressions whose operands are paths, values and function calls: conditions and updates. */
abstract class OperandParser extends ExpressionParser {

    OperandParser(String parameter, String text, ExpressionContext context, boolean sizeInMessage) {
        super(parameter, text, context, sizeInMessage);
    }

    /** A parsed piece before its use is known (operand, function call, condition), and whether it was in parentheses. */
    record Parsed(Object node, boolean parenthesized) {
    }

    /** A function call at the current token, checked for its operands. */
    abstract Object call();

    /** The operand that reads a document path. */
    abstract Object pathOperand(DocumentPath path);

    /** The operand that stands for an expression attribute value. */
    abstract Object literal(Value value);

    /** An operand, possibly in parentheses. */
    final Parsed operand() {
        if (at(TokenKind.LEFT_PAREN)) {
            advance();
            Parsed inner = operand();
            expect(TokenKind.RIGHT_PAREN);
            if (inner.parenthesized()) {
                redundantParentheses();
            }
            return new Parsed(inner.node(), true);
        }
        return operandStart();
    }

    /** An operand that does not start with a parenthesis. */
    final Parsed operandStart() {
        if (atCall()) {
            return new Parsed(call(), false);
        }
        if (at(TokenKind.WORD) || at(TokenKind.NAME_REF)) {
            return new Parsed(pathOperand(path()), false);
        }
        if (at(TokenKind.VALUE_REF)) {
            return new Parsed(literal(valueReference()), false);
        }
        throw syntaxError();
    }
}
