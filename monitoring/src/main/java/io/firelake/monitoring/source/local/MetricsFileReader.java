package io.firelake.monitoring.source.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.monitoring.metrics.MetricPoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the local Firehose's metrics file: JSON lines, each either one data point, as the local runtime writes them
 * ({@code {"timestamp", "namespace", "metricName", "dimensions": {"DeliveryStreamName"}, "value", "unit"}}; the
 * spellings {@code metric}, {@code name}, {@code MetricName}, {@code Timestamp}, {@code Value}, {@code Unit} and a
 * top-level {@code delivery_stream} or {@code DeliveryStreamName} are accepted too) or a
 * CloudWatch embedded-metric-format object ({@code _aws.CloudWatchMetrics[].Metrics[]}), which carries several.
 * Timestamps are ISO-8601 or epoch milliseconds. Lines for another delivery stream are skipped; a line that cannot
 * be read is counted, not fatal: a metrics file being appended to may end in half a line.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html">
 *      Embedded metric format specification</a>
 */
public final class MetricsFileReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Result(List<MetricPoint> points, int unreadableLines) {
    }

    /** One data point of a line, with the namespace and the delivery stream the line names (null when it names none). */
    public record Datapoint(String namespace, String deliveryStream, MetricPoint point) {
    }

    public Result read(Path file, String deliveryStreamName) throws IOException {
        List<MetricPoint> points = new ArrayList<>();
        int unreadable = 0;
        if (!Files.exists(file)) {
            return new Result(points, 0);
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    for (Datapoint datapoint : parse(line)) {
                        if (deliveryStreamName == null || datapoint.deliveryStream() == null
                                || datapoint.deliveryStream().equals(deliveryStreamName)) {
                            points.add(datapoint.point());
                        }
                    }
                } catch (IOException | RuntimeException unreadableLine) {
                    unreadable++;
                }
            }
        }
        return new Result(points, unreadable);
    }

    /**
     * The data points of one line of the file (the local CloudWatch reads the file with it too); an exception when the
     * line cannot be read.
     */
    public static List<Datapoint> parse(String line) throws IOException {
        JsonNode node = JSON.readTree(line);
        Optional<String> stream = text(node, "delivery_stream", "deliveryStream", "DeliveryStreamName");
        if (stream.isEmpty() && node.has("dimensions")) {
            stream = text(node.get("dimensions"), "DeliveryStreamName");
        }
        String deliveryStream = stream.orElse(null);
        String namespace = text(node, "namespace", "Namespace").orElse(null);
        List<MetricPoint> points = node.has("_aws") ? embedded(node) : List.of(single(node));
        return points.stream().map(p -> new Datapoint(namespace, deliveryStream, p)).toList();
    }

    private static MetricPoint single(JsonNode node) {
        String name = text(node, "metricName", "metric", "name", "MetricName")
                .orElseThrow(() -> new IllegalArgumentException("no metric name"));
        JsonNode value = first(node, "value", "Value");
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException("no numeric value");
        }
        return new MetricPoint(name, instant(first(node, "timestamp", "time", "Timestamp")), value.asDouble(),
                text(node, "unit", "Unit").orElse(null));
    }

    private static List<MetricPoint> embedded(JsonNode node) {
        JsonNode aws = node.get("_aws");
        Instant timestamp = instant(aws.get("Timestamp"));
        List<MetricPoint> points = new ArrayList<>();
        for (JsonNode directive : aws.path("CloudWatchMetrics")) {
            for (JsonNode metric : directive.path("Metrics")) {
                String name = metric.path("Name").asText();
                JsonNode value = node.get(name);
                if (value != null && value.isNumber()) {
                    points.add(new MetricPoint(name, timestamp, value.asDouble(), metric.path("Unit").asText(null)));
                }
            }
        }
        return points;
    }

    private static Instant instant(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("no timestamp");
        }
        return node.isNumber() ? Instant.ofEpochMilli(node.asLong()) : Instant.parse(node.asText());
    }

    private static JsonNode first(JsonNode node, String... keys) {
        for (String key : keys) {
            if (node.has(key)) {
                return node.get(key);
            }
        }
        return null;
    }

    private static Optional<String> text(JsonNode node, String... keys) {
        JsonNode found = first(node, keys);
        return found == null || found.isNull() ? Optional.empty() : Optional.of(found.asText());
    }

}
