package io.firelake.speed.core;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The aggregate of one shard's tumbling window so far, carried between invocations in Lambda's state map
 * (see {@link WindowStateCodec}). Bounded by design: at most {@link #maxMinutes(long, int)} minutes, each with the
 * declared aggregates, every one bounded (a dimension's keys by its values or {@code max_keys}, a top-k by {@code k},
 * a distinct count by its 2 KiB sketch).
 */
public final class WindowState {

    private final AggregatePlan plan;
    private final String shardId;
    private final long windowStartMillis;
    private final long windowEndMillis;
    String firstSequenceNumber;
    String lastSequenceNumber;
    long kinesisRecords;
    long userRecords;
    long ignoredRecords;
    long duplicates;
    final RecentEventIds recentEventIds = new RecentEventIds();
    final long[] badByReason = new long[BadRecordReason.values().length];
    final TreeMap<Long, MinuteAggregate> minutes = new TreeMap<>();

    public WindowState(AggregatePlan plan, String shardId, long windowStartMillis, long windowEndMillis) {
        this.plan = plan;
        this.shardId = shardId;
        this.windowStartMillis = windowStartMillis;
        this.windowEndMillis = windowEndMillis;
    }

    /** The most minutes a window's state can hold: the allowed lateness, the window's own minutes, one minute of skew. */
    public static int maxMinutes(long windowMillis, int allowedLatenessMinutes) {
        return allowedLatenessMinutes + (int) ((windowMillis + 59_999) / 60_000) + 2;
    }

    public AggregatePlan plan() {
        return plan;
    }

    public String shardId() {
        return shardId;
    }

    public long windowStartMillis() {
        return windowStartMillis;
    }

    public long windowEndMillis() {
        return windowEndMillis;
    }

    public String firstSequenceNumber() {
        return firstSequenceNumber;
    }

    public String lastSequenceNumber() {
        return lastSequenceNumber;
    }

    public long kinesisRecords() {
        return kinesisRecords;
    }

    public long userRecords() {
        return userRecords;
    }

    public long ignoredRecords() {
        return ignoredRecords;
    }

    /** Events dropped because their event_id was among the shard's last {@link RecentEventIds#CAPACITY} in the window. */
    public long duplicates() {
        return duplicates;
    }

    public long badRecords(BadRecordReason reason) {
        return badByReason[reason.ordinal()];
    }

    public long badRecords() {
        long sum = 0;
        for (long count : badByReason) {
            sum += count;
        }
        return sum;
    }

    /** Minutes by epoch minute (epoch millis / 60,000), oldest first. */
    public NavigableMap<Long, MinuteAggregate> minutes() {
        return Collections.unmodifiableNavigableMap(minutes);
    }

    public boolean isEmpty() {
        return kinesisRecords == 0;
    }

    MinuteAggregate minute(long epochMinute) {
        return minutes.computeIfAbsent(epochMinute, m -> new MinuteAggregate(plan));
    }

    void countBad(BadRecordReason reason) {
        badByReason[reason.ordinal()]++;
    }
}
