package io.firelake.monitoring.report;

import io.firelake.monitoring.errors.ErrorSummary;
import io.firelake.monitoring.health.AlarmStatus;
import io.firelake.monitoring.health.DeliveryStreamState;
import io.firelake.monitoring.health.HealthReport;
import io.firelake.monitoring.metrics.MetricsWindow;

import java.util.List;

/**
 * Everything one monitor run saw and concluded: what the text and HTML reports render. {@code alarms} are the
 * CloudWatch alarms on the stream's metrics, where the source has them (AWS, the local endpoint).
 */
public record MonitorSnapshot(String deliveryStreamName, DeliveryStreamState state, MetricsWindow metrics,
                              ErrorSummary errors, HealthReport health, List<AlarmStatus> alarms) {
    public MonitorSnapshot {
        alarms = alarms == null ? List.of() : List.copyOf(alarms);
    }

    public MonitorSnapshot(String deliveryStreamName, DeliveryStreamState state, MetricsWindow metrics,
                           ErrorSummary errors, HealthReport health) {
        this(deliveryStreamName, state, metrics, errors, health, List.of());
    }
}
