package io.firelake.transform.time;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Event-time parsing and the lake's timestamp format, on the hot path: the common shapes are handled by hand, anything
 * else by {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, so the accepted language is exactly ISO-8601 with an offset.
 */
public final class Timestamps {

    /** 2000-01-01T00:00:00Z. */
    public static final long YEAR_2000_MILLIS = 946_684_800_000L;
    /** 10000-01-01T00:00:00Z: the first instant a four-digit year cannot show. */
    public static final long YEAR_10000_MILLIS = 253_402_300_800_000L;

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private Timestamps() {
    }

    /**
     * Epoch milliseconds of an ISO-8601 date-time with an offset ({@code Z} or {@code +hh:mm}), sub-millisecond digits
     * truncated; {@code Long.MIN_VALUE} when the text is not one.
     */
    public static long parseIsoOffsetMillis(String text) {
        long fast = parseFast(text);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        try {
            OffsetDateTime parsed = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return parsed.toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±hh:mm)}; {@code Long.MIN_VALUE} for every other shape (then the slow path decides). */
    static long parseFast(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        int i = 19;
        int millis = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (i - start < 3) {
                    millis = millis * 10 + (s.charAt(i) - '0');
                }
                i++;
            }
            int count = i - start;
            if (count < 1 || count > 9) {
                return Long.MIN_VALUE;
            }
            for (int k = count; k < 3; k++) {
                millis *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh < 0 || oh > 18 || om < 0 || om > 59 || (oh == 18 && om > 0)) {
                return Long.MIN_VALUE;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (s.charAt(i) == '-' ? -1 : 1);
        } else {
            return Long.MIN_VALUE;
        }
        long epochDay = epochDay(year, month, day);
        long secondsOfDay = hour * 3600L + minute * 60L + second;
        return (epochDay * 86_400L + secondsOfDay - offsetSeconds) * 1000L + millis;
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean leap(long year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> leap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the algorithm of {@code LocalDate.toEpochDay}). */
    private static long epochDay(long year, int month, int day) {
        long total = 365 * year;
        if (year >= 0) {
            total += (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400;
        } else {
            total -= year / -4 - year / -100 + year / -400;
        }
        total += (367 * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            if (!leap(year)) {
                total--;
            }
        }
        return total - 719_528L;
    }

    /** Whether {@link #formatIsoMillis} can render this instant (years 0000 to 9999). */
    public static boolean formattable(long epochMillis) {
        return epochMillis >= -62_167_219_200_000L && epochMillis < YEAR_10000_MILLIS;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ} in UTC, the lake's timestamp format. */
    public static String formatIsoMillis(long epochMillis) {
        char[] out = new char[24];
        writeIsoMillis(epochMillis, out);
        return new String(out);
    }

    /** Writes {@code yyyy-MM-ddTHH:mm:ss.SSSZ} into {@code out[0..24)}. */
    public static void writeIsoMillis(long epochMillis, char[] out) {
        if (!formattable(epochMillis)) {
            throw new DateTimeException("instant outside years 0000-9999: " + epochMillis);
        }
        long epochDay = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        long millisOfDay = Math.floorMod(epochMillis, MILLIS_PER_DAY);
        writeDate(epochDay, out, 0);
        out[10] = 'T';
        int secondOfDay = (int) (millisOfDay / 1000);
        two(secondOfDay / 3600, out, 11);
        out[13] = ':';
        two(secondOfDay / 60 % 60, out, 14);
        out[16] = ':';
        two(secondOfDay % 60, out, 17);
        out[19] = '.';
        int millis = (int) (millisOfDay % 1000);
        out[20] = (char) ('0' + millis / 100);
        out[21] = (char) ('0' + millis / 10 % 10);
        out[22] = (char) ('0' + millis % 10);
        out[23] = 'Z';
    }

    /** {@code yyyy-MM-dd} (UTC) of an instant in years 0000-9999. */
    public static String formatDate(long epochMillis) {
        char[] out = new char[10];
        writeDate(Math.floorDiv(epochMillis, MILLIS_PER_DAY), out, 0);
        return new String(out);
    }

    /** {@code HH} (UTC) of an instant. */
    public static String formatHour(long epochMillis) {
        return HOURS[(int) (Math.floorMod(epochMillis, MILLIS_PER_DAY) / 3_600_000L)];
    }

    private static final String[] HOURS = new String[24];

    static {
        for (int h = 0; h < 24; h++) {
            HOURS[h] = (h < 10 ? "0" : "") + h;
        }
    }

    /** Civil date from epoch day (the algorithm of {@code LocalDate.ofEpochDay}). */
    private static void writeDate(long epochDay, char[] out, int at) {
        long zeroDay = epochDay + 719_528L - 60;
        long adjust = 0;
        if (zeroDay < 0) {
            long adjustCycles = (zeroDay + 1) / 146_097 - 1;
            adjust = adjustCycles * 400;
            zeroDay += -adjustCycles * 146_097;
        }
        long yearEst = (400 * zeroDay + 591) / 146_097;
        long doyEst = zeroDay - (365 * yearEst + yearEst / 4 - yearEst / 100 + yearEst / 400);
        if (doyEst < 0) {
            yearEst--;
            doyEst = zeroDay - (365 * yearEst + yearEst / 4 - yearEst / 100 + yearEst / 400);
        }
        yearEst += adjust;
        int marchDoy0 = (int) doyEst;
        int marchMonth0 = (marchDoy0 * 5 + 2) / 153;
        int month = (marchMonth0 + 2) % 12 + 1;
        int dom = marchDoy0 - (marchMonth0 * 306 + 5) / 10 + 1;
        yearEst += marchMonth0 / 10;
        int year = (int) yearEst;
        out[at] = (char) ('0' + year / 1000);
        out[at + 1] = (char) ('0' + year / 100 % 10);
        out[at + 2] = (char) ('0' + year / 10 % 10);
        out[at + 3] = (char) ('0' + year % 10);
        out[at + 4] = '-';
        two(month, out, at + 5);
        out[at + 7] = '-';
        two(dom, out, at + 8);
    }

    private static void two(int value, char[] out, int at) {
        out[at] = (char) ('0' + value / 10);
        out[at + 1] = (char) ('0' + value % 10);
    }
}
