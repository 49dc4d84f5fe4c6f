package io.firelake.speed.core;

import java.util.BitSet;
import java.util.regex.Pattern;

/**
 * A field's declared {@code pattern}, matched against the whole value. A pattern that is one character class with a
 * count ({@code [A-Z]{3}}, {@code [0-9a-f]{32}}, {@code [a-z_]+}) is matched by a loop over the chars, which is what the
 * old hand-written parser did for currency codes and costs a tenth of {@link java.util.regex.Matcher}'s allocation and
 * dispatch; any other pattern goes to {@link Pattern}, with the same meaning. Immutable.
 */
abstract sealed class TextPattern {

    abstract boolean matches(String text);

    static TextPattern of(String regex) {
        CharClass simple = CharClass.parse(regex);
        return simple != null ? simple : new Regex(Pattern.compile(regex));
    }

    private static final class Regex extends TextPattern {
        private final Pattern pattern;

        Regex(Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        boolean matches(String text) {
            return pattern.matcher(text).matches();
        }
    }

    /** {@code [chars and ranges]} then {@code {n}}, {@code {m,n}}, {@code +}, {@code *} or nothing; ASCII only. */
    static final class CharClass extends TextPattern {
        private final BitSet ascii;
        private final int min;
        private final int max;

        private CharClass(BitSet ascii, int min, int max) {
            this.ascii = ascii;
            this.min = min;
            this.max = max;
        }

        @Override
        boolean matches(String text) {
            int length = text.length();
            if (length < min || length > max) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                char c = text.charAt(i);
                if (c >= 128 || !ascii.get(c)) {
                    return false;
                }
            }
            return true;
        }

        /** The class, or null when the pattern is anything else (left to {@link Pattern}). */
        static CharClass parse(String regex) {
            int close = regex.indexOf(']');
            if (!regex.startsWith("[") || close < 2 || regex.charAt(1) == '^') {
                return null;
            }
            BitSet ascii = new BitSet(128);
            for (int i = 1; i < close; i++) {
                char c = regex.charAt(i);
                if (!Character.isLetterOrDigit(c) && c != '_' && c != '-' || c >= 128) {
                    return null; // escapes, nested classes, intersections, punctuation with regex meaning
                }
                if (c == '-') {
                    if (i == 1 || i == close - 1) {
                        ascii.set('-');
                        continue;
                    }
                    return null; // a range is read with its first char below
                }
                if (i + 2 < close && regex.charAt(i + 1) == '-') {
                    char last = regex.charAt(i + 2);
                    if (last >= 128 || last < c || !Character.isLetterOrDigit(last)) {
                        return null;
                    }
                    ascii.set(c, last + 1);
                    i += 2;
                } else {
                    ascii.set(c);
                }
            }
            String count = regex.substring(close + 1);
            if (count.isEmpty()) {
                return new CharClass(ascii, 1, 1);
            } else if (count.equals("+")) {
                return new CharClass(ascii, 1, Integer.MAX_VALUE);
            } else if (count.equals("*")) {
                return new CharClass(ascii, 0, Integer.MAX_VALUE);
            } else if (count.matches("\\{\\d{1,4}(,\\d{1,4})?}")) {
                String[] bounds = count.substring(1, count.length() - 1).split(",");
                int min = Integer.parseInt(bounds[0]);
                int max = bounds.length == 1 ? min : Integer.parseInt(bounds[1]);
                return min <= max ? new CharClass(ascii, min, max) : null;
            }
            return null;
        }
    }
}
