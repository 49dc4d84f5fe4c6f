package io.firelake.monitoring.report;

import io.firelake.monitoring.metrics.FirehoseMetric;
import io.firelake.monitoring.metrics.MetricPoint;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * One metric as an inline SVG chart, no script: counts (Sum) as one bar per period, rates and latencies (Average,
 * Maximum) as a line; the time axis from the first period with data to the end of the last, labelled in local time
 * to the second, each point titled with its time and value.
 */
final class SvgChart {
    static final int WIDTH = 560;
    static final int HEIGHT = 170;
    static final int PAD_LEFT = 64;
    static final int PAD_BOTTOM = 28;
    static final int PAD_TOP = 10;
    static final int PAD_RIGHT = 14;
    static final int X_LABELS = 5;
    /** Dots on a line only while they can be told apart. */
    static final int MAX_DOTS = 60;
    private static final String BLUE = "#0969da";

    private final DateTimeFormatter axis;
    private final DateTimeFormatter title;

    SvgChart(ZoneId zone) {
        this.axis = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        this.title = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
    }

    static boolean bars(FirehoseMetric metric) {
        return metric.statistic() == FirehoseMetric.Statistic.SUM;
    }

    void render(StringBuilder h, FirehoseMetric metric, List<MetricPoint> points, Duration period) {
        Instant from = points.get(0).timestamp();
        Instant to = points.get(points.size() - 1).timestamp().plus(period);
        double max = niceCeiling(points.stream().mapToDouble(MetricPoint::value).max().orElse(1));
        double min = Math.min(0, points.stream().mapToDouble(MetricPoint::value).min().orElse(0));
        double span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
        int plotW = WIDTH - PAD_LEFT - PAD_RIGHT;
        int plotH = HEIGHT - PAD_TOP - PAD_BOTTOM;
        boolean bars = bars(metric);
        h.append("<figure data-metric=\"").append(HtmlReport.esc(metric.metricName())).append("\" data-kind=\"")
                .append(bars ? "bars" : "line").append("\" data-points=\"").append(points.size()).append("\">\n")
                .append("<figcaption>").append(HtmlReport.esc(metric.metricName())).append(" <small>(")
                .append(metric.statistic().cloudWatchName()).append(" per ").append(HtmlReport.duration(period))
                .append(", ").append(metric.unit()).append(")</small></figcaption>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(HtmlReport.esc(metric.metricName())).append("\">\n")
                .append("<rect x=\"").append(PAD_LEFT).append("\" y=\"").append(PAD_TOP).append("\" width=\"")
                .append(plotW).append("\" height=\"").append(plotH).append("\" fill=\"#fafafa\" stroke=\"#ccc\"/>\n");
        for (int i = 1; i < 4; i++) {
            double y = PAD_TOP + plotH * i / 4.0;
            h.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>%n",
                    PAD_LEFT, PAD_LEFT + plotW, y, y));
            label(h, PAD_LEFT - 4, y + 4, "end", compact(max - (max - min) * i / 4.0));
        }
        double barWidth = Math.max(1, plotW * period.toMillis() / span - 1);
        StringBuilder polyline = new StringBuilder();
        StringBuilder marks = new StringBuilder();
        for (MetricPoint p : points) {
            double x = PAD_LEFT + plotW * (p.timestamp().toEpochMilli() - from.toEpochMilli()) / span;
            double y = PAD_TOP + plotH * (1 - (p.value() - min) / (max - min));
            String tip = "<title>" + HtmlReport.esc(title.format(p.timestamp())) + "  " + TextReport.number(p.value())
                    + "</title>";
            if (bars) {
                polyline.append(String.format(Locale.ROOT, "%.1f,%.1f ", x + barWidth / 2, y));
                marks.append(String.format(Locale.ROOT, "<rect class=\"point\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                        + "height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.75\">%s</rect>%n", x, y, barWidth,
                        Math.max(0.5, PAD_TOP + plotH - y), BLUE, tip));
            } else {
                polyline.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                if (points.size() <= MAX_DOTS) {
                    marks.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.2\" "
                            + "fill=\"%s\">%s</circle>%n", x, y, BLUE, tip));
                }
            }
        }
        h.append(marks);
        // Over bars, the line through their tops is a faint outline; for rates and latencies it is the chart.
        h.append("<polyline fill=\"none\" stroke=\"").append(bars ? "#0550ae\" stroke-opacity=\"0.35" : BLUE)
                .append("\" stroke-width=\"1.5\" points=\"").append(polyline.toString().trim()).append("\"/>\n");
        label(h, PAD_LEFT - 4, PAD_TOP + 10, "end", compact(max));
        label(h, PAD_LEFT - 4, PAD_TOP + plotH, "end", compact(min));
        for (int i = 0; i < X_LABELS; i++) {
            double x = PAD_LEFT + plotW * i / (double) (X_LABELS - 1);
            Instant at = from.plusMillis((long) (span * i / (X_LABELS - 1)));
            h.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#999\"/>%n",
                    x, x, PAD_TOP + plotH, PAD_TOP + plotH + 4));
            label(h, x, HEIGHT - 8, i == 0 ? "start" : i == X_LABELS - 1 ? "end" : "middle", axis.format(at));
        }
        h.append("</svg>\n</figure>\n");
    }

    /** An axis label: 1250, 35k, 2.5M, 0.25. */
    static String compact(double v) {
        double a = Math.abs(v);
        String[] suffixes = {"G", "M", "k"};
        double[] scales = {1e9, 1e6, 1e4};
        for (int i = 0; i < scales.length; i++) {
            if (a >= scales[i]) {
                double unit = scales[i] == 1e4 ? 1e3 : scales[i];
                return plain(Math.round(v / unit * 100) / 100.0) + suffixes[i];
            }
        }
        return plain(Math.round(v * 100) / 100.0);
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** 1, 2 or 5 times a power of ten, at or above {@code v}: a y axis whose top reads well. */
    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static void label(StringBuilder h, double x, double y, String anchor, String text) {
        h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"11\" "
                + "fill=\"#555\">", x, y, anchor)).append(HtmlReport.esc(text)).append("</text>\n");
    }
}
