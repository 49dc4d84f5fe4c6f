package io.firelake.monitoring.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rolls raw data points up into periods the way CloudWatch answers GetMetricData: per metric and period, the
 * statistic Firehose documents for it (Sum, Average or Maximum; Sum for names it does not know). The local Firehose
 * publishes one data point per batch; after the roll-up, local and AWS metrics read alike.
 */
public final class PeriodRollup {
    /** CloudWatch's finest standard resolution, and what Firehose publishes at. */
    public static final Duration DEFAULT_PERIOD = Duration.ofMinutes(1);

    private PeriodRollup() {
    }

    /** Points inside [from, to), rolled up per period; a period that starts before {@code from} is stamped at it. */
    public static List<MetricPoint> rollUp(Collection<MetricPoint> points, Instant from, Instant to, Duration period) {
        long periodMillis = period.toMillis();
        Map<String, Map<Long, List<MetricPoint>>> buckets = new TreeMap<>();
        for (MetricPoint p : points) {
            if (p.timestamp().isBefore(from) || !p.timestamp().isBefore(to)) {
                continue;
            }
            long start = Math.floorDiv(p.timestamp().toEpochMilli(), periodMillis) * periodMillis;
            buckets.computeIfAbsent(p.name(), k -> new TreeMap<>()).computeIfAbsent(start, k -> new ArrayList<>()).add(p);
        }
        List<MetricPoint> rolled = new ArrayList<>();
        buckets.forEach((name, byStart) -> {
            FirehoseMetric.Statistic statistic = FirehoseMetric.byName(name).map(FirehoseMetric::statistic)
                    .orElse(FirehoseMetric.Statistic.SUM);
            byStart.forEach((start, inPeriod) -> {
                double value = switch (statistic) {
                    case SUM -> inPeriod.stream().mapToDouble(MetricPoint::value).sum();
                    case AVERAGE -> inPeriod.stream().mapToDouble(MetricPoint::value).average().orElse(0);
                    case MAXIMUM -> inPeriod.stream().mapToDouble(MetricPoint::value).max().orElse(0);
                };
                Instant stamp = Instant.ofEpochMilli(start);
                rolled.add(new MetricPoint(name, stamp.isBefore(from) ? from : stamp, value, inPeriod.get(0).unit()));
            });
        });
        return rolled;
    }
}
