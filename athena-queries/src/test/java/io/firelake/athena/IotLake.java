package io.firelake.athena;

import io.firelake.athena.local.DuckDbReportEngine;
import io.firelake.events.contract.Contracts;
import io.firelake.lake.format.ConversionResult;
import io.firelake.lake.format.LakeSchema;
import io.firelake.lake.format.OpenXJsonDeserializer;
import io.firelake.lake.format.ParquetObjectWriter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** IoT readings as the transform writes them, converted and written to Parquet as the local Firehose does, then read. */
final class IotLake {

    /** A reading: id, device, minute, temperature, then extra members ({@code ,"labels":{...}}). */
    static final String READING = "{\"schema_version\":1,\"reading_id\":\"r-%s\",\"device_id\":\"dev-%s\","
            + "\"device_type\":\"thermostat\",\"reading_ts\":\"2026-11-20T10:0%s:00.000Z\",\"site_id\":\"site-1\","
            + "\"firmware\":\"3.1.4\",\"temperature_c\":%s,\"battery_pct\":80,\"battery_status\":\"ok\","
            + "\"weekday\":\"friday\",\"processed_ts\":\"2026-11-20T10:00:02.000Z\"%s}";

    interface LakeQuery {
        void run(DuckDbReportEngine engine) throws Exception;
    }

    private IotLake() {
    }

    /** Each JSON line converted by the OpenX rules and written to one Parquet file (the hour's directory made). */
    static void write(LakeSchema schema, Path file, List<String> readings) throws Exception {
        Files.createDirectories(file.getParent());
        OpenXJsonDeserializer deserializer = new OpenXJsonDeserializer(schema);
        try (ParquetObjectWriter writer = new ParquetObjectWriter(schema, file)) {
            for (String json : readings) {
                ConversionResult result = deserializer.deserialize(json.getBytes(StandardCharsets.UTF_8));
                writer.write(((ConversionResult.Converted) result).row());
            }
        }
    }

    /** Runs {@code query} on DuckDB over {@code lake} with the IoT contract selected, then selects the previous one. */
    static void query(Path lake, LakeQuery query) throws Exception {
        String before = System.getProperty(Contracts.PROPERTY);
        Contracts.select("iot-telemetry");
        try (DuckDbReportEngine engine = new DuckDbReportEngine(lake)) {
            query.run(engine);
        } finally {
            if (before == null) {
                System.clearProperty(Contracts.PROPERTY);
            } else {
                System.setProperty(Contracts.PROPERTY, before);
            }
        }
    }
}
