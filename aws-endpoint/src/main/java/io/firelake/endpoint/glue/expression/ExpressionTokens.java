package io.firelake.endpoint.glue.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The tokens of a partition expression: identifiers (plain, {@code `quoted`} or {@code "quoted"}), strings, numbers
 * and operators.
 */
final class ExpressionTokens {

    enum Kind { IDENTIFIER, STRING, NUMBER, OPERATOR }

    /** A token; {@code quoted} marks an identifier written in quotes, never a keyword. */
    record Token(Kind kind, String text, boolean quoted) {
    }

    private static final Set<String> TWO_CHARACTER_OPERATORS = Set.of("<>", "!=", "<=", ">=");

    private ExpressionTokens() {
    }

    /** The tokens, or null when the text has a character or an unclosed quote no expression can have. */
    static List<Token> of(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '`' || c == '"') {
                int end = closing(text, i);
                if (end < 0) {
                    return null;
                }
                String inside = text.substring(i + 1, end).replace(String.valueOf(c) + c, String.valueOf(c));
                tokens.add(new Token(c == '\'' ? Kind.STRING : Kind.IDENTIFIER, inside, c != '\''));
                i = end + 1;
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < text.length()
                    && Character.isDigit(text.charAt(i + 1)))) {
                int end = i + 1;
                while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
                    end++;
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(i, end), false));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                tokens.add(new Token(Kind.IDENTIFIER, text.substring(i, end), false));
                i = end;
            } else if (i + 1 < text.length() && TWO_CHARACTER_OPERATORS.contains(text.substring(i, i + 2))) {
                tokens.add(new Token(Kind.OPERATOR, text.substring(i, i + 2), false));
                i += 2;
            } else if ("=<>(),".indexOf(c) >= 0) {
                tokens.add(new Token(Kind.OPERATOR, String.valueOf(c), false));
                i++;
            } else {
                return null;
            }
        }
        return tokens;
    }

    /** The index of the quote closing the one at {@code start} (a doubled quote is part of the text), or -1. */
    private static int closing(String text, int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return -1;
    }
}
