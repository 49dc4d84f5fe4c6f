package io.firelake.glue.compaction;

/**
 * How many curated files a day gets: its estimated bytes over the target file size. The estimate is the day's rows
 * times the bytes per row observed in the raw Parquet read. That over-estimates: Firehose's small files carry
 * per-file and per-column-chunk overhead, and a compacted, sorted file compresses better (201 vs 71 bytes per event in
 * docs/benchmarks.md), so files come out smaller than the target, never larger. Once a curated day exists, its own
 * ratio is used instead ({@link #curated}).
 */
public record FileSizing(double bytesPerRow, long targetFileBytes, String basis) {

    public FileSizing {
        if (targetFileBytes < 1 || bytesPerRow <= 0) {
            throw new IllegalArgumentException("need positive sizes, got " + bytesPerRow + " bytes/row, target "
                    + targetFileBytes);
        }
    }

    public static FileSizing observed(long rawBytes, long rawRows, long targetFileBytes) {
        return new FileSizing(rawRows == 0 ? 1 : Math.max(1.0, (double) rawBytes / rawRows), targetFileBytes, "raw");
    }

    /** From a curated day already written: the exact ratio of compacted data, once there is some. */
    public static FileSizing curated(long curatedBytes, long curatedRows, long targetFileBytes) {
        return new FileSizing(Math.max(1.0, (double) curatedBytes / Math.max(1, curatedRows)), targetFileBytes,
                "curated");
    }

    public int filesFor(long rows) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (long) Math.ceil(rows * bytesPerRow / targetFileBytes)));
    }

    /** The cap Spark's {@code maxRecordsPerFile} enforces, so a task holding two buckets still splits at the target. */
    public long rowsPerFile() {
        return Math.max(1, (long) (targetFileBytes / bytesPerRow));
    }
}
