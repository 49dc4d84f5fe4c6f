package io.firelake.athena;

import io.firelake.events.contract.PinnedContract;
import io.firelake.athena.local.DuckDbReportEngine;
import io.firelake.athena.report.DateRange;
import io.firelake.athena.report.ReportCatalog;
import io.firelake.lake.format.ConversionResult;
import io.firelake.lake.format.LakeSchema;
import io.firelake.lake.format.OpenXJsonDeserializer;
import io.firelake.lake.format.ParquetObjectWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports read raw Parquet as the local Firehose writes it: the transform's JSON lines converted the way Firehose
 * record format conversion does (lake-format: OpenX JSON SerDe rules, parquet-avro, SNAPPY), not only DuckDB's own.
 * {@link #main} writes the same file as a fixture for the Spark tests, which must not load parquet-avro 1.17.
 */
@PinnedContract("clickstream")
class FirehoseFormatTest {

    static final List<String> TRANSFORM_OUTPUT = List.of(
            "{\"schema_version\":1,\"event_id\":\"0b6f6a3e-6a49-4e0e-9a57-2f1a8f6a0001\",\"event_type\":\"page_view\","
                    + "\"event_ts\":\"2026-11-20T10:00:00.123Z\",\"session_id\":\"s1\",\"page_url\":\"https://shop.example/home\","
                    + "\"url_host\":\"shop.example\",\"url_path\":\"/home\",\"referrer_class\":\"direct\",\"device_class\":\"desktop\","
                    + "\"is_bot\":false,\"received_ts\":\"2026-11-20T10:00:01.000Z\",\"processed_ts\":\"2026-11-20T10:00:02.000Z\","
                    + "\"kinesis_shard_id\":\"shardId-000000000000\",\"kinesis_sequence_number\":\"49600000000000000000000000000000000000000000000000000001\","
                    + "\"event_date\":\"2026-11-20\",\"event_hour\":\"10\"}",
            "{\"schema_version\":1,\"event_id\":\"0b6f6a3e-6a49-4e0e-9a57-2f1a8f6a0002\",\"event_type\":\"purchase\","
                    + "\"event_ts\":\"2026-11-20T10:03:00.000Z\",\"session_id\":\"s1\",\"user_id\":\"u1\",\"page_url\":\"https://shop.example/checkout\","
                    + "\"url_host\":\"shop.example\",\"url_path\":\"/checkout\",\"referrer_class\":\"direct\",\"device_class\":\"desktop\","
                    + "\"is_bot\":false,\"product_id\":\"p1\",\"price\":20.00,\"currency\":\"EUR\",\"quantity\":2,"
                    + "\"received_ts\":\"2026-11-20T10:03:01.000Z\",\"processed_ts\":\"2026-11-20T10:03:02.000Z\","
                    + "\"kinesis_shard_id\":\"shardId-000000000000\",\"kinesis_sequence_number\":\"49600000000000000000000000000000000000000000000000000002\","
                    + "\"kinesis_subsequence_number\":0,\"event_date\":\"2026-11-20\",\"event_hour\":\"10\"}");

    @TempDir
    Path lake;

    /** Writes the fixture: the two events, the first delivered twice, in one Firehose object. */
    static Path write(Path file) {
        LakeSchema schema = LakeSchema.clickstreamRaw("lake/raw/");
        OpenXJsonDeserializer deserializer = new OpenXJsonDeserializer(schema);
        try (ParquetObjectWriter writer = new ParquetObjectWriter(schema, file)) {
            for (String json : List.of(TRANSFORM_OUTPUT.get(0), TRANSFORM_OUTPUT.get(1), TRANSFORM_OUTPUT.get(0))) {
                ConversionResult result = deserializer.deserialize(json.getBytes(StandardCharsets.UTF_8));
                writer.write(((ConversionResult.Converted) result).row());
            }
        }
        return file;
    }

    @Test
    void duckDbReadsWhatTheLocalFirehoseWrites() throws Exception {
        Path dir = lake.resolve("raw/event_date=2026-11-20/event_hour=10");
        Files.createDirectories(dir);
        write(dir.resolve("firelake-delivery-1-2026-11-20-10-05-00-4f1c.parquet"));
        try (DuckDbReportEngine engine = new DuckDbReportEngine(lake)) {
            assertThat(engine.run(ReportCatalog.find("duplicates_removed").orElseThrow(),
                    DateRange.day(LocalDate.parse("2026-11-20"))).rows())
                    .containsExactly(List.of("2026-11-20", 3L, 2L, 1L, 0L));
            assertThat(engine.query("SELECT CAST(event_ts AS VARCHAR), price, quantity, kinesis_subsequence_number, "
                    + "event_hour FROM raw_events WHERE event_type = 'purchase'"))
                    .containsExactly(List.of("2026-11-20 10:03:00", new BigDecimal("20.00"), 2L, 0L, "10"));
            assertThat(engine.query("SELECT CAST(event_ts AS VARCHAR) FROM raw_events WHERE user_id IS NULL LIMIT 1"))
                    .containsExactly(List.of("2026-11-20 10:00:00.123"));
        }
    }

    /** Regenerates glue-jobs/src/test/resources/firehose/raw-2026-11-20-10.parquet (run from the repository root). */
    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "glue-jobs/src/test/resources/firehose/raw-2026-11-20-10.parquet");
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        System.out.println("wrote " + write(file));
    }
}
