package io.firelake.glue;

import io.firelake.events.EventContract;
import io.firelake.events.contract.ContractLoader;
import io.firelake.glue.compaction.Compaction;
import io.firelake.glue.compaction.CompactionResult;
import io.firelake.glue.job.DayRange;
import io.firelake.glue.job.LakeLayout;
import io.firelake.glue.job.SparkSettings;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.firelake.glue.RawEvents.event;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17's schema evolution in compaction (and, last, a struct whose older files hold other sub-fields): clickstream's next version adds an optional field ({@code coupon_code});
 * raw files written before lack the column, files written after have it, and compaction reads them together (the
 * union of their schemas) into the new contract's curated columns: null for the old events, the value for the new.
 */
class SchemaEvolutionSparkTest {

    static final LocalDate DAY = LocalDate.parse("2026-11-20");
    static SparkSession spark;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSettings.local("schema-evolution-test", 1);
        spark.sparkContext().setLogLevel("WARN");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void oldFilesWithoutTheNewColumnAndNewFilesWithItAreCompactedTogether() throws IOException {
        EventContract next = withCoupon(dir.resolve("clickstream-v2"));
        Path lakeDir = dir.resolve("lake");
        RawEvents.writeRaw(spark, lakeDir, List.of(event("o1", "page_view", "s1", "2026-11-20T10:00:00Z", "/home"),
                event("o2", "click", "s1", "2026-11-20T10:01:00Z", "/home")), 1);
        StructType newSchema = RawEvents.DATA.add("coupon_code", DataTypes.StringType)
                .add("event_date", DataTypes.StringType).add("event_hour", DataTypes.StringType);
        List<Row> newRows = Stream.of(event("n1", "page_view", "s2", "2026-11-20T11:00:00Z", "/home"),
                event("n2", "purchase", "s2", "2026-11-20T11:02:00Z", "/checkout")).map(e -> {
                    Object[] old = rowValues(RawEvents.row(e));
                    Object[] values = new Object[old.length + 1];
                    System.arraycopy(old, 0, values, 0, RawEvents.DATA.size());
                    values[RawEvents.DATA.size()] = "WINTER-" + e.get("event_id");
                    values[RawEvents.DATA.size() + 1] = old[RawEvents.DATA.size()];
                    values[RawEvents.DATA.size() + 2] = old[RawEvents.DATA.size() + 1];
                    return RowFactory.create(values);
                }).toList();
        spark.createDataFrame(newRows, newSchema).coalesce(1).write().mode("append")
                .partitionBy("event_date", "event_hour").parquet(lakeDir.resolve("raw").toString());

        LakeLayout lake = new LakeLayout(lakeDir.toString());
        CompactionResult result = new Compaction(spark, next).run(lake, DayRange.day(DAY), 128L << 20);

        assertThat(result.rawRows()).isEqualTo(4);
        Dataset<Row> curated = spark.read().parquet(lake.curated());
        assertThat(curated.columns()).contains("coupon_code");
        Map<String, String> coupons = new java.util.TreeMap<>();
        for (Row row : curated.select(col("event_id"), col("coupon_code")).collectAsList()) {
            coupons.put(row.getString(0), row.isNullAt(1) ? "null" : row.getString(1));
        }
        assertThat(coupons).isEqualTo(Map.of("o1", "null", "o2", "null", "n1", "WINTER-n1", "n2", "WINTER-n2"));
    }

    @Test
    void aStructIsConformedBySubFieldNameWhateverShapeOlderFilesHold() {
        Path lakeDir = dir.resolve("iot-lake");
        Map<String, Object> newer = IotReadings.reading("n1", "dev-1", "2026-11-20T11:00:00Z", 20.0, "ok");
        IotReadings.write(spark, lakeDir, List.of(newer));
        // An older writer: location's sub-fields in another order, and no floor yet.
        StructType olderLocation = new StructType().add("building", DataTypes.StringType).add("site", DataTypes.StringType);
        StructType older = new StructType(java.util.Arrays.stream(IotReadings.DATA.fields())
                .map(f -> f.name().equals("location") ? new org.apache.spark.sql.types.StructField("location",
                        olderLocation, true, f.metadata()) : f)
                .toArray(org.apache.spark.sql.types.StructField[]::new));
        Map<String, Object> old = IotReadings.reading("o1", "dev-1", "2026-11-20T10:00:00Z", 19.0, "ok");
        old.put("location", RowFactory.create("A", "south-campus"));
        Object[] values = java.util.Arrays.stream(older.fieldNames()).map(old::get).toArray();
        spark.createDataFrame(List.of(RowFactory.create(values)), older).write().mode("append")
                .partitionBy("event_date", "event_hour").parquet(lakeDir.resolve("raw").toString());

        LakeLayout lake = new LakeLayout(lakeDir.toString(), "event_date");
        new Compaction(spark, IotReadings.IOT).run(lake, DayRange.day(DAY), 128L << 20);

        Map<String, String> locations = new java.util.TreeMap<>();
        for (Row row : spark.read().parquet(lake.curated()).select(col("reading_id"), col("location.site"),
                col("location.building"), col("location.floor")).collectAsList()) {
            locations.put(row.getString(0), row.get(1) + "/" + row.get(2) + "/" + row.get(3));
        }
        assertThat(locations).isEqualTo(Map.of("o1", "south-campus/A/null", "n1", "north-campus/B/2"));
    }

    private static Object[] rowValues(Row row) {
        Object[] values = new Object[row.size()];
        for (int i = 0; i < row.size(); i++) {
            values[i] = row.get(i);
        }
        return values;
    }

    /** The clickstream contract with an optional coupon_code in both schemas, in a folder of its own. */
    private static EventContract withCoupon(Path folder) throws IOException {
        Path from = Path.of("../contracts/clickstream");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = folder.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        String field = "{\"name\": \"coupon_code\", \"type\": [\"null\", \"string\"], \"default\": null},\n    ";
        for (String schema : List.of("clickstream-raw.avsc", "clickstream-enriched.avsc")) {
            Path file = folder.resolve(schema);
            String text = Files.readString(file);
            assertThat(text).contains("{\"name\": \"search_query\"");
            Files.writeString(file, text.replace("{\"name\": \"search_query\"", field + "{\"name\": \"search_query\""));
        }
        return ContractLoader.load(folder);
    }
}
