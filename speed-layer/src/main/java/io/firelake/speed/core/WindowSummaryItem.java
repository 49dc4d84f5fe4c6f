package io.firelake.speed.core;

import java.util.Map;

/**
 * What one shard's window read in all: the accounting that proves nothing was lost (every user record is an event, an
 * ignored health check or a bad record with its reason).
 */
public record WindowSummaryItem(WindowKey window, long kinesisRecords, long userRecords, long events,
                                long ignoredRecords, Map<String, Long> badByReason) {

    public long badRecords() {
        return badByReason.values().stream().mapToLong(Long::longValue).sum();
    }
}
