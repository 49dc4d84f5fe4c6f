package io.firelake.glue;

import io.firelake.events.EventContract;
import io.firelake.glue.compaction.CuratedSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/** Builds enriched events as the transform emits them and writes them as Firehose's raw Parquet, with Spark. */
final class RawEvents {

    static final StructType DATA = CuratedSchema.sparkSchema(EventContract.clickstream());

    private RawEvents() {
    }

    /** An event with sensible defaults; received a second after it happened, processed a second later. */
    static Map<String, Object> event(String id, String type, String session, String isoTime, String path) {
        Instant ts = Instant.parse(isoTime);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("schema_version", 1);
        e.put("event_id", id);
        e.put("event_type", type);
        e.put("event_ts", Timestamp.from(ts));
        e.put("session_id", session);
        e.put("page_url", "https://shop.example" + path);
        e.put("url_host", "shop.example");
        e.put("url_path", path);
        e.put("referrer_class", "direct");
        e.put("device_class", "desktop");
        e.put("browser", "Chrome");
        e.put("is_bot", false);
        e.put("received_ts", Timestamp.from(ts.plusSeconds(1)));
        e.put("processed_ts", Timestamp.from(ts.plusSeconds(2)));
        e.put("kinesis_shard_id", "shardId-000000000000");
        e.put("kinesis_sequence_number", "1");
        return e;
    }

    static Map<String, Object> with(Map<String, Object> event, Object... keyValues) {
        Map<String, Object> copy = new LinkedHashMap<>(event);
        for (int i = 0; i < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            if (value instanceof String s && ((String) keyValues[i]).endsWith("_ts")) {
                value = Timestamp.from(Instant.parse(s));
            }
            if (keyValues[i].equals("price")) {
                value = new BigDecimal((String) value);
            }
            copy.put((String) keyValues[i], value);
        }
        return copy;
    }

    /** The raw partition Firehose would choose: the event time's day and hour, unless overridden by raw_date/raw_hour. */
    static Row row(Map<String, Object> event) {
        Object[] values = new Object[DATA.size() + 2];
        for (int i = 0; i < DATA.size(); i++) {
            values[i] = event.get(DATA.fields()[i].name());
        }
        Instant ts = ((Timestamp) event.get("event_ts")).toInstant();
        values[DATA.size()] = event.getOrDefault("raw_date",
                DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(ts));
        values[DATA.size() + 1] = event.getOrDefault("raw_hour",
                DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC).format(ts));
        return RowFactory.create(values);
    }

    /** Writes the events under raw/event_date=.../event_hour=.../ in {@code files} tasks, so hours get several files. */
    static void writeRaw(SparkSession spark, Path lake, List<Map<String, Object>> events, int files) {
        StructType withPartitions = DATA.add("event_date", DataTypes.StringType).add("event_hour", DataTypes.StringType);
        Dataset<Row> df = spark.createDataFrame(events.stream().map(RawEvents::row).toList(), withPartitions);
        df.repartition(files).write().mode("append").partitionBy("event_date", "event_hour")
                .parquet(lake.resolve("raw").toString());
    }

    static Dataset<Row> read(SparkSession spark, String path) {
        return spark.read().parquet(path).orderBy(col("event_id"));
    }
}
