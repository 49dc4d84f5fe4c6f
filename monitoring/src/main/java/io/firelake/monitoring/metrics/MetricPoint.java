package io.firelake.monitoring.metrics;

import java.time.Instant;
import java.util.Objects;

/** One data point of one metric: for sums, the amount in the period that starts at {@code timestamp}. */
public record MetricPoint(String name, Instant timestamp, double value, String unit) {
    public MetricPoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timestamp, "timestamp");
        unit = unit == null ? FirehoseMetric.Unit.NONE : unit;
    }
}
