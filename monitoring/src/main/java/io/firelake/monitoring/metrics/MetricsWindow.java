package io.firelake.monitoring.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** The metric points of one delivery stream between {@code from} (inclusive) and {@code to} (exclusive). */
public final class MetricsWindow {
    private final Instant from;
    private final Instant to;
    private final Map<String, List<MetricPoint>> byName;

    private MetricsWindow(Instant from, Instant to, Map<String, List<MetricPoint>> byName) {
        this.from = from;
        this.to = to;
        this.byName = byName;
    }

    /** Keeps the points inside the window, sorted by time, grouped by metric name. */
    public static MetricsWindow of(Instant from, Instant to, Collection<MetricPoint> points) {
        Map<String, List<MetricPoint>> byName = new LinkedHashMap<>();
        points.stream()
                .filter(p -> !p.timestamp().isBefore(from) && p.timestamp().isBefore(to))
                .sorted(Comparator.comparing(MetricPoint::timestamp))
                .forEach(p -> byName.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p));
        byName.replaceAll((k, v) -> List.copyOf(v));
        return new MetricsWindow(from, to, byName);
    }

    public Instant from() {
        return from;
    }

    public Instant to() {
        return to;
    }

    public Map<String, List<MetricPoint>> series() {
        return Map.copyOf(byName);
    }

    public List<MetricPoint> points(FirehoseMetric metric) {
        return byName.getOrDefault(metric.metricName(), List.of());
    }

    public boolean has(FirehoseMetric metric) {
        return !points(metric).isEmpty();
    }

    public double sum(FirehoseMetric metric) {
        return points(metric).stream().mapToDouble(MetricPoint::value).sum();
    }

    public OptionalDouble average(FirehoseMetric metric) {
        return points(metric).stream().mapToDouble(MetricPoint::value).average();
    }

    public OptionalDouble max(FirehoseMetric metric) {
        return points(metric).stream().mapToDouble(MetricPoint::value).max();
    }

    public OptionalDouble latest(FirehoseMetric metric) {
        List<MetricPoint> points = points(metric);
        return points.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(points.get(points.size() - 1).value());
    }

    /** The statistic Firehose documents for this metric, over the whole window. */
    public OptionalDouble aggregate(FirehoseMetric metric) {
        if (!has(metric)) {
            return OptionalDouble.empty();
        }
        return switch (metric.statistic()) {
            case SUM -> OptionalDouble.of(sum(metric));
            case AVERAGE -> average(metric);
            case MAXIMUM -> max(metric);
        };
    }

    /** Points after {@code since}: the recent tail the stall check looks at. */
    public List<MetricPoint> pointsSince(FirehoseMetric metric, Instant since) {
        return points(metric).stream().filter(p -> !p.timestamp().isBefore(since)).toList();
    }
}
