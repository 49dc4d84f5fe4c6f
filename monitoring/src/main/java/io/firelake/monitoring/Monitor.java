package io.firelake.monitoring;

import io.firelake.monitoring.errors.ErrorDocuments;
import io.firelake.monitoring.errors.ErrorSummarizer;
import io.firelake.monitoring.errors.ErrorSummary;
import io.firelake.monitoring.health.DeliveryStreamState;
import io.firelake.monitoring.health.HealthEvaluator;
import io.firelake.monitoring.health.HealthReport;
import io.firelake.monitoring.metrics.MetricsWindow;
import io.firelake.monitoring.report.MonitorSnapshot;
import io.firelake.monitoring.source.MonitoringSource;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** One look at a delivery stream: read metrics, state and errors for the window, then judge. */
public final class Monitor {
    private final MonitoringSource source;
    private final HealthEvaluator evaluator;
    private final ErrorSummarizer summarizer;
    private final Clock clock;

    public Monitor(MonitoringSource source, HealthEvaluator evaluator, ErrorSummarizer summarizer, Clock clock) {
        this.source = source;
        this.evaluator = evaluator;
        this.summarizer = summarizer;
        this.clock = clock;
    }

    public MonitorSnapshot look(Duration window) throws IOException {
        Instant to = clock.instant();
        Instant from = to.minus(window);
        MetricsWindow metrics = source.metrics(from, to);
        DeliveryStreamState state = source.deliveryStreamState();
        ErrorDocuments documents = source.errorDocuments(from, to);
        ErrorSummary errors = summarizer.summarize(documents.documents(), documents.unreadable());
        HealthReport health = evaluator.evaluate(metrics, state, errors);
        return new MonitorSnapshot(source.deliveryStreamName(), state, metrics, errors, health, source.alarms());
    }
}
