package io.firelake.speed.core;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** What one shard's window saw of one event-time minute. Mutable: it lives inside a {@link WindowState}. */
public final class MinuteAggregate {

    /** Currencies kept per minute; further ones are summed under {@link #OTHER_CURRENCY} so state stays bounded. */
    public static final int MAX_CURRENCIES = 16;
    public static final String OTHER_CURRENCY = "OTHER";

    final long[] eventsByType = new long[EventType.values().length];
    long purchases;
    long itemsSold;
    final TreeMap<String, Long> revenueCentsByCurrency = new TreeMap<>();
    final TopPages pageViews;
    final DistinctSketch sessions;

    MinuteAggregate() {
        this(new TopPages(), new DistinctSketch());
    }

    MinuteAggregate(TopPages pageViews, DistinctSketch sessions) {
        this.pageViews = pageViews;
        this.sessions = sessions;
    }

    void add(ClickEvent event) {
        eventsByType[event.type().ordinal()]++;
        sessions.add(event.sessionId());
        if (event.type() == EventType.PAGE_VIEW) {
            pageViews.add(event.page(), 1);
        }
        if (event.type() == EventType.PURCHASE) {
            purchases++;
            itemsSold += event.quantity();
            addRevenue(event.currency(), event.revenueCents());
        }
    }

    void addRevenue(String currency, long cents) {
        String key = revenueCentsByCurrency.containsKey(currency) || revenueCentsByCurrency.size() < MAX_CURRENCIES
                ? currency : OTHER_CURRENCY;
        revenueCentsByCurrency.merge(key, cents, Long::sum);
    }

    public long events() {
        return Arrays.stream(eventsByType).sum();
    }

    public Map<String, Long> eventsByType() {
        Map<String, Long> map = new LinkedHashMap<>();
        for (EventType type : EventType.values()) {
            if (eventsByType[type.ordinal()] > 0) {
                map.put(type.wireName(), eventsByType[type.ordinal()]);
            }
        }
        return map;
    }

    public long purchases() {
        return purchases;
    }

    public long itemsSold() {
        return itemsSold;
    }

    public Map<String, Long> revenueCentsByCurrency() {
        return Map.copyOf(revenueCentsByCurrency);
    }

    public Map<String, Long> topPages() {
        return pageViews.toMap();
    }

    public DistinctSketch sessions() {
        return sessions;
    }
}
