package io.github.distributedcounter.emulator.internal.expression;

import java.util.Arrays;

import io.github.distributedcounter.emulator.internal.ServiceError;
import io.github.distributedcounter.emulator.internal.Value;

/**
 * What the recursive-descent parsers of condition, update and projection expressions share: the tokens,
 * document paths, expression attribute names and values, DynamoDB's limits and its error messages.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.Attributes.html">
 *     Referring to item attributes when using expressions in DynamoDB</a>
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html#limits-expression-parameters">
 *     Constraints in Amazon DynamoDB: expression parameters</a>
 */
abstract class ExpressionParser {

    static final int MAX_LENGTH = 4096;
    static final int MAX_NESTING = 32;
    static final int MAX_OPERATORS = 300;

    private static final String[] KEYWORDS = {"AND", "OR", "NOT", "BETWEEN", "IN", "SET", "REMOVE", "ADD", "DELETE"};

    final String parameter;
    final ExpressionContext context;
    final Tokens tokens;
    final Problems problems = new Problems();
    int position;
    private int operators;

    ExpressionParser(String parameter, String text, ExpressionContext context, boolean sizeInMessage) {
        this.parameter = parameter;
        this.context = context;
        if (text.isEmpty()) {
            throw invalid("The expression can not be empty;");
        }
        if (text.length() > MAX_LENGTH) {
            throw invalid("Expression size has exceeded the maximum allowed size;"
                    + (sizeInMessage ? " expression size: " + text.length() : ""));
        }
        this.tokens = Tokens.of(text);
    }

    /** Records an expression attribute name that is not defined. */
    abstract void undefinedName(String message);

    /** Records an expression attribute value that is not defined. */
    abstract void undefinedValue(String message);

    final ServiceError invalid(String detail) {
        return ServiceError.validation("Invalid " + parameter + ": " + detail);
    }

    /** Throws the mistake DynamoDB would report, if the expression has one. */
    final void finish() {
        if (operators > MAX_OPERATORS) {
            problems.first(Check.OPERATORS,
                    "The expression contains too many operators; operator count: " + (MAX_OPERATORS + 1));
        }
        String reported = problems.reported();
        if (reported != null) {
            throw invalid(reported);
        }
    }

    final void countOperator() {
        operators++;
    }

    final void redundantParentheses() {
        problems.first(Check.PARENTHESES, "The expression has redundant parentheses;");
    }

    final TokenKind kind() {
        return tokens.kind(position);
    }

    final boolean at(TokenKind kind) {
        return tokens.kind(position) == kind;
    }

    final boolean atKeyword(String keyword) {
        return tokens.isKeyword(position, keyword);
    }

    final boolean isKeyword(int token) {
        if (tokens.kind(token) != TokenKind.WORD) {
            return false;
        }
        for (String keyword : KEYWORDS) {
            if (tokens.isKeyword(token, keyword)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the current token starts a function call: a word, not a keyword, followed by '('. */
    final boolean atCall() {
        return at(TokenKind.WORD) && tokens.kind(position + 1) == TokenKind.LEFT_PAREN && !isKeyword(position);
    }

    final void advance() {
        position++;
    }

    /** Skips a comma, if the current token is one. */
    final boolean skipComma() {
        if (at(TokenKind.COMMA)) {
            position++;
            return true;
        }
        return false;
    }

    final void expect(TokenKind kind) {
        if (!at(kind)) {
            throw syntaxError();
        }
        position++;
    }

    /**
     * DynamoDB's syntax error at the current token: the token, and the text from the token before it to the
     * token after it.
     */
    final ServiceError syntaxError() {
        int i = position;
        String token = tokens.kind(i) == TokenKind.END ? "<EOF>" : tokens.image(i);
        int from = i > 0 ? tokens.start(i - 1) : 0;
        int to = i + 1 < tokens.count() ? tokens.end(i + 1) : tokens.end(i);
        return invalid("Syntax error; token: \"" + token + "\", near: \"" + tokens.text().substring(from, to) + "\"");
    }

    /** The value that the current {@code :value} token stands for, null when undefined; moves past it. */
    final Value valueReference() {
        String reference = tokens.image(position);
        Value value = context.value(reference);
        if (value == null) {
            undefinedValue("An expression attribute value used in expression is not defined; attribute value: "
                    + reference);
        }
        position++;
        return value;
    }

    /**
     * Parses a document path, {@code a.#b[2]}; null when a name in it is undefined or an index too large, the
     * parse then failing with that mistake.
     */
    final DocumentPath path() {
        int start = tokens.start(position);
        String[] names = new String[4];
        int[] indexes = new int[4];
        int count = 0;
        boolean resolved = true;
        String first = segment();
        resolved &= first != null;
        names[count++] = first;
        while (true) {
            String name = null;
            int index = -1;
            if (at(TokenKind.DOT)) {
                advance();
                name = segment();
                resolved &= name != null;
            } else if (at(TokenKind.LEFT_BRACKET)) {
                advance();
                if (!at(TokenKind.NUMBER)) {
                    throw syntaxError();
                }
                index = index(tokens.image(position), tokens.start(position));
                resolved &= index >= 0;
                advance();
                expect(TokenKind.RIGHT_BRACKET);
            } else {
                break;
            }
            if (count == names.length) {
                names = Arrays.copyOf(names, count * 2);
                indexes = Arrays.copyOf(indexes, count * 2);
            }
            names[count] = name;
            indexes[count] = index;
            count++;
        }
        if (count > MAX_NESTING) {
            problems.earliest(Check.LIMITS, start,
                    "The document path has too many nesting levels; nesting levels: " + count);
        }
        return resolved ? new DocumentPath(Arrays.copyOf(names, count), Arrays.copyOf(indexes, count)) : null;
    }

    private String segment() {
        if (at(TokenKind.WORD) && !isKeyword(position)) {
            String word = tokens.image(position);
            if (ReservedWords.contains(word) && !word.equalsIgnoreCase("size")) {
                problems.earliest(Check.WORDS, tokens.start(position),
                        "Attribute name is a reserved keyword; reserved keyword: " + word);
            }
            advance();
            return word;
        }
        if (at(TokenKind.NAME_REF)) {
            String reference = tokens.image(position);
            String name = context.name(reference);
            if (name == null) {
                undefinedName("An expression attribute name used in the document path is not defined; "
                        + "attribute name: " + reference);
            }
            advance();
            return name;
        }
        throw syntaxError();
    }

    private int index(String digits, int start) {
        if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE) {
            problems.earliest(Check.WORDS, start, "List index is not within the allowable range; index: [" + digits + "]");
            return -1;
        }
        return Integer.parseInt(digits);
    }

    /** Records a mistake if the two paths overlap or conflict; null paths (already a mistake) are skipped. */
    final void checkOverlap(DocumentPath one, DocumentPath two) {
        if (one == null || two == null) {
            return;
        }
        DocumentPath.Relation relation = one.relation(two);
        if (relation != DocumentPath.Relation.DISJOINT) {
            problems.last(Check.OVERLAP, "Two document paths "
                    + (relation == DocumentPath.Relation.OVERLAP ? "overlap" : "conflict")
                    + " with each other; must remove or rewrite one of these paths; path one: " + one
                    + ", path two: " + two);
        }
    }
}
