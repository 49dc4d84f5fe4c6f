package io.firelake.monitoring.health;

import io.firelake.monitoring.errors.ErrorDocument;
import io.firelake.monitoring.errors.ErrorSummary;
import io.firelake.monitoring.metrics.FirehoseMetric;
import io.firelake.monitoring.metrics.MetricPoint;
import io.firelake.monitoring.metrics.MetricsWindow;

import java.util.ArrayList;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalDouble;

import static io.firelake.monitoring.metrics.FirehoseMetric.*;

/**
 * Turns a window of Firehose metrics, the delivery stream's state and the error prefix into a verdict. Each check
 * adds one finding; the verdict is the worst one. The checks follow the alarms AWS recommends for Firehose.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/firehose-cloudwatch-metrics-best-practices.html">
 *      Implement best practices with CloudWatch alarms</a>
 */
public final class HealthEvaluator {
    /** Firehose publishes a point a minute: a stall is judged on at least five of them. */
    static final long STALL_LOOKBACK_SECONDS = 300;

    private final HealthThresholds thresholds;

    public HealthEvaluator(HealthThresholds thresholds) {
        this.thresholds = thresholds;
    }

    public HealthReport evaluate(MetricsWindow metrics, DeliveryStreamState state, ErrorSummary errors) {
        List<Finding> findings = new ArrayList<>();
        findings.add(status(state));
        double incoming = incoming(metrics);
        findings.add(incomingData(metrics, incoming));
        findings.add(freshness(metrics, incoming));
        findings.add(processing(metrics));
        findings.add(delivery(metrics));
        findings.add(conversion(metrics));
        findings.add(failedRecords(errors, incoming));
        findings.add(throttling(metrics));
        Verdict verdict = findings.stream().map(Finding::severity).reduce(Verdict.HEALTHY, Verdict::worst);
        return new HealthReport(verdict, findings, metrics.to());
    }

    /** ACTIVE is healthy; states on the way (CREATING, UPDATING, UNKNOWN) degraded; *_FAILED and DELETING failing. */
    private Finding status(DeliveryStreamState state) {
        String check = "delivery stream status";
        String status = state.status();
        Verdict severity;
        if (status.equals(DeliveryStreamState.ACTIVE)) {
            severity = Verdict.HEALTHY;
        } else if (status.endsWith("FAILED") || status.startsWith("DELETING")) {
            severity = Verdict.FAILING;
        } else {
            severity = Verdict.DEGRADED;
        }
        if (state.lastErrorType().isPresent()) {
            return new Finding(check, severity.worst(Verdict.DEGRADED), state.name() + " is " + status
                    + ", last error " + state.lastErrorType().get()
                    + state.lastErrorDetails().map(d -> ": " + d).orElse(""));
        }
        return new Finding(check, severity, state.name() + " is " + status
                + state.sourceStream().map(s -> ", reading " + s).orElse(""));
    }

    /** Records read from Kinesis when the source is a stream; IncomingRecords otherwise. */
    private static double incoming(MetricsWindow metrics) {
        return Math.max(metrics.sum(INCOMING_RECORDS), metrics.sum(DATA_READ_FROM_KINESIS_RECORDS));
    }

    private Finding incomingData(MetricsWindow metrics, double incoming) {
        if (incoming > 0) {
            return new Finding("incoming data", Verdict.HEALTHY, fmt(incoming) + " records in, "
                    + bytes(metrics.sum(INCOMING_BYTES)) + " since " + metrics.from().truncatedTo(ChronoUnit.SECONDS));
        }
        return new Finding("incoming data", thresholds.noIncomingData(), "no incoming records since "
                + metrics.from().truncatedTo(ChronoUnit.SECONDS) + (metrics.has(INCOMING_RECORDS) ? "" : " (no IncomingRecords data points)"));
    }

    /**
     * Stalled delivery: records are waiting (freshness above the buffer interval and still growing) while nothing
     * reaches S3. Otherwise the latest freshness is compared with the buffer interval.
     */
    private Finding freshness(MetricsWindow metrics, double incoming) {
        String check = "data freshness";
        OptionalDouble latest = metrics.latest(DELIVERY_TO_S3_DATA_FRESHNESS);
        if (latest.isEmpty()) {
            return new Finding(check, Verdict.HEALTHY, "no DataFreshness data points (nothing waiting)");
        }
        double base = thresholds.freshnessBaseSeconds();
        double freshness = latest.getAsDouble();
        String versus = "oldest undelivered record is " + fmt(freshness) + " s old (S3 buffer interval "
                + thresholds.bufferInterval().toSeconds() + " s)";
        long lookback = Math.max((long) base, STALL_LOOKBACK_SECONDS);
        List<MetricPoint> recent = metrics.pointsSince(DELIVERY_TO_S3_DATA_FRESHNESS,
                metrics.to().minusSeconds(lookback));
        boolean growing = recent.size() >= 2 && isNonDecreasing(recent)
                && recent.get(recent.size() - 1).value() > recent.get(0).value();
        double recentDeliveries = metrics.pointsSince(DELIVERY_TO_S3_RECORDS, metrics.to().minusSeconds(lookback))
                .stream().mapToDouble(MetricPoint::value).sum();
        if (freshness > base && growing && recentDeliveries == 0) {
            return new Finding(check, Verdict.FAILING, "delivery stalled: " + versus
                    + " and growing, with no records delivered to S3 in the last " + lookback + " s");
        }
        if (freshness > base * thresholds.freshnessFailingFactor()) {
            return new Finding(check, Verdict.FAILING, versus + ", over " + thresholds.freshnessFailingFactor()
                    + "x the interval");
        }
        if (freshness > base * thresholds.freshnessDegradedFactor()) {
            return new Finding(check, Verdict.DEGRADED, versus + ", over " + thresholds.freshnessDegradedFactor()
                    + "x the interval");
        }
        return new Finding(check, Verdict.HEALTHY, versus);
    }

    private static boolean isNonDecreasing(List<MetricPoint> points) {
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).value() < points.get(i - 1).value()) {
                return false;
            }
        }
        return true;
    }

    private Finding processing(MetricsWindow metrics) {
        String check = "Lambda processing";
        OptionalDouble success = metrics.average(EXECUTE_PROCESSING_SUCCESS);
        if (success.isEmpty()) {
            return new Finding(check, Verdict.HEALTHY, "no Lambda invocations in the window");
        }
        String duration = metrics.average(EXECUTE_PROCESSING_DURATION).stream()
                .mapToObj(d -> ", average duration " + fmt(d) + " ms").findFirst().orElse("");
        String text = "invocation success rate " + pct(success.getAsDouble()) + duration;
        return new Finding(check, belowThresholds(success.getAsDouble(), thresholds.processingSuccessDegraded(),
                thresholds.processingSuccessFailing()), text);
    }

    private Finding delivery(MetricsWindow metrics) {
        String check = "delivery to S3";
        OptionalDouble success = metrics.average(DELIVERY_TO_S3_SUCCESS);
        String delivered = fmt(metrics.sum(DELIVERY_TO_S3_RECORDS)) + " records delivered ("
                + bytes(metrics.sum(DELIVERY_TO_S3_BYTES)) + ")";
        if (success.isEmpty()) {
            return new Finding(check, Verdict.HEALTHY, delivered + ", no S3 puts in the window");
        }
        return new Finding(check, belowThresholds(success.getAsDouble(), thresholds.deliverySuccessDegraded(),
                thresholds.deliverySuccessFailing()), delivered + ", S3 put success rate "
                + pct(success.getAsDouble()));
    }

    private Finding conversion(MetricsWindow metrics) {
        double failed = metrics.sum(FAILED_CONVERSION_RECORDS);
        double succeeded = metrics.sum(SUCCEED_CONVERSION_RECORDS);
        String text = fmt(failed) + " records failed Parquet conversion, " + fmt(succeeded) + " converted";
        return new Finding("format conversion", ratioVerdict(failed, failed + succeeded), text);
    }

    /** Records the transform rejected land in the error prefix; the ratio to incoming tells a bad producer. */
    private Finding failedRecords(ErrorSummary errors, double incoming) {
        long processingFailed = errors.count(ErrorDocument.PROCESSING_FAILED);
        String text = processingFailed + " records in " + ErrorDocument.PROCESSING_FAILED + " of " + fmt(incoming)
                + " incoming" + (errors.byReason().isEmpty() ? "" : ", reasons " + new java.util.TreeMap<>(errors.byReason()));
        return new Finding("failed records", ratioVerdict(processingFailed, Math.max(incoming, processingFailed)),
                text);
    }

    private Finding throttling(MetricsWindow metrics) {
        double throttled = 0;
        StringBuilder which = new StringBuilder();
        for (FirehoseMetric metric : List.of(THROTTLED_RECORDS, THROTTLED_GET_RECORDS, THROTTLED_GET_SHARD_ITERATOR,
                THROTTLED_DESCRIBE_STREAM)) {
            double sum = metrics.sum(metric);
            if (sum > 0) {
                throttled += sum;
                which.append(which.isEmpty() ? "" : ", ").append(metric.metricName()).append('=').append(fmt(sum));
            }
        }
        if (throttled == 0) {
            return new Finding("throttling", Verdict.HEALTHY, "no throttling");
        }
        return new Finding("throttling", thresholds.throttledIsDegraded() ? Verdict.DEGRADED : Verdict.HEALTHY,
                "throttled: " + which);
    }

    private Verdict ratioVerdict(double bad, double total) {
        if (bad <= 0 || total <= 0) {
            return Verdict.HEALTHY;
        }
        double ratio = bad / total;
        if (ratio > thresholds.failedRecordRatioFailing()) {
            return Verdict.FAILING;
        }
        return ratio > thresholds.failedRecordRatioDegraded() ? Verdict.DEGRADED : Verdict.HEALTHY;
    }

    private static Verdict belowThresholds(double value, double degraded, double failing) {
        if (value < failing) {
            return Verdict.FAILING;
        }
        return value < degraded ? Verdict.DEGRADED : Verdict.HEALTHY;
    }

    static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format("%.2f", value);
    }

    private static String pct(double ratio) {
        return String.format("%.1f%%", ratio * 100);
    }

    private static String bytes(double bytes) {
        if (bytes >= 1 << 20) {
            return String.format("%.1f MiB", bytes / (1 << 20));
        }
        return bytes >= 1024 ? String.format("%.1f KiB", bytes / 1024) : fmt(bytes) + " B";
    }

}
