package io.firelake.events.time;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 date-times to epoch milliseconds, for every hot path that reads an event time: the transform Lambda, the
 * speed-layer Lambda and the lake's JSON-to-Parquet converter. java.time costs about a microsecond a value (a tenth of
 * a Lambda's budget per event), so the shapes producers and the transform actually write are parsed by hand; java.time
 * stays the reference that decides everything else and that the tests compare against.
 *
 * <p>Two languages, because the callers promise two:
 * <ul>
 *   <li>{@link #parseOffsetMillis}: exactly what {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} accepts (an offset is
 *       required; {@code Z} or {@code ±hh:mm}; 'T' and 'Z' in either case; no leap second; years beyond 9999 with a
 *       sign), the event-time rule of the raw event contract.</li>
 *   <li>{@link #parseCanonicalUtcMillis}: only {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with upper-case 'T' and 'Z',
 *       the form the transform writes into the lake, with no fallback; the caller decides what other text means.</li>
 * </ul>
 * Digits below the millisecond are dropped toward the past, as {@link Instant#toEpochMilli()} does. Text outside the
 * language answers {@link #INVALID}, never an exception: bad input must not cost a stack trace on the hot path.
 */
public final class IsoTimestamps {

    /** The answer for text outside the language; no valid instant in years 0000-9999 maps to it. */
    public static final long INVALID = Long.MIN_VALUE;

    private IsoTimestamps() {
    }

    /**
     * Epoch milliseconds of an ISO-8601 date-time with an offset, in exactly the language of
     * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}; {@link #INVALID} for any other text.
     */
    public static long parseOffsetMillis(String text) {
        long fast = parseCommon(text, true);
        return fast != INVALID ? fast : javaTime(text);
    }

    /**
     * {@link #parseOffsetMillis(String)} of the UTF-8 text in {@code utf8[from, to)}: the transform's byte reader parses
     * an event time where it finds it, without making a {@code String} of it first (a {@code String} and its
     * {@code charAt}s were a tenth of the transform's core, issue 19).
     */
    public static long parseOffsetMillis(byte[] utf8, int from, int to) {
        long fast = parseCommon(utf8, from, to, true);
        return fast != INVALID ? fast : javaTime(new String(utf8, from, to - from, StandardCharsets.UTF_8));
    }

    private static long javaTime(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            return INVALID;
        }
    }

    /**
     * Epoch milliseconds of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} (upper-case 'T' and 'Z', a real calendar date, no
     * leap second); {@link #INVALID} for any other text, even text {@link Instant#parse} would accept.
     */
    public static long parseCanonicalUtcMillis(String text) {
        return parseCommon(text, false);
    }

    /**
     * {@link #parseCommon(byte[], int, int, boolean)} of a string's characters. A character beyond Latin-1 is outside
     * the language; the encoder makes it a {@code ?} (a surrogate pair a single one, so the bytes are fewer than the
     * characters), which the language never accepts either.
     */
    static long parseCommon(String s, boolean offsets) {
        byte[] latin1 = s.getBytes(StandardCharsets.ISO_8859_1);
        return latin1.length != s.length() ? INVALID : parseCommon(latin1, 0, latin1.length, offsets);
    }

    /**
     * The hand-written path, over the bytes {@code b[from, to)} (one per character; a byte from 0x80 up is never part
     * of the language): {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]} then {@code Z}, or (with {@code offsets}) also 'z', 't'
     * and {@code ±hh:mm} up to ±18:00, the bounds of {@link java.time.ZoneOffset}. Every text it accepts, java.time
     * accepts with the same instant; {@link #INVALID} leaves the rest to the caller.
     */
    static long parseCommon(byte[] b, int from, int to, boolean offsets) {
        int n = to - from;
        if (n < 20 || b[from + 4] != '-' || b[from + 7] != '-' || b[from + 13] != ':' || b[from + 16] != ':') {
            return INVALID;
        }
        byte t = b[from + 10];
        if (t != 'T' && !(offsets && t == 't')) {
            return INVALID;
        }
        int year = digits(b, from, 4);
        int month = digits(b, from + 5, 2);
        int day = digits(b, from + 8, 2);
        int hour = digits(b, from + 11, 2);
        int minute = digits(b, from + 14, 2);
        int second = digits(b, from + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return INVALID;
        }
        int i = from + 19;
        int millis = 0;
        if (b[i] == '.') {
            int start = ++i;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                if (i - start < 3) {
                    millis = millis * 10 + (b[i] - '0');
                }
                i++;
            }
            int count = i - start;
            if (count < 1 || count > 9) {
                return INVALID;
            }
            for (int k = count; k < 3; k++) {
                millis *= 10;
            }
        }
        int offsetSeconds;
        byte zone = i < to ? b[i] : 0;
        if (i == to - 1 && (zone == 'Z' || (offsets && zone == 'z'))) {
            offsetSeconds = 0;
        } else if (offsets && i == to - 6 && (zone == '+' || zone == '-') && b[i + 3] == ':') {
            int offsetHours = digits(b, i + 1, 2);
            int offsetMinutes = digits(b, i + 4, 2);
            if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59
                    || (offsetHours == 18 && offsetMinutes > 0)) {
                return INVALID;
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (zone == '-' ? -1 : 1);
        } else {
            return INVALID;
        }
        long secondOfDay = hour * 3600L + minute * 60L + second;
        return (epochDay(year, month, day) * 86_400L + secondOfDay - offsetSeconds) * 1000L + millis;
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 if any is not one. */
    private static int digits(byte[] b, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            byte c = b[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean leap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> leap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a date in years 0000-9999 (the arithmetic of {@code LocalDate.toEpochDay}). */
    private static long epochDay(int year, int month, int day) {
        long total = 365L * year + (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400;
        total += (367 * month - 362) / 12 + day - 1;
        if (month > 2) {
            total -= leap(year) ? 1 : 2;
        }
        return total - 719_528L;
    }
}
