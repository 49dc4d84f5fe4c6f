package io.firelake.monitoring.report;

import io.firelake.monitoring.errors.ErrorSummary;
import io.firelake.monitoring.health.DeliveryStreamState;
import io.firelake.monitoring.health.HealthReport;
import io.firelake.monitoring.metrics.MetricsWindow;
import io.firelake.monitoring.metrics.PeriodRollup;

import java.time.Duration;

/**
 * Everything one monitor run saw and concluded: what the text and HTML reports render. {@code charts} are the same
 * metrics rolled up at the period the charts use ({@link ChartPeriod}), over the span that has data.
 */
public record MonitorSnapshot(String deliveryStreamName, DeliveryStreamState state, MetricsWindow metrics,
                              ErrorSummary errors, HealthReport health, MetricsWindow charts, Duration chartPeriod) {

    /** Charts of the metrics as they are, at CloudWatch's one-minute period. */
    public MonitorSnapshot(String deliveryStreamName, DeliveryStreamState state, MetricsWindow metrics,
                           ErrorSummary errors, HealthReport health) {
        this(deliveryStreamName, state, metrics, errors, health, metrics, PeriodRollup.DEFAULT_PERIOD);
    }
}
