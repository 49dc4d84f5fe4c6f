package io.firelake.monitoring.report;

import io.firelake.monitoring.errors.ErrorSummarizer;
import io.firelake.monitoring.errors.ErrorDocument;
import io.firelake.monitoring.errors.ReasonClassifier;
import io.firelake.monitoring.health.AlarmStatus;
import io.firelake.monitoring.health.DeliveryStreamState;
import io.firelake.monitoring.health.HealthEvaluator;
import io.firelake.monitoring.health.HealthThresholds;
import io.firelake.monitoring.metrics.FirehoseMetric;
import io.firelake.monitoring.metrics.MetricPoint;
import io.firelake.monitoring.metrics.MetricsWindow;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    @Test
    void isOneWellFormedOfflineFileWithAChartPerSeries() throws Exception {
        Instant from = Instant.parse("2026-11-22T02:00:00Z");
        List<MetricPoint> points = new ArrayList<>();
        for (int m = 0; m < 30; m++) {
            points.add(new MetricPoint("IncomingRecords", from.plusSeconds(60L * m), 100 + m, "Count"));
            points.add(new MetricPoint("DeliveryToS3.DataFreshness", from.plusSeconds(60L * m), 10 * m, "Seconds"));
        }
        MetricsWindow window = MetricsWindow.of(from, from.plusSeconds(1800), points);
        byte[] nasty = "<script>alert('x')</script> & \u0001".getBytes(StandardCharsets.UTF_8);
        ErrorDocument doc = new ErrorDocument("processing-failed", 4, from, "Lambda.ProcessingFailed", "bad <json>",
                from, java.util.Base64.getEncoder().encodeToString(nasty), null, "errors/processing-failed/x");
        var errors = new ErrorSummarizer(ReasonClassifier.none()).summarize(List.of(doc), 0);
        DeliveryStreamState state = DeliveryStreamState.active("firelake-delivery");
        var health = new HealthEvaluator(HealthThresholds.defaults()).evaluate(window, state, errors);

        String html = new HtmlReport().render(new MonitorSnapshot("firelake-delivery", state, window, errors, health));

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        Document dom = factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        NodeList figures = dom.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "figure");
        assertThat(figures.getLength()).isEqualTo(2);
        List<String> charted = new ArrayList<>();
        for (int i = 0; i < figures.getLength(); i++) {
            Element figure = (Element) figures.item(i);
            charted.add(figure.getAttribute("data-metric"));
            Element polyline = (Element) figure.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline").item(0);
            assertThat(polyline.getAttribute("points").split(" ")).hasSize(30);
        }
        assertThat(charted).containsExactly(FirehoseMetric.INCOMING_RECORDS.metricName(),
                FirehoseMetric.DELIVERY_TO_S3_DATA_FRESHNESS.metricName());
        assertThat(html).contains("id=\"verdict\">degraded<").contains("&lt;script&gt;")
                .doesNotContain("<script").doesNotContain("http://cdn").doesNotContain("src=");
    }

    @Test
    void listsTheAlarmsAsTheTextReportDoes() {
        Instant from = Instant.parse("2026-11-22T02:00:00Z");
        MetricsWindow window = MetricsWindow.of(from, from.plusSeconds(1800), List.of());
        var errors = new ErrorSummarizer(ReasonClassifier.none()).summarize(List.of(), 0);
        DeliveryStreamState state = DeliveryStreamState.active("firelake-delivery");
        var health = new HealthEvaluator(HealthThresholds.defaults()).evaluate(window, state, errors);
        List<AlarmStatus> alarms = List.of(new AlarmStatus("firelake-DeliverySuccess", "ALARM",
                "Threshold Crossed: 2 datapoints [0.0, 0.0] were < 1.0"),
                new AlarmStatus("firelake-DeliveryFreshness", "OK", "Threshold Crossed"));
        MonitorSnapshot snapshot = new MonitorSnapshot("firelake-delivery", state, window, errors, health, window,
                Duration.ofMinutes(1), alarms);

        String html = new HtmlReport().render(snapshot);

        assertThat(html).contains("<table id=\"alarms\">")
                .contains("<tr><td class=\"failing\">ALARM</td><td>firelake-DeliverySuccess</td>"
                        + "<td>Threshold Crossed: 2 datapoints [0.0, 0.0] were &lt; 1.0</td></tr>")
                .contains("<tr><td class=\"healthy\">OK</td><td>firelake-DeliveryFreshness</td>");
        assertThat(new HtmlReport().render(new MonitorSnapshot("firelake-delivery", state, window, errors, health)))
                .as("no alarms (the local source): no section").doesNotContain("id=\"alarms\"");
    }
}
