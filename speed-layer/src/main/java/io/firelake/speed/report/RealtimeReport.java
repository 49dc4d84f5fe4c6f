package io.firelake.speed.report;

import io.firelake.speed.core.AggregateKeys;
import io.firelake.speed.core.AggregateValue;
import io.firelake.speed.core.DistinctSketch;
import io.firelake.speed.core.MinuteItem;
import io.firelake.speed.core.WindowSummaryItem;
import io.firelake.speed.core.spec.AggregateSpec;
import io.firelake.speed.core.spec.AggregateSpec.Kind;
import io.firelake.speed.core.spec.SpeedLayerSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The last minutes of the speed layer, merged across shards and windows, for any contract: each declared aggregate by
 * its name, merged by its kind ({@link AggregateTotal}), per minute and over the whole range; plus the windows'
 * accounting (bad records by reason, late events, dropped duplicates).
 */
public record RealtimeReport(SpeedLayerSpec spec, long firstMinute, long lastMinute, List<MinuteRow> rows,
                             Map<String, AggregateValue> totals, Map<String, Long> badByReason, long lateEvents,
                             long duplicates) {

    private static final String LATE = "OUT_OF_WINDOW_RANGE";

    /** One minute, all shards. */
    public record MinuteRow(long epochMinute, long events, Map<String, AggregateValue> aggregates) {
    }

    public static RealtimeReport of(SpeedLayerSpec spec, List<MinuteItem> minutes, List<WindowSummaryItem> windows,
                                    long firstMinute, long lastMinute, int topN) {
        TreeMap<Long, List<MinuteItem>> byMinute = new TreeMap<>();
        for (MinuteItem item : minutes) {
            if (item.epochMinute() >= firstMinute && item.epochMinute() <= lastMinute) {
                byMinute.computeIfAbsent(item.epochMinute(), m -> new ArrayList<>()).add(item);
            }
        }
        Map<String, AggregateTotal> totals = totals(spec);
        List<MinuteRow> rows = new ArrayList<>();
        for (long minute = firstMinute; minute <= lastMinute; minute++) {
            Map<String, AggregateTotal> merged = totals(spec);
            long events = 0;
            for (MinuteItem item : byMinute.getOrDefault(minute, List.of())) {
                events += item.events();
                item.aggregates().forEach((name, value) -> {
                    if (merged.containsKey(name)) {
                        merged.get(name).add(value);
                        totals.get(name).add(value);
                    }
                });
            }
            rows.add(new MinuteRow(minute, events, results(merged, topN)));
        }
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
        return new RealtimeReport(spec, firstMinute, lastMinute, rows, results(totals, topN), bad, late, duplicates);
    }

    private static Map<String, AggregateTotal> totals(SpeedLayerSpec spec) {
        Map<String, AggregateTotal> totals = new LinkedHashMap<>();
        for (AggregateSpec aggregate : spec.aggregates()) {
            totals.put(aggregate.name(), new AggregateTotal(aggregate.kind()));
        }
        return totals;
    }

    private static Map<String, AggregateValue> results(Map<String, AggregateTotal> totals, int topN) {
        Map<String, AggregateValue> results = new LinkedHashMap<>();
        totals.forEach((name, total) -> {
            AggregateValue value = total.result(topN);
            if (value != null) {
                results.put(name, value);
            }
        });
        return results;
    }

    /** A distinct count over the whole range (0 when none was seen). */
    public long distinct(String aggregate) {
        return totals.get(aggregate) instanceof AggregateValue.Sketch sketch ? sketch.estimate() : 0;
    }

    public long events() {
        return rows.stream().mapToLong(MinuteRow::events).sum();
    }

    /** A plain-text rendering for a terminal. */
    public String render(String source) {
        return new ReportText(this).render(source);
    }

    /** The same report as one JSON object, for scripts and end-to-end checks. */
    public String toJson() {
        return new ReportText(this).json();
    }

    static String minuteText(long epochMinute) {
        return AggregateKeys.minuteText(epochMinute);
    }

    static boolean isColumn(AggregateSpec aggregate) {
        return aggregate.kind() != Kind.TOP_K;
    }

    static double standardError() {
        return DistinctSketch.RELATIVE_STANDARD_ERROR;
    }
}
