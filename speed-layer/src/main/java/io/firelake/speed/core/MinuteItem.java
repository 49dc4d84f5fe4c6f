package io.firelake.speed.core;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One per-minute aggregate item: what one shard's window saw of one event-time minute. The store keeps one item per
 * (minute, shard, window); readers sum counts and merge sketches across items.
 *
 * @param epochMinute event-time minute (epoch millis / 60,000)
 * @param window      the window that wrote it (shard, bounds and sequence range)
 * @param events      the valid events of the minute (duplicates and late events excluded)
 * @param aggregates  the declared aggregates by name (an aggregate no event of the minute touched may be absent)
 */
public record MinuteItem(long epochMinute, WindowKey window, long events, Map<String, AggregateValue> aggregates) {

    /** A count or sum by key as whole numbers (empty when absent); a decimal that is not whole throws. */
    public Map<String, Long> counts(String aggregate) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (aggregates.get(aggregate) instanceof AggregateValue.Amounts amounts) {
            amounts.values().forEach((key, value) -> counts.put(key, value.longValueExact()));
        }
        return counts;
    }

    /** Amounts by key (empty when absent). */
    public Map<String, BigDecimal> amounts(String aggregate) {
        return aggregates.get(aggregate) instanceof AggregateValue.Amounts amounts ? amounts.values() : Map.of();
    }

    /** An aggregate without a dimension; null when absent (no event of the minute matched it). */
    public BigDecimal amount(String aggregate) {
        return aggregates.get(aggregate) instanceof AggregateValue.Amount amount ? amount.value() : null;
    }

    public AggregateValue.Sketch sketch(String aggregate) {
        return aggregates.get(aggregate) instanceof AggregateValue.Sketch sketch ? sketch : null;
    }
}
