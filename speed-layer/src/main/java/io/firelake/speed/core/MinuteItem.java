package io.firelake.speed.core;

import java.util.Map;

/**
 * One per-minute aggregate item: what one shard's window saw of one event-time minute. The store keeps one item per
 * (minute, shard, window); readers sum counts and merge sketches across items.
 *
 * @param epochMinute         event-time minute (epoch millis / 60,000)
 * @param window              the window that wrote it (shard, bounds and sequence range)
 * @param eventsByType        counts by event type wire name
 * @param topPages            page views by page key, highest first, at most {@link TopPages#CAPACITY}
 * @param purchases           purchase events
 * @param itemsSold           sum of purchase quantities
 * @param revenueCentsByCurrency revenue in hundredths by ISO 4217 code
 * @param sessionsSketch      the session ids' {@link DistinctSketch} image, or null for an item written before
 *                            DataSketches (its {@code sessionsEstimate} still counts)
 * @param sessionsEstimate    the sketch's estimate when the item was written
 */
public record MinuteItem(long epochMinute, WindowKey window, Map<String, Long> eventsByType, Map<String, Long> topPages,
                         long purchases, long itemsSold, Map<String, Long> revenueCentsByCurrency,
                         byte[] sessionsSketch, long sessionsEstimate) {

    public long events() {
        return eventsByType.values().stream().mapToLong(Long::longValue).sum();
    }
}
