package io.firelake.glue;

import io.firelake.events.EventContract;
import io.firelake.events.contract.Contracts;
import io.firelake.glue.compaction.CuratedSchema;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Raw IoT readings (contracts/iot-telemetry), with a labels map, written as Firehose partitions them. */
final class IotReadings {

    static final EventContract IOT = Contracts.packaged("iot-telemetry");
    static final StructType DATA = CuratedSchema.sparkSchema(IOT).add("event_date", DataTypes.StringType)
            .add("event_hour", DataTypes.StringType);

    private IotReadings() {
    }

    static Map<String, Object> reading(String id, String device, String isoTime, Double temperature, String battery) {
        Instant ts = Instant.parse(isoTime);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("schema_version", 1);
        r.put("reading_id", id);
        r.put("device_id", device);
        r.put("device_type", "thermostat");
        r.put("reading_ts", Timestamp.from(ts));
        r.put("site_id", "site-1");
        r.put("firmware", "3.1.4");
        r.put("temperature_c", temperature);
        r.put("battery_pct", "low".equals(battery) ? 9 : 80);
        r.put("battery_status", battery);
        r.put("weekday", "FRIDAY");
        r.put("labels", device.equals("dev-1") ? java.util.Map.of("room", "lobby") : null);
        r.put("location", device.equals("dev-1") ? RowFactory.create("north-campus", "B", 2) : null);
        r.put("processed_ts", Timestamp.from(ts.plusSeconds(2)));
        r.put("received_ts", Timestamp.from(ts.plusSeconds(1)));
        r.put("event_date", isoTime.substring(0, 10));
        r.put("event_hour", isoTime.substring(11, 13));
        return r;
    }

    static void write(SparkSession spark, Path lake, List<Map<String, Object>> readings) {
        List<Row> rows = readings.stream().map(r -> {
            Object[] values = new Object[DATA.size()];
            for (int i = 0; i < DATA.size(); i++) {
                values[i] = r.get(DATA.fields()[i].name());
            }
            return RowFactory.create(values);
        }).toList();
        spark.createDataFrame(rows, DATA).write().mode("append").partitionBy("event_date", "event_hour")
                .parquet(lake.resolve("raw").toString());
    }
}
