package io.firelake.glue.compaction;

import io.firelake.glue.job.DayRange;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a compaction run did.
 *
 * @param processed        the days replaced in curated (the requested range plus the lookback)
 * @param rawFiles         raw Parquet files read
 * @param rawBytes         their size
 * @param rawRows          rows read (deliveries, duplicates included)
 * @param outsideRange     rows whose event time lies outside the processed days (a misfiled raw object); left for the
 *                         run that processes their day, never written here, since that would replace their day partially
 * @param arrivedAfterDay  deliveries of the processed days that reached Kinesis after their UTC day had ended: the
 *                         late events the lookback exists for
 * @param days             per day written: rows, files, bytes
 * @param sizing           how the number of files per day was chosen; null when there was nothing to read
 */
public record CompactionResult(DayRange processed, long rawFiles, long rawBytes, long rawRows, long outsideRange,
                               long arrivedAfterDay, Map<LocalDate, DayOutput> days, FileSizing sizing) {

    public record DayOutput(long rows, long files, long bytes) {
    }

    public CompactionResult {
        days = new TreeMap<>(days);
    }

    public long curatedRows() {
        return days.values().stream().mapToLong(DayOutput::rows).sum();
    }

    public long duplicatesRemoved() {
        return rawRows - outsideRange - curatedRows();
    }

    /** What the run did, a line per day written ({@code day}: the contract's day partition key). */
    public String summary(String day) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("compaction %s: read %d raw files (%d bytes, %d rows), removed %d duplicates, "
                        + "%d deliveries arrived after their day ended%s%n",
                processed, rawFiles, rawBytes, rawRows, duplicatesRemoved(), arrivedAfterDay,
                outsideRange == 0 ? "" : ", left " + outsideRange + " rows of days outside the range"));
        if (sizing != null) {
            out.append(String.format("  files sized for %d MB at %.0f bytes per row (observed in %s data)%n",
                    sizing.targetFileBytes() >> 20, sizing.bytesPerRow(), sizing.basis()));
        }
        days.forEach((date, o) -> out.append(String.format("  curated/%s=%s: %d rows in %d files (%d bytes)%n",
                day, date, o.rows(), o.files(), o.bytes())));
        return out.toString();
    }
}
