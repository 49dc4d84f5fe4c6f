package io.firelake.config.cli;

import picocli.CommandLine.Option;

import java.time.LocalDate;

/**
 * {@code --date D}, or {@code --from D --to D}: the UTC days a batch or report command works on. Each command says
 * in its description what it takes when a day is not given; {@link #lastDays} and {@link #oneDay} are those rules.
 */
public final class DayRangeOptions {

    /** An inclusive range of UTC days. */
    public record Days(LocalDate first, LocalDate last) {
        public Days {
            if (last.isBefore(first)) {
                throw new IllegalArgumentException("--to " + last + " is before --from " + first);
            }
        }
    }

    @Option(names = "--date", paramLabel = "D", converter = DayConverter.class, description = "One UTC day, yyyy-MM-dd (instead of --from and --to).")
    LocalDate date;

    @Option(names = "--from", paramLabel = "D", converter = DayConverter.class, description = "First UTC day of a range, yyyy-MM-dd.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "D", converter = DayConverter.class, description = "Last UTC day of a range, yyyy-MM-dd.")
    LocalDate to;

    /** {@code --date}, or {@code --from} (default: {@code count} days up to the last) to {@code --to} (default: today). */
    public Days lastDays(int count, LocalDate today) {
        if (date != null) {
            return single();
        }
        LocalDate last = to != null ? to : today;
        return new Days(from != null ? from : last.minusDays(count - 1L), last);
    }

    /** {@code --date} (default: today), or {@code --from} to {@code --to} (default: {@code --from}). */
    public Days oneDay(LocalDate today) {
        if (date != null) {
            return single();
        }
        if (from == null && to != null) {
            throw new IllegalArgumentException("--to needs --from");
        }
        LocalDate first = from != null ? from : today;
        return new Days(first, to != null ? to : first);
    }

    private Days single() {
        if (from != null || to != null) {
            throw new IllegalArgumentException("give either --date or --from/--to, not both");
        }
        return new Days(date, date);
    }
}
