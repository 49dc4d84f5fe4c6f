package io.firelake.speed.core;

import java.util.Map;

/**
 * What one shard's window read in all: the accounting that proves nothing was lost (every user record is an event, an
 * ignored health check, a dropped duplicate or a bad record with its reason; late events are the
 * {@link BadRecordReason#OUT_OF_WINDOW_RANGE} ones).
 */
public record WindowSummaryItem(WindowKey window, long kinesisRecords, long userRecords, long events,
                                long ignoredRecords, long duplicates, Map<String, Long> badByReason) {

    public long badRecords() {
        return badByReason.values().stream().mapToLong(Long::longValue).sum();
    }
}
