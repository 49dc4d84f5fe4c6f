package io.firelake.monitoring;

import io.firelake.monitoring.errors.ErrorDocuments;
import io.firelake.monitoring.errors.ErrorSummarizer;
import io.firelake.monitoring.errors.ErrorSummary;
import io.firelake.monitoring.health.DeliveryStreamState;
import io.firelake.monitoring.health.HealthEvaluator;
import io.firelake.monitoring.health.HealthReport;
import io.firelake.monitoring.metrics.MetricPoint;
import io.firelake.monitoring.metrics.MetricsWindow;
import io.firelake.monitoring.metrics.PeriodRollup;
import io.firelake.monitoring.report.ChartPeriod;
import io.firelake.monitoring.report.MonitorSnapshot;
import io.firelake.monitoring.source.MonitoringSource;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
        // Charts cover the minutes that have data (their points are one-minute roll-ups), at a period that gives a
        // minute-long run enough points to read and a day few enough to draw.
        List<Instant> stamps = metrics.series().values().stream().flatMap(List::stream).map(MetricPoint::timestamp)
                .sorted().toList();
        Instant chartFrom = stamps.isEmpty() || stamps.get(0).isBefore(from) ? from : stamps.get(0);
        Instant chartTo = stamps.isEmpty() ? to
                : min(to, stamps.get(stamps.size() - 1).plus(PeriodRollup.DEFAULT_PERIOD));
        Duration period = ChartPeriod.forSpan(Duration.between(chartFrom, chartTo));
        MetricsWindow charts = source.metrics(chartFrom, chartTo, period);
        return new MonitorSnapshot(source.deliveryStreamName(), state, metrics, errors, health, charts, period,
                source.alarms());
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
