package io.firelake.speed;

import io.firelake.speed.core.AggregatePlan;
import io.firelake.speed.core.AggregateValue;
import io.firelake.speed.core.MinuteItem;
import io.firelake.speed.core.WindowKey;
import io.firelake.speed.core.spec.SpeedLayerContracts;
import io.firelake.speed.core.spec.SpeedLayerSpec;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** The packaged clickstream contract, and minute items with its aggregates as the hand-coded layer had them. */
public final class ClickstreamFixtures {

    public static final SpeedLayerSpec SPEC = SpeedLayerContracts.load("clickstream");
    public static final AggregatePlan PLAN = new AggregatePlan(SPEC);

    private ClickstreamFixtures() {
    }

    /** A minute item of the clickstream aggregates: events by type, top pages, purchases, items, revenue, sessions. */
    public static MinuteItem minute(long epochMinute, WindowKey window, Map<String, Long> eventsByType,
                                    Map<String, Long> topPages, long purchases, long itemsSold,
                                    Map<String, Long> revenueCentsByCurrency, byte[] sessionsSketch,
                                    long sessionsEstimate) {
        Map<String, AggregateValue> aggregates = new LinkedHashMap<>();
        aggregates.put("events", amounts(eventsByType, 0));
        aggregates.put("pages", amounts(topPages, 0));
        aggregates.put("purchases", new AggregateValue.Amount(BigDecimal.valueOf(purchases)));
        aggregates.put("items_sold", new AggregateValue.Amount(BigDecimal.valueOf(itemsSold)));
        aggregates.put("revenue", amounts(revenueCentsByCurrency, 2));
        aggregates.put("sessions", new AggregateValue.Sketch(sessionsSketch, sessionsEstimate));
        long events = eventsByType.values().stream().mapToLong(Long::longValue).sum();
        return new MinuteItem(epochMinute, window, events, aggregates);
    }

    private static AggregateValue.Amounts amounts(Map<String, Long> values, int scale) {
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        values.forEach((key, value) -> amounts.put(key, BigDecimal.valueOf(value, scale)));
        return new AggregateValue.Amounts(amounts);
    }
}
