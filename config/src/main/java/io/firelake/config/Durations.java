package io.firelake.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them, one grammar for every command: a number and a unit ({@code ms}, {@code s},
 * {@code m}, {@code h}, {@code d}), such as {@code 500ms}, {@code 90s}, {@code 1.5h} or {@code 2d}, or an ISO-8601
 * duration such as {@code PT0.5S} or {@code P1DT2H}. Negative durations are refused: every duration here is a wait,
 * a window or a span.
 */
public final class Durations {

    /** The grammar in words, for option descriptions and error messages. */
    public static final String GRAMMAR = "a number and a unit ms, s, m, h or d (500ms, 90s, 15m, 1.5h, 2d), or ISO-8601 (PT0.5S)";

    private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private Durations() {
    }

    /** The duration {@code text} names; an {@link IllegalArgumentException} that quotes it and the grammar if none. */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(text);
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher simple = SIMPLE.matcher(t);
        if (simple.matches()) {
            return simple(new BigDecimal(simple.group(1)), simple.group(2), text);
        }
        if (t.startsWith("p")) {
            try {
                Duration iso = Duration.parse(t.toUpperCase(Locale.ROOT));
                if (!iso.isNegative()) {
                    return iso;
                }
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        throw invalid(text);
    }

    private static Duration simple(BigDecimal amount, String unit, String text) {
        long nanosPerUnit = switch (unit) {
            case "ms" -> NANOS_PER_MILLI;
            case "s" -> 1_000 * NANOS_PER_MILLI;
            case "m" -> 60_000 * NANOS_PER_MILLI;
            case "h" -> 3_600_000 * NANOS_PER_MILLI;
            default -> 86_400_000 * NANOS_PER_MILLI;
        };
        try {
            return Duration.ofNanos(amount.multiply(BigDecimal.valueOf(nanosPerUnit)).longValueExact());
        } catch (ArithmeticException tooLongOrTooFine) {
            throw invalid(text);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration: use " + GRAMMAR);
    }
}
