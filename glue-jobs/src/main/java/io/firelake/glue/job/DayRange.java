package io.firelake.glue.job;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/** An inclusive range of UTC days: the unit a batch job processes and replaces. */
public record DayRange(LocalDate from, LocalDate to) {

    public DayRange {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
    }

    public static DayRange day(LocalDate day) {
        return new DayRange(day, day);
    }

    /** The range widened by {@code days} earlier days: where late events of earlier days may have arrived since. */
    public DayRange withLookback(int days) {
        if (days < 0) {
            throw new IllegalArgumentException("lookback must not be negative: " + days);
        }
        return new DayRange(from.minusDays(days), to);
    }

    public DayRange widen(int before, int after) {
        return new DayRange(from.minusDays(before), to.plusDays(after));
    }

    public List<LocalDate> days() {
        return Stream.iterate(from, d -> !d.isAfter(to), d -> d.plusDays(1)).toList();
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    @Override
    public String toString() {
        return from.equals(to) ? from.toString() : from + ".." + to;
    }
}
