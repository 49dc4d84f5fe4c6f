package io.firelake.athena;

import io.firelake.athena.catalog.LakeTables;
import io.firelake.athena.report.DateRange;
import io.firelake.athena.report.Report;
import io.firelake.events.EventContract;
import io.firelake.events.catalog.Column;
import io.firelake.events.catalog.TableDefinition;
import io.firelake.events.contract.Contracts;
import io.firelake.lake.format.ConversionResult;
import io.firelake.lake.format.LakeSchema;
import io.firelake.lake.format.OpenXJsonDeserializer;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IoT's {@code location} record (Glue {@code struct<site:string,building:string,floor:int>}) from the transform's JSON
 * through the local Firehose's OpenX JSON conversion to a Parquet group, read by DuckDB as {@code location.building},
 * with a file written before the struct had {@code floor} read in the same query (sub-fields by name).
 */
class StructColumnTest {

    private static final String READING = IotLake.READING;

    @TempDir
    Path lake;

    @Test
    void aStructColumnIsWrittenAsAParquetGroupAndReadBySubFieldInAReport() throws Exception {
        EventContract iot = Contracts.packaged("iot-telemetry");
        TableDefinition raw = LakeTables.rawDefinition(iot, "lake");
        assertThat(raw.columns()).anySatisfy(c -> assertThat(c.name() + " " + c.type())
                .isEqualTo("location struct<site:string,building:string,floor:int>"));
        LakeSchema schema = LakeSchema.of(raw);
        OpenXJsonDeserializer deserializer = new OpenXJsonDeserializer(schema);
        Path dir = lake.resolve("raw/event_date=2026-11-20/event_hour=10");
        IotLake.write(schema, dir.resolve("delivery-2.parquet"), List.of(
                READING.formatted(1, 1, 1, "20.0", ",\"location\":{\"site\":\"north\",\"building\":\"A\",\"floor\":2}"),
                READING.formatted(2, 2, 2, "22.0", ",\"location\":{\"Site\":\"north\",\"BUILDING\":\"A\",\"wing\":\"e\"}"),
                READING.formatted(3, 3, 3, "18.0", ",\"location\":{\"site\":\"south\",\"floor\":\"1\"}"),
                READING.formatted(4, 3, 4, "19.0", "")));
        GenericRecord second = ((ConversionResult.Converted) deserializer.deserialize(READING.formatted(2, 2, 2, "1",
                ",\"location\":{\"Site\":\"north\",\"BUILDING\":\"A\"}").getBytes(StandardCharsets.UTF_8))).row();
        assertThat(second.get("location").toString()).isEqualTo("{\"site\": \"north\", \"building\": \"A\", \"floor\": null}");
        for (String bad : List.of(",\"location\":[\"A\"]", ",\"location\":\"A\"", ",\"location\":{\"floor\":\"x\"}",
                ",\"location\":{\"site\":\"a\",\"site\":\"b\"}")) {
            assertThat(deserializer.deserialize(READING.formatted(5, 5, 5, "1", bad).getBytes(StandardCharsets.UTF_8)))
                    .as(bad).isInstanceOf(ConversionResult.Failed.class);
        }
        writeBeforeFloorExisted(raw, dir.resolve("delivery-1.parquet"));

        IotLake.query(lake, engine -> {
            assertThat(engine.query("SELECT location.building, location.floor FROM raw_events ORDER BY reading_id"))
                    .containsExactly(Arrays.asList("C", null), List.of("A", 2L), Arrays.asList("A", null),
                            Arrays.asList(null, 1L), Arrays.asList(null, null));
            assertThat(engine.run(iot.report("readings_by_building").map(r -> new Report(r.name(), r.question(),
                    r.sql())).orElseThrow(), DateRange.day(LocalDate.parse("2026-11-20"))).rows())
                    .containsExactly(List.of("2026-11-20", "(unknown)", 2L, 1L, 18.5),
                            List.of("2026-11-20", "A", 2L, 2L, 21.0), List.of("2026-11-20", "C", 1L, 1L, 17.0));
        });
    }

    /** A file of the contract's first version, whose location had no floor yet. */
    private static void writeBeforeFloorExisted(TableDefinition raw, Path file) throws Exception {
        List<Column> older = raw.columns().stream().map(c -> c.name().equals("location")
                ? new Column(c.name(), "struct<site:string,building:string>", c.comment()) : c).toList();
        LakeSchema schema = LakeSchema.of(new TableDefinition(raw.database(), raw.name(), older, raw.partitionKeys(),
                raw.projection(), raw.location()));
        IotLake.write(schema, file, List.of(
                READING.formatted(0, 9, 0, "17.0", ",\"location\":{\"site\":\"north\",\"building\":\"C\"}")));
    }
}
