package io.firelake.lake.format;

import io.firelake.events.EventContract;
import io.firelake.events.catalog.AthenaDdl;
import io.firelake.events.catalog.Column;
import io.firelake.events.catalog.TableDefinition;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Athena DDL and the Parquet files agree with the event contract: the same columns, in the same order, with types
 * that Athena reads as the DDL declares them.
 */
class LakeFormatContractTest {

    static final TableDefinition TABLE = TableDefinition.of(EventContract.clickstream().enriched(),
            "firelake", "raw_events", "s3://firelake-lake/raw/");
    static final LakeSchema SCHEMA = LakeSchema.of(TABLE);

    static final String FULL = """
            {"schema_version":1,"event_id":"6f1c3c2e-8a43-4c2b-9a53-3d1f2f0b7a11","event_type":"purchase",\
            "event_ts":"2026-11-22T03:09:24.123Z","session_id":"s-1","user_id":"u-7","page_url":"https://shop.example/p/42?utm_source=news",\
            "url_host":"shop.example","url_path":"/p/42","utm_source":"news","referrer_class":"direct","device_class":"desktop",\
            "browser":"Firefox","os":"Linux","is_bot":false,"ip_anonymized":"203.0.113.0","product_id":"p-42","price":1234.50,\
            "currency":"EUR","quantity":2,"received_ts":"2026-11-22T03:09:25.000Z","processed_ts":"2026-11-22T03:09:26.001Z",\
            "kinesis_shard_id":"shardId-000000000001","kinesis_sequence_number":"4959","kinesis_subsequence_number":3,\
            "event_date":"2026-11-22","event_hour":"03"}
            """;
    static final String SPARSE = """
            {"schema_version":1,"event_id":"0b0f5d7e-2d2c-4a57-8f7e-9e8c8d1f0a22","event_type":"page_view",\
            "event_ts":"2026-11-22T03:59:59.999Z","session_id":"s-2","page_url":"https://shop.example/","referrer_class":"search",\
            "device_class":"mobile","is_bot":true,"processed_ts":"2026-11-22T04:00:00.000Z","event_date":"2026-11-22","event_hour":"03"}
            """;

    @Test
    void parquetFooterHasTheGlueColumnsInOrderWithMatchingTypes(@TempDir Path dir) throws Exception {
        Path file = writeRows(dir.resolve("one.parquet"), List.of(FULL));

        {
            ParquetMetadata metadata = readFooter(file);
            MessageType footer = metadata.getFileMetaData().getSchema();
            assertThat(footer.getFields()).extracting(Type::getName).containsExactlyElementsOf(TABLE.columnNames());
            for (Column column : TABLE.columns()) {
                PrimitiveType type = footer.getType(column.name()).asPrimitiveType();
                assertThat(type.getRepetition()).as(column.name()).isEqualTo(Type.Repetition.OPTIONAL);
                assertThat(parquetTypeName(type)).as(column.name()).isEqualTo(expectedParquetType(column.type()));
            }
            assertThat(metadata.getBlocks().get(0).getColumns())
                    .allSatisfy(chunk -> assertThat(chunk.getCodec()).isEqualTo(CompressionCodecName.SNAPPY));
            assertThat(footer.getFields()).extracting(Type::getName)
                    .doesNotContain("event_date", "event_hour");
        }

        String ddl = AthenaDdl.createTable(TABLE);
        String columnBlock = ddl.substring(ddl.indexOf('(') + 1, ddl.indexOf("\n)"));
        List<String> ddlColumns = columnBlock.lines().map(String::trim).filter(l -> !l.isEmpty())
                .map(l -> l.endsWith(",") ? l.substring(0, l.length() - 1) : l).toList();
        assertThat(ddlColumns).containsExactlyElementsOf(TABLE.columns().stream()
                .map(c -> "`" + c.name() + "` " + c.type()).toList());
        assertThat(ddl).contains("PARTITIONED BY (`event_date` string, `event_hour` string)", "STORED AS PARQUET");
    }

    @Test
    void duckDbReadsBackTheValuesWithHivePartitionsAsStrings(@TempDir Path dir) throws Exception {
        Path partition = dir.resolve("raw/event_date=2026-11-22/event_hour=03");
        Files.createDirectories(partition);
        writeRows(partition.resolve("firelake-delivery-1-2026-11-22-03-10-00-x.parquet"), List.of(FULL, SPARSE));

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            sql.execute("SET TimeZone='UTC'");
            try (ResultSet rows = sql.executeQuery("SELECT *, typeof(event_date) AS date_type, typeof(event_ts) AS ts_type, "
                    + "typeof(price) AS price_type FROM read_parquet('" + dir + "/raw/*/*/*.parquet', "
                    + "hive_partitioning = true, hive_types_autocast = false) ORDER BY event_ts")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString("event_id")).isEqualTo("6f1c3c2e-8a43-4c2b-9a53-3d1f2f0b7a11");
                assertThat(rows.getInt("schema_version")).isEqualTo(1);
                assertThat(rows.getObject("event_ts", OffsetDateTime.class).toInstant())
                        .isEqualTo(Instant.parse("2026-11-22T03:09:24.123Z"));
                assertThat(rows.getString("ts_type")).isEqualTo("TIMESTAMP WITH TIME ZONE");
                assertThat(rows.getBigDecimal("price")).isEqualByComparingTo(new BigDecimal("1234.50"));
                assertThat(rows.getString("price_type")).isEqualTo("DECIMAL(12,2)");
                assertThat(rows.getInt("quantity")).isEqualTo(2);
                assertThat(rows.getLong("kinesis_subsequence_number")).isEqualTo(3L);
                assertThat(rows.getBoolean("is_bot")).isFalse();
                assertThat(rows.getString("event_date")).isEqualTo("2026-11-22");
                assertThat(rows.getString("date_type")).isEqualTo("VARCHAR");
                assertThat(rows.getString("event_hour")).isEqualTo("03");
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString("event_type")).isEqualTo("page_view");
                assertThat(rows.getObject("user_id")).isNull();
                assertThat(rows.getObject("price")).isNull();
                assertThat(rows.getObject("kinesis_subsequence_number")).isNull();
                assertThat(rows.getBoolean("is_bot")).isTrue();
                assertThat(rows.getObject("processed_ts", OffsetDateTime.class))
                        .isEqualTo(OffsetDateTime.of(2026, 11, 22, 4, 0, 0, 0, ZoneOffset.UTC));
                assertThat(rows.next()).isFalse();
            }
        }
    }

    static Path writeRows(Path file, List<String> jsonLines) {
        OpenXJsonDeserializer deserializer = new OpenXJsonDeserializer(SCHEMA);
        try (ParquetObjectWriter writer = new ParquetObjectWriter(SCHEMA, file)) {
            for (String line : jsonLines) {
                ConversionResult result = deserializer.deserialize(line.getBytes(StandardCharsets.UTF_8));
                assertThat(result).isInstanceOf(ConversionResult.Converted.class);
                writer.write(((ConversionResult.Converted) result).row());
            }
        }
        return file;
    }

    /** The footer as Parquet defines it (data, footer, 4-byte length, "PAR1"), read without Hadoop's file system. */
    static ParquetMetadata readFooter(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        int length = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertThat(new String(bytes, bytes.length - 4, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        FileMetaData raw = Util.readFileMetaData(new ByteArrayInputStream(bytes, bytes.length - 8 - length, length));
        return new ParquetMetadataConverter().fromParquetMetadata(raw);
    }

    private static String parquetTypeName(PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        return type.getPrimitiveTypeName() + (logical == null ? "" : " " + logical);
    }

    private static String expectedParquetType(String glueType) {
        if (glueType.startsWith("decimal(")) {
            String[] ps = glueType.substring(8, glueType.length() - 1).split(",");
            return "BINARY DECIMAL(" + ps[0].trim() + "," + ps[1].trim() + ")";
        }
        return switch (glueType) {
            case "string" -> "BINARY STRING";
            case "int" -> "INT32";
            case "bigint" -> "INT64";
            case "double" -> "DOUBLE";
            case "float" -> "FLOAT";
            case "boolean" -> "BOOLEAN";
            case "timestamp" -> "INT64 TIMESTAMP(MILLIS,true)";
            default -> throw new AssertionError("no expectation for Glue type " + glueType);
        };
    }
}
