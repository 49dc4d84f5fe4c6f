package io.firelake.monitoring.report;

import io.firelake.monitoring.errors.ErrorSummary;
import io.firelake.monitoring.health.DeliveryStreamState;
import io.firelake.monitoring.health.HealthReport;
import io.firelake.monitoring.metrics.MetricsWindow;

/** Everything one monitor run saw and concluded: what the text and HTML reports render. */
public record MonitorSnapshot(String deliveryStreamName, DeliveryStreamState state, MetricsWindow metrics,
                              ErrorSummary errors, HealthReport health) {
}
