package io.github.distributedcounter.emulator.internal.expression;

import java.util.Arrays;

/**
 * The tokens of an expression, each with its span in the text. The last token is always {@link TokenKind#END},
 * placed at the end of the text.
 */
final class Tokens {

    private final String text;
    private TokenKind[] kinds;
    private int[] starts;
    private int[] ends;
    private int count;

    private Tokens(String text) {
        this.text = text;
        int capacity = Math.max(8, text.length() / 3);
        kinds = new TokenKind[capacity];
        starts = new int[capacity];
        ends = new int[capacity];
    }

    static Tokens of(String text) {
        Tokens tokens = new Tokens(text);
        tokens.scan();
        return tokens;
    }

    String text() {
        return text;
    }

    int count() {
        return count;
    }

    TokenKind kind(int i) {
        return kinds[i];
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    String image(int i) {
        return text.substring(starts[i], ends[i]);
    }

    /** Whether token {@code i} is the bare word {@code keyword}, in any case. */
    boolean isKeyword(int i, String keyword) {
        return kinds[i] == TokenKind.WORD && ends[i] - starts[i] == keyword.length()
                && text.regionMatches(true, starts[i], keyword, 0, keyword.length());
    }

    private void scan() {
        String s = text;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
                continue;
            }
            int start = i;
            TokenKind kind;
            if (isLetter(c)) {
                i++;
                while (i < n && isWordPart(s.charAt(i))) {
                    i++;
                }
                kind = TokenKind.WORD;
            } else if (c == '#' || c == ':') {
                i++;
                while (i < n && isWordPart(s.charAt(i))) {
                    i++;
                }
                kind = i - start == 1 ? TokenKind.UNKNOWN : c == '#' ? TokenKind.NAME_REF : TokenKind.VALUE_REF;
            } else if (c >= '0' && c <= '9') {
                i++;
                if (c != '0') {
                    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                        i++;
                    }
                }
                kind = TokenKind.NUMBER;
            } else {
                i++;
                char next = i < n ? s.charAt(i) : 0;
                switch (c) {
                    case '(' -> kind = TokenKind.LEFT_PAREN;
                    case ')' -> kind = TokenKind.RIGHT_PAREN;
                    case '[' -> kind = TokenKind.LEFT_BRACKET;
                    case ']' -> kind = TokenKind.RIGHT_BRACKET;
                    case '.' -> kind = TokenKind.DOT;
                    case ',' -> kind = TokenKind.COMMA;
                    case '=' -> kind = TokenKind.EQUAL;
                    case '+' -> kind = TokenKind.PLUS;
                    case '-' -> kind = TokenKind.MINUS;
                    case '<' -> {
                        if (next == '=') {
                            i++;
                            kind = TokenKind.LESS_OR_EQUAL;
                        } else if (next == '>') {
                            i++;
                            kind = TokenKind.NOT_EQUAL;
                        } else {
                            kind = TokenKind.LESS;
                        }
                    }
                    case '>' -> {
                        if (next == '=') {
                            i++;
                            kind = TokenKind.GREATER_OR_EQUAL;
                        } else {
                            kind = TokenKind.GREATER;
                        }
                    }
                    default -> {
                        if (Character.isHighSurrogate(c) && Character.isLowSurrogate(next)) {
                            i++;
                        }
                        kind = TokenKind.UNKNOWN;
                    }
                }
            }
            add(kind, start, i);
        }
        add(TokenKind.END, n, n);
    }

    private void add(TokenKind kind, int start, int end) {
        if (count == kinds.length) {
            int capacity = count * 2;
            kinds = Arrays.copyOf(kinds, capacity);
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
        }
        kinds[count] = kind;
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isWordPart(char c) {
        return isLetter(c) || (c >= '0' && c <= '9') || c == '_';
    }
}
