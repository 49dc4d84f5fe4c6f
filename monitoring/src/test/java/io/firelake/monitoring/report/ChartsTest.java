package io.firelake.monitoring.report;

import io.firelake.config.layout.DataLayout;
import io.firelake.monitoring.Fixtures;
import io.firelake.monitoring.Monitor;
import io.firelake.monitoring.errors.ErrorSummarizer;
import io.firelake.monitoring.errors.ReasonClassifier;
import io.firelake.monitoring.health.HealthEvaluator;
import io.firelake.monitoring.health.HealthThresholds;
import io.firelake.monitoring.lake.LocalLake;
import io.firelake.monitoring.metrics.MetricPoint;
import io.firelake.monitoring.source.local.LocalMonitoringSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The monitor's charts for a one-minute run seen through a one-hour window: a shape, not one dot in a corner. */
class ChartsTest {
    private static final String STREAM = "firelake-delivery";
    private static final Instant NOW = Instant.parse("2026-12-06T22:31:30Z");

    @TempDir
    Path data;

    @Test
    void periodsGiveAMinuteEnoughPointsAndADayFewEnough() {
        assertThat(Duration.ofMinutes(1).dividedBy(ChartPeriod.forSpan(Duration.ofMinutes(1)))).isGreaterThanOrEqualTo(30);
        assertThat(Duration.ofSeconds(30).dividedBy(ChartPeriod.forSpan(Duration.ofSeconds(30)))).isGreaterThanOrEqualTo(30);
        assertThat(Duration.ofDays(1).dividedBy(ChartPeriod.forSpan(Duration.ofDays(1)))).isBetween(30L, 300L);
        assertThat(Duration.ofHours(1).dividedBy(ChartPeriod.forSpan(Duration.ofHours(1)))).isBetween(30L, 300L);
    }

    @Test
    void aOneMinuteRunInAnHourWindowIsChartedPerSecondInLocalTime() throws Exception {
        List<String> lines = new ArrayList<>();
        Instant start = NOW.minusSeconds(80);
        for (int s = 0; s < 60; s++) {
            Instant t = start.plusSeconds(s).plusNanos(123_456_789);
            lines.add(Fixtures.metricLine(new MetricPoint("IncomingRecords", t, 1000 + s, "Count"), STREAM));
            lines.add(Fixtures.metricLine(new MetricPoint("DeliveryToS3.DataFreshness", t, s % 10, "Seconds"), STREAM));
        }
        Path file = data.resolve("firehose/metrics.jsonl");
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
        DataLayout layout = DataLayout.of(data);
        Monitor monitor = new Monitor(new LocalMonitoringSource(STREAM, file, new LocalLake(layout)),
                new HealthEvaluator(HealthThresholds.defaults()), new ErrorSummarizer(ReasonClassifier.none()),
                Clock.fixed(NOW, ZoneOffset.UTC));

        MonitorSnapshot snapshot = monitor.look(Duration.ofHours(1));
        String html = new HtmlReport(ZoneId.of("Europe/Paris")).render(snapshot);

        assertThat(snapshot.chartPeriod()).isEqualTo(Duration.ofSeconds(1));
        String bars = figure(html, "IncomingRecords");
        assertThat(bars).contains("data-kind=\"bars\"");
        List<Double> xs = numbers(bars, "<rect class=\"point\" x=\"([0-9.]+)\"");
        assertThat(xs).hasSize(60);
        assertThat(xs.get(xs.size() - 1) - xs.get(0)).as("bars spread over the plot").isGreaterThan(400);
        String line = figure(html, "DeliveryToS3.DataFreshness");
        assertThat(line).contains("data-kind=\"line\"").contains("<polyline");
        assertThat(numbers(line, "<circle class=\"point\" cx=\"([0-9.]+)\"")).hasSize(60);
        // Local time (Paris is UTC+1 in December), to the second; no nanoseconds anywhere.
        assertThat(bars).contains(">23:30:10<").contains(">23:31:10<");
        assertThat(html).doesNotContain(".123").doesNotContain("<script");
    }

    @Test
    void anEmptyWindowSaysSo() throws Exception {
        Path file = data.resolve("firehose/metrics.jsonl");
        Monitor monitor = new Monitor(new LocalMonitoringSource(STREAM, file, new LocalLake(DataLayout.of(data))),
                new HealthEvaluator(HealthThresholds.defaults()), new ErrorSummarizer(ReasonClassifier.none()),
                Clock.fixed(NOW, ZoneOffset.UTC));
        String html = new HtmlReport(ZoneOffset.UTC).render(monitor.look(Duration.ofHours(1)));
        assertThat(html).contains("id=\"no-data\">no data in this window (2026-12-06 21:31:30 to 2026-12-06 22:31:30)")
                .doesNotContain("<figure");
    }

    private static String figure(String html, String metric) {
        int at = html.indexOf("<figure data-metric=\"" + metric + "\"");
        assertThat(at).as("a chart of " + metric).isNotNegative();
        return html.substring(at, html.indexOf("</figure>", at));
    }

    private static List<Double> numbers(String html, String regex) {
        List<Double> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(html);
        while (m.find()) {
            found.add(Double.parseDouble(m.group(1)));
        }
        return found;
    }
}
