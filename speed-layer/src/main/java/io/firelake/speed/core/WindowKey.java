package io.firelake.speed.core;

/**
 * Identifies what a window's write covers: its shard, its bounds and the sequence range of its records. A redelivered
 * window has the same key; see {@link AggregateStore} for how writes use it to stay idempotent.
 */
public record WindowKey(String shardId, long windowStart, long windowEnd, String firstSequenceNumber,
                        String lastSequenceNumber) {
}
