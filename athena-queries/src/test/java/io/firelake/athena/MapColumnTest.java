package io.firelake.athena;

import io.firelake.athena.catalog.LakeTables;
import io.firelake.athena.report.DateRange;
import io.firelake.events.EventContract;
import io.firelake.events.contract.Contracts;
import io.firelake.lake.format.ConversionResult;
import io.firelake.lake.format.LakeSchema;
import io.firelake.lake.format.OpenXJsonDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IoT's {@code labels} map (Avro map, Glue {@code map<string,string>}) from the transform's JSON through the local
 * Firehose's OpenX JSON conversion to a Parquet MAP, then read by DuckDB under the Athena DDL and by a report.
 */
class MapColumnTest {

    private static final String READING = IotLake.READING;

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
        IotLake.write(schema, lake.resolve("raw/event_date=2026-11-20/event_hour=10/delivery-1.parquet"), List.of(
                READING.formatted(1, 1, 1, "20.0", ",\"labels\":{\"room\":\"lobby\",\"floor\":\"0\"}"),
                READING.formatted(2, 2, 2, "22.0", ",\"labels\":{\"room\":\"lobby\",\"floor\":1}"),
                READING.formatted(3, 3, 3, "18.0", ",\"labels\":{\"floor\":\"2\"}"),
                READING.formatted(4, 3, 4, "19.0", "")));
        assertThat(deserializer.deserialize(READING.formatted(5, 5, 5, "1", ",\"labels\":{\"a\":\"1\",\"a\":\"2\"}")
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(ConversionResult.Failed.class);
        assertThat(deserializer.deserialize(READING.formatted(5, 5, 5, "1", ",\"labels\":[\"lobby\"]")
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(ConversionResult.Failed.class);

        IotLake.query(lake, engine -> {
            assertThat(engine.query("SELECT labels['floor'] FROM raw_events ORDER BY reading_id"))
                    .containsExactly(List.of("0"), List.of("1"), List.of("2"), java.util.Arrays.asList((Object) null));
            assertThat(engine.run(iot.report("readings_by_room").map(r -> new io.firelake.athena.report.Report(
                    r.name(), r.question(), r.sql())).orElseThrow(), DateRange.day(LocalDate.parse("2026-11-20"))).rows())
                    .containsExactly(List.of("2026-11-20", "(no room label)", 2L, 1L, 18.5),
                            List.of("2026-11-20", "lobby", 2L, 2L, 21.0));
        });
    }
}
