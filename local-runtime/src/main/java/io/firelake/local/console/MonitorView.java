package io.firelake.local.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firelake.config.layout.DataLayout;
import io.firelake.monitoring.Monitor;
import io.firelake.monitoring.errors.ErrorSummarizer;
import io.firelake.monitoring.errors.TransformReasonClassifier;
import io.firelake.monitoring.health.HealthEvaluator;
import io.firelake.monitoring.health.HealthThresholds;
import io.firelake.monitoring.lake.LocalLake;
import io.firelake.monitoring.metrics.FirehoseMetric;
import io.firelake.monitoring.report.HtmlReport;
import io.firelake.monitoring.report.MonitorSnapshot;
import io.firelake.monitoring.source.local.LocalMonitoringSource;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code /api/monitor}: what {@code firelake monitor} says of the delivery stream over the last
 * {@link #WINDOW}: the verdict with its findings, data freshness, and the same charts as {@code monitor --html}.
 */
final class MonitorView {

    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Monitor monitor;
    private final HtmlReport report = new HtmlReport();

    MonitorView(DataLayout layout, String deliveryStreamName, Duration bufferInterval, Clock clock) {
        this.monitor = new Monitor(new LocalMonitoringSource(deliveryStreamName, layout.metricsFile(), new LocalLake(layout)),
                new HealthEvaluator(HealthThresholds.withBufferInterval(bufferInterval)),
                new ErrorSummarizer(TransformReasonClassifier.selectedContract()), clock);
    }

    ObjectNode monitor() throws IOException {
        MonitorSnapshot snapshot = monitor.look(WINDOW);
        ObjectNode node = JSON.createObjectNode().put("verdict", snapshot.health().verdict().label())
                .put("window", WINDOW.toMinutes() + " min").put("evaluatedAt", snapshot.health().evaluatedAt().toString());
        snapshot.metrics().latest(FirehoseMetric.DELIVERY_TO_S3_DATA_FRESHNESS)
                .ifPresent(seconds -> node.put("freshnessSeconds", seconds));
        ArrayNode findings = node.putArray("findings");
        snapshot.health().findings().forEach(f -> findings.addObject().put("check", f.check())
                .put("severity", f.severity().label()).put("reason", f.reason()));
        node.put("chartPeriodSeconds", snapshot.chartPeriod().toSeconds()).put("chartsHtml", report.charts(snapshot))
                .put("chartsStyle", HtmlReport.STYLE);
        return node;
    }
}
