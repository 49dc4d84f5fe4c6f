package io.firelake.monitoring.source;

import io.firelake.monitoring.errors.ErrorDocuments;
import io.firelake.monitoring.health.AlarmStatus;
import io.firelake.monitoring.health.DeliveryStreamState;
import io.firelake.monitoring.metrics.MetricsWindow;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Where monitoring reads a delivery stream's metrics, state and error prefix: the local runtime or AWS. */
public interface MonitoringSource extends AutoCloseable {

    String deliveryStreamName();

    MetricsWindow metrics(Instant from, Instant to) throws IOException;

    /**
     * The metrics of [from, to) rolled up at {@code period}, for charts. A source that cannot go finer than it answers
     * {@link #metrics} (CloudWatch's standard resolution is one minute) returns those.
     */
    default MetricsWindow metrics(Instant from, Instant to, Duration period) throws IOException {
        return metrics(from, to);
    }

    DeliveryStreamState deliveryStreamState() throws IOException;

    /** Error documents that arrived in [from, to). */
    ErrorDocuments errorDocuments(Instant from, Instant to) throws IOException;

    /** The CloudWatch alarms on the delivery stream's metrics; none where the source has no alarms (local files). */
    default List<AlarmStatus> alarms() throws IOException {
        return List.of();
    }

    @Override
    default void close() {
    }
}
