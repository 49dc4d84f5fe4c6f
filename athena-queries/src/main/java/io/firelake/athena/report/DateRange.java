package io.firelake.athena.report;

import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * An inclusive range of UTC days, the only parameter of a report.
 *
 * <p>Reports write {@code :from} and {@code :to}; they become {@code 'yyyy-MM-dd'} string literals because the lake's
 * partition keys are strings (as Firehose writes them into the S3 prefix) and partition projection prunes on them.
 */
public record DateRange(LocalDate from, LocalDate to) {

    private static final Pattern FROM = Pattern.compile(":from\\b");
    private static final Pattern TO = Pattern.compile(":to\\b");

    public DateRange {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
    }

    public static DateRange day(LocalDate day) {
        return new DateRange(day, day);
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    /** Replaces the placeholders; the values are formatted dates, so nothing a user typed reaches the SQL text. */
    public String substitute(String sql) {
        String withFrom = FROM.matcher(sql).replaceAll("'" + from + "'");
        return TO.matcher(withFrom).replaceAll("'" + to + "'");
    }

    @Override
    public String toString() {
        return from.equals(to) ? from.toString() : from + ".." + to;
    }
}
