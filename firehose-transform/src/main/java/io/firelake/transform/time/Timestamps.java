package io.firelake.transform.time;

import java.time.DateTimeException;

/**
 * The lake's timestamp format and the event-time bounds, written by hand on the hot path. Parsing event times is the
 * contract's: {@link io.firelake.events.time.IsoTimestamps}.
 */
public final class Timestamps {

    /** 2000-01-01T00:00:00Z. */
    public static final long YEAR_2000_MILLIS = 946_684_800_000L;
    /** 10000-01-01T00:00:00Z: the first instant a four-digit year cannot show. */
    public static final long YEAR_10000_MILLIS = 253_402_300_800_000L;

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private Timestamps() {
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
