package io.firelake.monitoring.report;

import io.firelake.monitoring.errors.ErrorSummary;
import io.firelake.monitoring.health.Finding;
import io.firelake.monitoring.health.Verdict;
import io.firelake.monitoring.metrics.FirehoseMetric;

import java.util.TreeMap;

/** The terminal report: verdict first, then each check, the metrics of the window and the error prefix. */
public final class TextReport {

    public String render(MonitorSnapshot s) {
        StringBuilder out = new StringBuilder();
        out.append("delivery stream ").append(s.deliveryStreamName()).append(": ")
                .append(s.health().verdict().label().toUpperCase(java.util.Locale.ROOT))
                .append("   (").append(s.metrics().from()).append(" .. ").append(s.metrics().to()).append(")\n");
        for (Finding f : s.health().findings()) {
            out.append(String.format("  %-8s %-22s %s%n", marker(f.severity()), f.check(), f.reason()));
        }
        if (!s.alarms().isEmpty()) {
            out.append("\nalarms\n");
            s.alarms().forEach(a -> out.append(String.format("  %-17s %-40s %s%n", a.state(), a.name(), a.reason())));
        }
        out.append("\nmetrics over the window\n");
        for (FirehoseMetric metric : FirehoseMetric.values()) {
            s.metrics().aggregate(metric).ifPresent(v -> out.append(String.format("  %-36s %14s  (%s, %s)%n",
                    metric.metricName(), number(v), metric.statistic().cloudWatchName(), metric.unit())));
        }
        appendErrors(out, s.errors());
        return out.toString();
    }

    private static void appendErrors(StringBuilder out, ErrorSummary errors) {
        out.append("\nerror prefix: ").append(errors.total()).append(" records");
        if (errors.unreadableObjects() > 0) {
            out.append(", ").append(errors.unreadableObjects()).append(" unreadable");
        }
        out.append('\n');
        new TreeMap<>(errors.byOutputTypeAndErrorCode()).forEach((type, codes) -> {
            out.append("  ").append(type).append(": ").append(errors.count(type)).append('\n');
            new TreeMap<>(codes).forEach((code, n) -> out.append("    errorCode ").append(code).append(": ")
                    .append(n).append('\n'));
        });
        if (!errors.byReason().isEmpty()) {
            out.append("  by reason:");
            new TreeMap<>(errors.byReason()).forEach((r, n) -> out.append(' ').append(r).append('=').append(n));
            out.append('\n');
        }
        for (ErrorSummary.Sample sample : errors.samples()) {
            out.append("  sample [").append(sample.errorOutputType()).append(' ').append(sample.reason())
                    .append("] ").append(sample.rawPreview()).append('\n')
                    .append("         ").append(sample.errorMessage().isEmpty() ? "" : sample.errorMessage() + " ")
                    .append("(").append(sample.objectKey()).append(")\n");
        }
    }

    private static String marker(Verdict verdict) {
        return switch (verdict) {
            case HEALTHY -> "ok";
            case DEGRADED -> "DEGRADED";
            case FAILING -> "FAILING";
        };
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format("%.3f", v);
    }

}
