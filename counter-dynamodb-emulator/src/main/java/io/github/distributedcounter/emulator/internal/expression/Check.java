package io.github.distributedcounter.emulator.internal.expression;

/**
 * The kinds of mistake DynamoDB finds in an expression that parses, in the order it reports them: when an
 * expression has several, the one of the earliest kind is reported.
 */
enum Check {
    /** {@code ((a = :v))}. */
    PARENTHESES,
    /**
     * A reserved word as an attribute name, an unknown function, a function where it is not allowed, or a list
     * index past the largest int; the earliest in the text is reported.
     */
    WORDS,
    /** A document path deeper than 32 levels, or more than 100 operands to the right of IN; the earliest. */
    LIMITS,
    /** More than 300 operators and functions. */
    OPERATORS,
    /** An update clause given twice. */
    SECTIONS,
    /** Two update or projection paths that overlap or conflict. */
    OVERLAP,
    /** An expression attribute name that is not defined. */
    NAMES,
    /** An expression attribute value that is not defined. */
    VALUES,
    /** Operands: their number, kind and type for each operator and function. */
    OPERANDS
}
