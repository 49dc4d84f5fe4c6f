package io.firelake.speed.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The table's key design, in plain strings. Partition key: the metric family and the UTC minute
 * ({@code minute#2026-11-22T03:09Z} for per-minute aggregates, {@code window#...} for a window's accounting, by the
 * minute its window starts), so "the last N minutes" is N queries of one partition each. Sort key: shard, window start
 * and the window's first sequence number, so every (shard, window) owns its item and a redelivered window lands on the
 * same one.
 */
public final class AggregateKeys {

    public static final String MINUTE_PREFIX = "minute#";
    public static final String WINDOW_PREFIX = "window#";
    /** Kinesis sequence numbers are up to 129 decimal digits; padded to this width they compare as strings. */
    public static final int SEQUENCE_SORT_WIDTH = 130;

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    private AggregateKeys() {
    }

    public static String minutePartition(long epochMinute) {
        return MINUTE_PREFIX + minuteText(epochMinute);
    }

    public static String windowPartition(long windowStartMillis) {
        return WINDOW_PREFIX + minuteText(Math.floorDiv(windowStartMillis, 60_000L));
    }

    public static String sortKey(WindowKey window) {
        return window.shardId() + "#" + Instant.ofEpochMilli(window.windowStart()) + "#" + window.firstSequenceNumber();
    }

    public static String minuteText(long epochMinute) {
        return MINUTE.format(Instant.ofEpochSecond(epochMinute * 60));
    }

    /** The sequence number left-padded with zeros, so string order is numeric order. */
    public static String sortableSequence(String sequenceNumber) {
        if (sequenceNumber.length() >= SEQUENCE_SORT_WIDTH) {
            return sequenceNumber;
        }
        return "0".repeat(SEQUENCE_SORT_WIDTH - sequenceNumber.length()) + sequenceNumber;
    }
}
