package io.firelake.monitoring.metrics;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodRollupTest {

    @Test
    void eachMetricGetsItsOwnStatisticPerMinute() {
        Instant t = Instant.parse("2026-11-22T03:00:10Z");
        List<MetricPoint> raw = List.of(
                new MetricPoint("IncomingRecords", t, 300, "Count"),
                new MetricPoint("IncomingRecords", t.plusSeconds(20), 200, "Count"),
                new MetricPoint("IncomingRecords", t.plusSeconds(60), 7, "Count"),
                new MetricPoint("ExecuteProcessing.Success", t, 1, "None"),
                new MetricPoint("ExecuteProcessing.Success", t.plusSeconds(5), 0, "None"),
                new MetricPoint("DeliveryToS3.DataFreshness", t, 12, "Seconds"),
                new MetricPoint("DeliveryToS3.DataFreshness", t.plusSeconds(30), 40, "Seconds"),
                new MetricPoint("IncomingRecords", t.minusSeconds(3600), 999, "Count"));

        MetricsWindow window = MetricsWindow.of(t.minusSeconds(5), t.plusSeconds(600),
                PeriodRollup.rollUp(raw, t.minusSeconds(5), t.plusSeconds(600), PeriodRollup.DEFAULT_PERIOD));

        assertThat(window.points(FirehoseMetric.INCOMING_RECORDS)).extracting(MetricPoint::value)
                .containsExactly(500.0, 7.0);
        assertThat(window.points(FirehoseMetric.INCOMING_RECORDS).get(0).timestamp()).isEqualTo(t.minusSeconds(5));
        assertThat(window.points(FirehoseMetric.EXECUTE_PROCESSING_SUCCESS)).extracting(MetricPoint::value)
                .containsExactly(0.5);
        assertThat(window.points(FirehoseMetric.DELIVERY_TO_S3_DATA_FRESHNESS)).extracting(MetricPoint::value)
                .containsExactly(40.0);
    }
}
