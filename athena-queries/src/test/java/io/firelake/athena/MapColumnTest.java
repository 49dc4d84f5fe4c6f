package io.firelake.athena;

import io.firelake.athena.catalog.LakeTables;
import io.firelake.athena.local.DuckDbReportEngine;
import io.firelake.athena.report.DateRange;
import io.firelake.events.EventContract;
import io.firelake.events.contract.Contracts;
import io.firelake.lake.format.ConversionResult;
import io.firelake.lake.format.LakeSchema;
import io.firelake.lake.format.OpenXJsonDeserializer;
import io.firelake.lake.format.ParquetObjectWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IoT's {@code labels} map (Avro map, Glue {@code map<string,string>}) from the transform's JSON through the local
 * Firehose's OpenX JSON conversion to a Parquet MAP, then read by DuckDB under the Athena DDL and by a report.
 */
class MapColumnTest {

    private static final String READING = "{\"schema_version\":1,\"reading_id\":\"r-%s\",\"device_id\":\"dev-%s\","
            + "\"device_type\":\"thermostat\",\"reading_ts\":\"2026-11-20T10:0%s:00.000Z\",\"site_id\":\"site-1\","
            + "\"firmware\":\"3.1.4\",\"temperature_c\":%s,\"battery_pct\":80,\"battery_status\":\"ok\","
            + "\"weekday\":\"friday\",\"processed_ts\":\"2026-11-20T10:00:02.000Z\"%s}";

    @TempDir
    Path lake;

    @Test
    void aMapColumnIsWrittenAsParquetMapAndReadByKeyInAReport() throws Exception {
        EventContract iot = Contracts.packaged("iot-telemetry");
        LakeSchema schema = LakeSchema.of(LakeTables.rawDefinition(iot, "lake"));
        assertThat(schema.columns().stream().filter(c -> c.name().equals("labels")).findFirst().orElseThrow().glueType())
                .isEqualTo("map<string,string>");
        assertThat(LakeTables.rawDefinition(iot, "lake").columns()).anySatisfy(c ->
                assertThat(c.name() + " " + c.type()).isEqualTo("labels map<string,string>"));
        OpenXJsonDeserializer deserializer = new OpenXJsonDeserializer(schema);
        Path dir = lake.resolve("raw/event_date=2026-11-20/event_hour=10");
        Files.createDirectories(dir);
        try (ParquetObjectWriter writer = new ParquetObjectWriter(schema, dir.resolve("delivery-1.parquet"))) {
            for (String json : List.of(
                    READING.formatted(1, 1, 1, "20.0", ",\"labels\":{\"room\":\"lobby\",\"floor\":\"0\"}"),
                    READING.formatted(2, 2, 2, "22.0", ",\"labels\":{\"room\":\"lobby\",\"floor\":1}"),
                    READING.formatted(3, 3, 3, "18.0", ",\"labels\":{\"floor\":\"2\"}"),
                    READING.formatted(4, 3, 4, "19.0", ""))) {
                ConversionResult result = deserializer.deserialize(json.getBytes(StandardCharsets.UTF_8));
                writer.write(((ConversionResult.Converted) result).row());
            }
        }
        assertThat(deserializer.deserialize(READING.formatted(5, 5, 5, "1", ",\"labels\":{\"a\":\"1\",\"a\":\"2\"}")
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(ConversionResult.Failed.class);
        assertThat(deserializer.deserialize(READING.formatted(5, 5, 5, "1", ",\"labels\":[\"lobby\"]")
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(ConversionResult.Failed.class);

        String before = System.getProperty(Contracts.PROPERTY);
        Contracts.select("iot-telemetry");
        try (DuckDbReportEngine engine = new DuckDbReportEngine(lake)) {
            assertThat(engine.query("SELECT labels['floor'] FROM raw_events ORDER BY reading_id"))
                    .containsExactly(List.of("0"), List.of("1"), List.of("2"), java.util.Arrays.asList((Object) null));
            assertThat(engine.run(iot.report("readings_by_room").map(r -> new io.firelake.athena.report.Report(
                    r.name(), r.question(), r.sql())).orElseThrow(), DateRange.day(LocalDate.parse("2026-11-20"))).rows())
                    .containsExactly(List.of("2026-11-20", "(no room label)", 2L, 1L, 18.5),
                            List.of("2026-11-20", "lobby", 2L, 2L, 21.0));
        } finally {
            if (before == null) {
                System.clearProperty(Contracts.PROPERTY);
            } else {
                System.setProperty(Contracts.PROPERTY, before);
            }
        }
    }
}
