package io.github.distributedcounter.emulator.internal.expression;

/** What a token of an expression is. */
enum TokenKind {
    /** A bare word: an attribute name, a function name or a keyword. */
    WORD,
    /** {@code #name}: an expression attribute name. */
    NAME_REF,
    /** {@code :value}: an expression attribute value. */
    VALUE_REF,
    /** Decimal digits, as a list index. */
    NUMBER,
    LEFT_PAREN,
    RIGHT_PAREN,
    LEFT_BRACKET,
    RIGHT_BRACKET,
    DOT,
    COMMA,
    EQUAL,
    NOT_EQUAL,
    LESS,
    LESS_OR_EQUAL,
    GREATER,
    GREATER_OR_EQUAL,
    PLUS,
    MINUS,
    /** A character that no token starts with. */
    UNKNOWN,
    END
}
