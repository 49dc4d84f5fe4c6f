package io.firelake.monitoring.health;

import io.firelake.monitoring.errors.ErrorDocument;
import io.firelake.monitoring.errors.ErrorSummary;
import io.firelake.monitoring.metrics.FirehoseMetric;
import io.firelake.monitoring.metrics.MetricPoint;
import io.firelake.monitoring.metrics.MetricsWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.firelake.monitoring.metrics.FirehoseMetric.*;
import static org.assertj.core.api.Assertions.assertThat;

class HealthEvaluatorTest {
    private static final Instant FROM = Instant.parse("2026-11-22T02:00:00Z");
    private static final Instant TO = FROM.plus(Duration.ofHours(1));
    private static final HealthEvaluator EVALUATOR = new HealthEvaluator(
            HealthThresholds.withBufferInterval(Duration.ofSeconds(300)));
    private static final DeliveryStreamState ACTIVE = DeliveryStreamState.active("firelake-delivery");

    /** One point a minute over the hour, values given by {@code value(minute)}. */
    private static List<MetricPoint> series(FirehoseMetric metric, java.util.function.IntToDoubleFunction value) {
        List<MetricPoint> points = new ArrayList<>();
        for (int minute = 0; minute < 60; minute++) {
            points.add(new MetricPoint(metric.metricName(), FROM.plusSeconds(60L * minute), value.applyAsDouble(minute),
                    metric.unit()));
        }
        return points;
    }

    /** A stream that keeps up: records in, processed, converted, delivered every 5 minutes, freshness below 300 s. */
    private static List<MetricPoint> healthy() {
        List<MetricPoint> points = new ArrayList<>();
        points.addAll(series(INCOMING_RECORDS, m -> 1000));
        points.addAll(series(INCOMING_BYTES, m -> 400_000));
        points.addAll(series(EXECUTE_PROCESSING_SUCCESS, m -> 1.0));
        points.addAll(series(EXECUTE_PROCESSING_DURATION, m -> 120));
        points.addAll(series(SUCCEED_PROCESSING_RECORDS, m -> 1000));
        points.addAll(series(SUCCEED_CONVERSION_RECORDS, m -> 1000));
        points.addAll(series(DELIVERY_TO_S3_RECORDS, m -> m % 5 == 4 ? 5000 : 0));
        points.addAll(series(DELIVERY_TO_S3_SUCCESS, m -> 1.0));
        points.addAll(series(DELIVERY_TO_S3_DATA_FRESHNESS, m -> 60 * (m % 5) + 30));
        return points;
    }

    private static List<MetricPoint> replace(List<MetricPoint> points, List<MetricPoint> replacement) {
        String name = replacement.get(0).name();
        List<MetricPoint> out = new ArrayList<>(points.stream().filter(p -> !p.name().equals(name)).toList());
        out.addAll(replacement);
        return out;
    }

    private static HealthReport evaluate(List<MetricPoint> points, ErrorSummary errors) {
        return EVALUATOR.evaluate(MetricsWindow.of(FROM, TO, points), ACTIVE, errors);
    }

    private static Finding finding(HealthReport report, String check) {
        return report.findings().stream().filter(f -> f.check().equals(check)).findFirst().orElseThrow();
    }

    @Test
    void aStreamThatKeepsUpIsHealthy() {
        HealthReport report = evaluate(healthy(), ErrorSummary.empty());

        assertThat(report.verdict()).isEqualTo(Verdict.HEALTHY);
        assertThat(report.problems()).isEmpty();
        assertThat(finding(report, "incoming data").reason()).startsWith("60000 records in");
    }

    @Test
    void failingLambdaInvocationsAreFailing() {
        List<MetricPoint> points = replace(healthy(), series(EXECUTE_PROCESSING_SUCCESS, m -> m < 30 ? 1.0 : 0.0));

        HealthReport report = evaluate(points, ErrorSummary.empty());

        assertThat(report.verdict()).isEqualTo(Verdict.FAILING);
        assertThat(finding(report, "Lambda processing").reason()).contains("invocation success rate 50.0%");
    }

    @Test
    void recordsRejectedByTheTransformDegradeThenFail() {
        ErrorSummary few = new ErrorSummary(30, Map.of(ErrorDocument.PROCESSING_FAILED, 30L), Map.of(),
                Map.of("MALFORMED_JSON", 30L), List.of(), 0, null);
        ErrorSummary many = new ErrorSummary(30_000, Map.of(ErrorDocument.PROCESSING_FAILED, 30_000L), Map.of(),
                Map.of("MISSING_FIELD", 30_000L), List.of(), 0, null);

        assertThat(evaluate(healthy(), few).verdict()).isEqualTo(Verdict.DEGRADED);
        HealthReport report = evaluate(healthy(), many);
        assertThat(report.verdict()).isEqualTo(Verdict.FAILING);
        assertThat(finding(report, "failed records").reason()).contains("30000 records in processing-failed")
                .contains("MISSING_FIELD");
    }

    @Test
    void conversionFailuresAreReported() {
        List<MetricPoint> points = replace(healthy(), series(FAILED_CONVERSION_RECORDS, m -> 2));

        HealthReport some = evaluate(points, ErrorSummary.empty());
        assertThat(some.verdict()).isEqualTo(Verdict.DEGRADED);
        assertThat(finding(some, "format conversion").reason()).startsWith("120 records failed Parquet conversion");

        HealthReport most = evaluate(replace(points, series(FAILED_CONVERSION_RECORDS, m -> 900)),
                ErrorSummary.empty());
        assertThat(most.verdict()).isEqualTo(Verdict.FAILING);
    }

    @Test
    void freshnessGrowingWithNoDeliveriesIsAStall() {
        List<MetricPoint> points = replace(healthy(), series(DELIVERY_TO_S3_RECORDS, m -> m < 40 && m % 5 == 4 ? 5000 : 0));
        points = replace(points, series(DELIVERY_TO_S3_DATA_FRESHNESS, m -> m < 40 ? 60 * (m % 5) + 30 : 60 * (m - 38)));

        HealthReport report = evaluate(points, ErrorSummary.empty());

        assertThat(report.verdict()).isEqualTo(Verdict.FAILING);
        assertThat(finding(report, "data freshness").reason()).startsWith("delivery stalled")
                .contains("S3 buffer interval 300 s");
    }

    @Test
    void staleButMovingDataIsDegraded() {
        List<MetricPoint> points = replace(healthy(), series(DELIVERY_TO_S3_DATA_FRESHNESS, m -> 500 - (m % 5)));

        HealthReport report = evaluate(points, ErrorSummary.empty());

        assertThat(report.verdict()).isEqualTo(Verdict.DEGRADED);
        assertThat(finding(report, "data freshness").reason()).contains("496 s old");
    }

    @Test
    void noIncomingDataIsDegradedByDefaultAndTunable() {
        MetricsWindow empty = MetricsWindow.of(FROM, TO, List.of());

        assertThat(EVALUATOR.evaluate(empty, ACTIVE, ErrorSummary.empty()).verdict()).isEqualTo(Verdict.DEGRADED);
        HealthEvaluator relaxed = new HealthEvaluator(HealthThresholds.defaults().withNoIncomingData(Verdict.HEALTHY));
        assertThat(relaxed.evaluate(empty, ACTIVE, ErrorSummary.empty()).verdict()).isEqualTo(Verdict.HEALTHY);
    }

    @Test
    void throttlingAndALastErrorAreReported() {
        List<MetricPoint> points = replace(healthy(), series(THROTTLED_GET_RECORDS, m -> m == 10 ? 3 : 0));
        DeliveryStreamState withError = new DeliveryStreamState("firelake-delivery", "ACTIVE",
                Optional.of("UNKNOWN_ERROR"), Optional.of("S3 access denied"));

        HealthReport report = EVALUATOR.evaluate(MetricsWindow.of(FROM, TO, points), withError, ErrorSummary.empty());

        assertThat(report.verdict()).isEqualTo(Verdict.DEGRADED);
        assertThat(report.problems()).extracting(Finding::check)
                .containsExactlyInAnyOrder("delivery stream status", "throttling");
        assertThat(finding(report, "delivery stream status").reason()).contains("UNKNOWN_ERROR: S3 access denied");
    }
}
