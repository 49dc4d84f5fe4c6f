package io.firelake.monitoring.source.local;

import io.firelake.monitoring.errors.ErrorDocuments;
import io.firelake.monitoring.health.DeliveryStreamState;
import io.firelake.monitoring.lake.LocalLake;
import io.firelake.monitoring.metrics.MetricPoint;
import io.firelake.monitoring.metrics.MetricsWindow;
import io.firelake.monitoring.metrics.PeriodRollup;
import io.firelake.monitoring.source.MonitoringSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The local runtime: the local Firehose's metrics file (one data point per batch, rolled up per minute as CloudWatch
 * would) and the lake on disk.
 */
public final class LocalMonitoringSource implements MonitoringSource {
    private final String deliveryStreamName;
    private final Path metricsFile;
    private final LocalLake lake;
    private String readVersion;
    private List<MetricPoint> readPoints;
    private final MetricsFileReader reader = new MetricsFileReader();

    public LocalMonitoringSource(String deliveryStreamName, Path metricsFile, LocalLake lake) {
        this.deliveryStreamName = deliveryStreamName;
        this.metricsFile = metricsFile;
        this.lake = lake;
    }

    @Override
    public String deliveryStreamName() {
        return deliveryStreamName;
    }

    @Override
    public MetricsWindow metrics(Instant from, Instant to) throws IOException {
        return MetricsWindow.of(from, to, PeriodRollup.rollUp(points(), from, to, PeriodRollup.DEFAULT_PERIOD));
    }

    /** The local Firehose publishes a data point per batch: charts may roll them up as finely as they like. */
    @Override
    public MetricsWindow metrics(Instant from, Instant to, Duration period) throws IOException {
        return MetricsWindow.of(from, to, PeriodRollup.rollUp(points(), from, to, period));
    }

    /**
     * The file's data points, read again only when it changed: one look reads it for the verdict and for the charts,
     * and the local console looks every few seconds.
     */
    private synchronized List<MetricPoint> points() throws IOException {
        String version = Files.exists(metricsFile)
                ? Files.size(metricsFile) + "@" + Files.getLastModifiedTime(metricsFile).toMillis() : "none";
        if (!version.equals(readVersion)) {
            readPoints = reader.read(metricsFile, deliveryStreamName).points();
            readVersion = version;
        }
        return readPoints;
    }

    /** The local Firehose has no control plane: it is ACTIVE when it has published metrics. */
    @Override
    public DeliveryStreamState deliveryStreamState() {
        if (Files.exists(metricsFile)) {
            return DeliveryStreamState.active(deliveryStreamName);
        }
        return new DeliveryStreamState(deliveryStreamName, DeliveryStreamState.UNKNOWN, Optional.of("NO_METRICS"),
                Optional.of("no metrics file at " + metricsFile + " (is the local Firehose running?)"));
    }

    @Override
    public ErrorDocuments errorDocuments(Instant from, Instant to) throws IOException {
        return lake.errorDocuments().arrivedBetween(from, to);
    }
}
