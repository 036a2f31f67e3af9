package io.github.distributedcounter.emulator.internal.expression;

/**
 * The functions of DynamoDB's expressions, each with its number of operands. Function names are
 * case-sensitive.
 */
enum ExpressionFunction {
    ATTRIBUTE_EXISTS("attribute_exists", 1, Use.CONDITION),
    ATTRIBUTE_NOT_EXISTS("attribute_not_exists", 1, Use.CONDITION),
    ATTRIBUTE_TYPE("attribute_type", 2, Use.CONDITION),
    BEGINS_WITH("begins_with", 2, Use.CONDITION),
    CONTAINS("contains", 2, Use.CONDITION),
    SIZE("size", 1, Use.CONDITION_OPERAND),
    IF_NOT_EXISTS("if_not_exists", 2, Use.UPDATE),
    LIST_APPEND("list_append", 2, Use.UPDATE);

    /** Where a function may appear. */
    enum Use {
        /** As a condition of its own. */
        CONDITION,
        /** As an operand of a condition. */
        CONDITION_OPERAND,
        /** In the value of a SET action. */
        UPDATE
    }

    final String text;
    final int operands;
    final Use use;

    ExpressionFunction(String text, int operands, Use use) {
        this.text = text;
        this.operands = operands;
        this.use = use;
    }

    /** The function of this exact name, or null. */
    static ExpressionFunction named(String name) {
        for (ExpressionFunction function : values()) {
            if (function.text.equals(name)) {
                return function;
            }
        }
        return null;
    }
}
