package io.firelake.monitoring.config;

import java.time.Duration;
import java.util.Locale;

/** Reads {@code 90s}, {@code 15m}, {@code 1h}, {@code 2d} or ISO-8601 {@code PT1H}. */
public final class Durations {
    private Durations() {
    }

    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        }
        if (t.length() < 2) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (try 90s, 15m, 1h, 2d)");
        }
        long amount;
        try {
            amount = Long.parseLong(t.substring(0, t.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (try 90s, 15m, 1h, 2d)");
        }
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("not a duration: '" + text + "' (try 90s, 15m, 1h, 2d)");
        };
    }
}
