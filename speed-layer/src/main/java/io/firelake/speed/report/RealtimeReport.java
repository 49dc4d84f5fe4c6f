package io.firelake.speed.report;

import io.firelake.speed.core.AggregateKeys;
import io.firelake.speed.core.EventType;
import io.firelake.speed.core.DistinctSketch;
import io.firelake.speed.core.MinuteItem;
import io.firelake.speed.core.WindowSummaryItem;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The last minutes of the speed layer, merged across shards and windows: counts are summed, sessions sketches merged
 * (so a session seen by two shards or two minutes counts once in the totals), top pages summed and re-ranked. An item
 * written before DataSketches has no sketch to merge: its stored estimate is added (a session it shares with another
 * item then counts twice), which matters only for the minutes around that deploy.
 */
public record RealtimeReport(long firstMinute, long lastMinute, List<MinuteRow> rows, Map<String, Long> topPages,
                             Map<String, BigDecimal> revenue, long purchases, long itemsSold, long distinctSessions,
                             Map<String, Long> badByReason, long lateEvents, long duplicates) {

    private static final String LATE = "OUT_OF_WINDOW_RANGE";

    /** One minute, all shards. */
    public record MinuteRow(long epochMinute, Map<String, Long> eventsByType, long events, long purchases,
                            Map<String, BigDecimal> revenue, long distinctSessions) {
    }

    public static RealtimeReport of(List<MinuteItem> minutes, List<WindowSummaryItem> windows, long firstMinute,
                                    long lastMinute, int topN) {
        TreeMap<Long, List<MinuteItem>> byMinute = new TreeMap<>();
        for (MinuteItem item : minutes) {
            if (item.epochMinute() >= firstMinute && item.epochMinute() <= lastMinute) {
                byMinute.computeIfAbsent(item.epochMinute(), m -> new ArrayList<>()).add(item);
            }
        }
        List<MinuteRow> rows = new ArrayList<>();
        Map<String, Long> pages = new LinkedHashMap<>();
        Map<String, Long> revenueCents = new TreeMap<>();
        DistinctSketch allSessions = new DistinctSketch();
        long unmergeableSessions = 0;
        long purchases = 0;
        long itemsSold = 0;
        for (long minute = firstMinute; minute <= lastMinute; minute++) {
            Map<String, Long> events = new LinkedHashMap<>();
            for (EventType type : EventType.values()) {
                events.put(type.wireName(), 0L);
            }
            Map<String, Long> minuteRevenue = new TreeMap<>();
            DistinctSketch sessions = new DistinctSketch();
            long minuteUnmergeable = 0;
            long minutePurchases = 0;
            for (MinuteItem item : byMinute.getOrDefault(minute, List.of())) {
                item.eventsByType().forEach((type, count) -> events.merge(type, count, Long::sum));
                item.topPages().forEach((page, count) -> pages.merge(page, count, Long::sum));
                item.revenueCentsByCurrency().forEach((currency, cents) -> {
                    minuteRevenue.merge(currency, cents, Long::sum);
                    revenueCents.merge(currency, cents, Long::sum);
                });
                if (item.sessionsSketch() == null) {
                    minuteUnmergeable += item.sessionsEstimate();
                } else {
                    DistinctSketch sketch = DistinctSketch.fromBytes(item.sessionsSketch());
                    sessions.merge(sketch);
                    allSessions.merge(sketch);
                }
                minutePurchases += item.purchases();
                itemsSold += item.itemsSold();
            }
            purchases += minutePurchases;
            unmergeableSessions += minuteUnmergeable;
            long total = events.values().stream().mapToLong(Long::longValue).sum();
            rows.add(new MinuteRow(minute, events, total, minutePurchases, toMoney(minuteRevenue),
                    sessions.estimate() + minuteUnmergeable));
        }
        Map<String, Long> top = new LinkedHashMap<>();
        pages.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(topN)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        Map<String, Long> bad = new TreeMap<>();
        long late = 0;
        long duplicates = 0;
        for (WindowSummaryItem window : windows) {
            long startMinute = Math.floorDiv(window.window().windowStart(), 60_000L);
            if (startMinute >= firstMinute && startMinute <= lastMinute) {
                duplicates += window.duplicates();
                for (Map.Entry<String, Long> reason : window.badByReason().entrySet()) {
                    if (reason.getKey().equals(LATE)) {
                        late += reason.getValue(); // valid events, only too old (or new) for the real-time view
                    } else {
                        bad.merge(reason.getKey(), reason.getValue(), Long::sum);
                    }
                }
            }
        }
        return new RealtimeReport(firstMinute, lastMinute, rows, top, toMoney(revenueCents), purchases, itemsSold,
                allSessions.estimate() + unmergeableSessions, bad, late, duplicates);
    }

    private static Map<String, BigDecimal> toMoney(Map<String, Long> cents) {
        Map<String, BigDecimal> money = new TreeMap<>();
        cents.forEach((currency, value) -> money.put(currency, BigDecimal.valueOf(value, 2)));
        return money;
    }

    /** A plain-text rendering for a terminal. */
    public String render(String source) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("firelake realtime: %d minute(s), %s .. %s UTC, from %s%n", rows.size(),
                AggregateKeys.minuteText(firstMinute), AggregateKeys.minuteText(lastMinute), source));
        out.append(String.format("%n%-18s %8s", "minute", "events"));
        for (EventType type : EventType.values()) {
            out.append(String.format(" %11s", type.wireName()));
        }
        out.append(String.format(" %9s  %s%n", "sessions", "revenue"));
        for (MinuteRow row : rows) {
            out.append(String.format("%-18s %8d", AggregateKeys.minuteText(row.epochMinute()), row.events()));
            for (EventType type : EventType.values()) {
                out.append(String.format(" %11d", row.eventsByType().getOrDefault(type.wireName(), 0L)));
            }
            out.append(String.format(" %9d  %s%n", row.distinctSessions(), money(row.revenue())));
        }
        out.append(String.format("%nTop pages (page views)%n"));
        if (topPages.isEmpty()) {
            out.append("  (none)\n");
        }
        int rank = 1;
        for (Map.Entry<String, Long> page : topPages.entrySet()) {
            out.append(String.format("  %2d. %8d  %s%n", rank++, page.getValue(), page.getKey()));
        }
        out.append(String.format("%nRevenue: %s (%d purchases, %d items)%n", money(revenue), purchases, itemsSold));
        out.append(String.format("Distinct sessions: %d (HyperLogLog, standard error %.1f %%)%n", distinctSessions,
                DistinctSketch.RELATIVE_STANDARD_ERROR * 100));
        long badTotal = badByReason.values().stream().mapToLong(Long::longValue).sum();
        out.append(String.format("Bad records skipped: %d%s%n", badTotal, badTotal == 0 ? "" : " " + badByReason));
        out.append(String.format("Late events (batch layer only): %d; duplicates dropped: %d%n", lateEvents, duplicates));
        return out.toString();
    }

    /** The same report as one JSON object, for scripts and end-to-end checks. */
    public String toJson() {
        java.io.StringWriter out = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator json = new com.fasterxml.jackson.core.JsonFactory()
                .createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("first_minute", AggregateKeys.minuteText(firstMinute));
            json.writeStringField("last_minute", AggregateKeys.minuteText(lastMinute));
            json.writeArrayFieldStart("minutes");
            for (MinuteRow row : rows) {
                json.writeStartObject();
                json.writeStringField("minute", AggregateKeys.minuteText(row.epochMinute()));
                json.writeNumberField("events", row.events());
                writeCounts(json, "events_by_type", row.eventsByType());
                json.writeNumberField("purchases", row.purchases());
                writeMoney(json, "revenue", row.revenue());
                json.writeNumberField("distinct_sessions", row.distinctSessions());
                json.writeEndObject();
            }
            json.writeEndArray();
            writeCounts(json, "top_pages", topPages);
            writeMoney(json, "revenue", revenue);
            json.writeNumberField("purchases", purchases);
            json.writeNumberField("items_sold", itemsSold);
            json.writeNumberField("distinct_sessions", distinctSessions);
            json.writeNumberField("distinct_sessions_standard_error", DistinctSketch.RELATIVE_STANDARD_ERROR);
            writeCounts(json, "bad_records", badByReason);
            json.writeNumberField("late_events", lateEvents);
            json.writeNumberField("duplicates", duplicates);
            json.writeEndObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeCounts(com.fasterxml.jackson.core.JsonGenerator json, String name, Map<String, Long> counts)
            throws java.io.IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            json.writeNumberField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }

    private static void writeMoney(com.fasterxml.jackson.core.JsonGenerator json, String name,
                                   Map<String, BigDecimal> amounts) throws java.io.IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, BigDecimal> entry : amounts.entrySet()) {
            json.writeNumberField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }

    private static String money(Map<String, BigDecimal> amounts) {
        if (amounts.isEmpty()) {
            return "-";
        }
        StringBuilder text = new StringBuilder();
        amounts.forEach((currency, amount) -> text.append(text.length() == 0 ? "" : ", ")
                .append(currency).append(' ').append(amount.toPlainString()));
        return text.toString();
    }
}
