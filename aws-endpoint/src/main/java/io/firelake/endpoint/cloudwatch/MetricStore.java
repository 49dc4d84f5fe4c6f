package io.firelake.endpoint.cloudwatch;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The local CloudWatch's metrics: every metric's datapoints at one-second resolution, in memory. What feeds it (the
 * local Firehose's metrics file, PutMetricData) calls {@link #put}; readers catch the feed up first
 * ({@link MetricFeed}).
 */
public final class MetricStore {

    /** Brings the store up to date with a source of datapoints before it is read. */
    @FunctionalInterface
    public interface MetricFeed {
        void catchUp(MetricStore store);
    }

    private final Map<MetricKey, SecondSeries> series = new ConcurrentHashMap<>();
    private final MetricFeed feed;

    public MetricStore(MetricFeed feed) {
        this.feed = feed;
    }

    public static MetricStore inMemory() {
        return new MetricStore(store -> { });
    }

    /** One datapoint; {@code unit} is the metric's from its first datapoint on. */
    public void put(MetricKey key, Instant timestamp, double value, String unit) {
        seriesOf(key, unit).add(timestamp.getEpochSecond(), value);
    }

    /** A statistic set of datapoints at one time (PutMetricData's StatisticValues). */
    public void putSet(MetricKey key, Instant timestamp, double sum, double min, double max, double count,
                       String unit) {
        seriesOf(key, unit).addSet(timestamp.getEpochSecond(), sum, min, max, count);
    }

    private SecondSeries seriesOf(MetricKey key, String unit) {
        return series.computeIfAbsent(key, k -> new SecondSeries(unit == null ? "None" : unit));
    }

    void catchUp() {
        feed.catchUp(this);
    }

    Optional<SecondSeries> find(MetricKey key) {
        return Optional.ofNullable(series.get(key));
    }

    /** The metrics that match, in a stable order (namespace, name, dimensions). */
    List<MetricKey> list(Predicate<MetricKey> filter) {
        return series.keySet().stream().filter(filter)
                .sorted(Comparator.comparing(MetricKey::namespace).thenComparing(MetricKey::name)
                        .thenComparing(k -> k.dimensions().toString()))
                .toList();
    }
}
