package io.firelake.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firelake.monitoring.errors.ErrorDocument;
import io.firelake.monitoring.metrics.MetricPoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/** Builds what the local runtime would leave on disk: raw Parquet, error documents, manifests, metrics lines. */
public final class Fixtures {
    public static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** A raw Parquet file (SNAPPY, as Firehose writes) with one row per event id. */
    public static Path writeParquet(Path file, List<String> eventIds) throws IOException, SQLException {
        Files.createDirectories(file.getParent());
        String values = eventIds.stream().map(id -> "('" + id + "', 'page_view')").collect(Collectors.joining(", "));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM (VALUES " + values + ") t(event_id, event_type)) TO '" + file
                    + "' (FORMAT PARQUET, COMPRESSION SNAPPY)");
        }
        return file;
    }

    /** A Firehose error document for {@code raw}, in the JSON layout Firehose writes. */
    public static String errorDocument(byte[] raw, String errorCode, String errorMessage, Instant arrival) {
        ObjectNode doc = JSON.createObjectNode()
                .put("attemptsMade", 4)
                .put("arrivalTimestamp", arrival.toEpochMilli())
                .put("errorCode", errorCode)
                .put("errorMessage", errorMessage)
                .put("attemptEndingTimestamp", arrival.plusSeconds(5).toEpochMilli())
                .put("rawData", Base64.getEncoder().encodeToString(raw))
                .put("lambdaArn", "arn:aws:lambda:us-east-1:123456789012:function:firelake-transform:$LATEST");
        return doc.toString();
    }

    public static Path writeErrorObject(Path file, List<String> documents) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, String.join("\n", documents) + "\n", StandardCharsets.UTF_8);
    }

    public static String manifestLine(String eventId, byte[] payload, String kind) {
        ObjectNode line = JSON.createObjectNode();
        if (eventId == null) {
            line.putNull("event_id");
        } else {
            line.put("event_id", eventId);
        }
        return line.put("payload_sha256", ErrorDocument.sha256Hex(payload)).put("kind", kind)
                .put("partition_key", "s-1").toString();
    }

    /** A data point as the local runtime's FirehoseMetrics writes it. */
    public static String metricLine(MetricPoint p, String deliveryStream) {
        ObjectNode line = JSON.createObjectNode().put("timestamp", p.timestamp().toString())
                .put("namespace", "AWS/Firehose").put("metricName", p.name());
        line.putObject("dimensions").put("DeliveryStreamName", deliveryStream);
        return line.put("value", p.value()).put("unit", p.unit()).toString();
    }

    public static byte[] event(String eventId) {
        return ("{\"event_id\":\"" + eventId + "\",\"event_type\":\"page_view\",\"event_time\":\"2026-11-22T03:00:00Z\","
                + "\"session_id\":\"s-1\",\"page_url\":\"https://shop.example/\"}").getBytes(StandardCharsets.UTF_8);
    }
}
