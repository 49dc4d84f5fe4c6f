package io.firelake.monitoring.report;

import io.firelake.monitoring.errors.ErrorSummary;
import io.firelake.monitoring.health.AlarmStatus;
import io.firelake.monitoring.health.DeliveryStreamState;
import io.firelake.monitoring.health.HealthReport;
import io.firelake.monitoring.metrics.MetricsWindow;
import io.firelake.monitoring.metrics.PeriodRollup;

import java.time.Duration;
import java.util.List;

/**
 * Everything one monitor run saw and concluded: what the text and HTML reports render. {@code charts} are the same
 * metrics rolled up at the period the charts use ({@link ChartPeriod}), over the span that has data. {@code alarms}
 * are the CloudWatch alarms on the stream's metrics, where the source has them (AWS, the local endpoint).
 */
public record MonitorSnapshot(String deliveryStreamName, DeliveryStreamState state, MetricsWindow metrics,
                              ErrorSummary errors, HealthReport health, MetricsWindow charts, Duration chartPeriod,
                              List<AlarmStatus> alarms) {

    public MonitorSnapshot {
        alarms = alarms == null ? List.of() : List.copyOf(alarms);
    }

    /** Charts of the metrics as they are, at CloudWatch's one-minute period, and no alarms. */
    public MonitorSnapshot(String deliveryStreamName, DeliveryStreamState state, MetricsWindow metrics,
                           ErrorSummary errors, HealthReport health) {
        this(deliveryStreamName, state, metrics, errors, health, metrics, PeriodRollup.DEFAULT_PERIOD, List.of());
    }
}
