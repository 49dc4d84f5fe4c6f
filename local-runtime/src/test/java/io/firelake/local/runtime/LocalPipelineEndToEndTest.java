package io.firelake.local.runtime;

import io.firelake.events.contract.PinnedContract;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.config.layout.DataLayout;
import io.firelake.kinesis.aggregation.AggregatedRecordEncoder;
import io.firelake.local.config.SamTemplate;
import io.firelake.local.firehose.DeliveryStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local pipeline end to end with the real transform Lambda: events sent to kinesalite (plain and KPL-aggregated),
 * read back from the Parquet lake with DuckDB, and every event accounted for: delivered, dropped on purpose, or in the
 * error prefix with the transform's verdict.
 */
@PinnedContract("clickstream")
class LocalPipelineEndToEndTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyEventIsDeliveredDroppedOrInTheErrorPrefix(@TempDir Path data) throws Exception {
        Set<String> valid = new HashSet<>();
        Map<String, byte[]> faults = new HashMap<>();
        List<byte[]> payloads = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < 240; i++) {
            String id = UUID.randomUUID().toString();
            String type = i % 4 == 0 ? "purchase" : "page_view";
            String event = "{\"event_id\":\"" + id + "\",\"event_type\":\"" + type + "\",\"event_time\":\""
                    + now.minusSeconds(i) + "\",\"session_id\":\"s-" + (i % 7) + "\",\"page_url\":\"https://shop.example/p/" + i
                    + "?utm_source=news\",\"user_agent\":\"Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0\""
                    + (type.equals("purchase") ? ",\"product_id\":\"p-1\",\"price\":19.99,\"currency\":\"EUR\"" : "") + "}";
            valid.add(id);
            payloads.add(event.getBytes(StandardCharsets.UTF_8));
        }
        faults.put("malformed", "{\"event_id\":".getBytes(StandardCharsets.UTF_8));
        faults.put("missing", ("{\"event_id\":\"" + UUID.randomUUID() + "\",\"event_type\":\"click\",\"event_time\":\"" + now
                + "\",\"page_url\":\"https://shop.example/\"}").getBytes(StandardCharsets.UTF_8));
        faults.put("unknown-type", ("{\"event_id\":\"" + UUID.randomUUID() + "\",\"event_type\":\"teleport\",\"event_time\":\""
                + now + "\",\"session_id\":\"s\",\"page_url\":\"https://shop.example/\"}").getBytes(StandardCharsets.UTF_8));
        payloads.addAll(faults.values());
        byte[] healthCheck = "{\"health_check\":true}".getBytes(StandardCharsets.UTF_8);
        payloads.add(healthCheck);

        var options = new LocalPipeline.Options(data, SamTemplate.load(), 0, 0, -1, c -> c);
        try (LocalPipeline pipeline = LocalPipeline.start(options)) {
            String stream = options.settings().streamName();
            // Half plain records, half KPL aggregates: Firehose reads both.
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            AggregatedRecordEncoder aggregate = new AggregatedRecordEncoder();
            for (int i = 0; i < payloads.size(); i++) {
                if (i % 2 == 0) {
                    entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i).data(SdkBytes.fromByteArray(payloads.get(i))).build());
                } else {
                    aggregate.add("k" + i, null, payloads.get(i));
                    if (aggregate.count() == 20) {
                        entries.add(PutRecordsRequestEntry.builder().partitionKey(aggregate.firstPartitionKey())
                                .data(SdkBytes.fromByteArray(aggregate.toBytes())).build());
                        aggregate.reset();
                    }
                }
            }
            if (!aggregate.isEmpty()) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey(aggregate.firstPartitionKey())
                        .data(SdkBytes.fromByteArray(aggregate.toBytes())).build());
            }
            for (int from = 0; from < entries.size(); from += 500) {
                List<PutRecordsRequestEntry> chunk = entries.subList(from, Math.min(entries.size(), from + 500));
                assertThat(pipeline.kinesis().putRecords(b -> b.streamName(stream).records(chunk)).failedRecordCount()).isZero();
            }

            pipeline.firehose().drain(Duration.ofSeconds(60));
            DeliveryStats stats = pipeline.firehose().firehose().stats();
            assertThat(stats.read()).isEqualTo(payloads.size());
            assertThat(stats.pending()).isZero();
            assertThat(stats.dropped()).isEqualTo(1);
            assertThat(stats.delivered()).isEqualTo(valid.size());
            assertThat(stats.failedByCode()).containsOnly(Map.entry("Lambda.ProcessingFailed", (long) faults.size()));

            assertThat(lakeEventIds(pipeline.lakeDir())).containsExactlyInAnyOrderElementsOf(valid);
            List<JsonNode> errors = errorDocuments(pipeline.lakeDir().resolve("errors/processing-failed"));
            assertThat(errors).extracting(d -> d.get("errorCode").asText()).containsOnly("Lambda.ProcessingFailed");
            assertThat(errors).extracting(d -> new String(Base64.getDecoder().decode(d.get("rawData").asText()), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrderElementsOf(faults.values().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList());
            assertThat(Files.readString(DataLayout.of(data).metricsFile()))
                    .contains("\"MetricName\":\"DeliveryToS3.Records\"", "\"MetricName\":\"ExecuteProcessing.Success\"");
            assertThat(Files.readString(DataLayout.of(data).droppedFile())).contains("\"payload_sha256\":\""
                    + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(healthCheck)) + "\"");
        }
    }

    static List<String> lakeEventIds(Path lake) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            sql.execute("SET TimeZone='UTC'");
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = sql.executeQuery("SELECT event_id, event_date, strftime(event_ts, '%Y-%m-%d') AS d FROM read_parquet('"
                    + lake + "/raw/*/*/*.parquet', hive_partitioning = true, hive_types_autocast = false)")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    assertThat(rs.getString(2)).as("partition is the event date").isEqualTo(rs.getString(3));
                }
            }
            return ids;
        }
    }

    static List<JsonNode> errorDocuments(Path dir) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) {
                        docs.add(JSON.readTree(line));
                    }
                }
            }
        }
        return docs;
    }
}
