package io.firelake.glue.compaction;

import io.firelake.events.EventContract;
import io.firelake.events.catalog.Column;
import io.firelake.events.contract.LakeColumns;
import io.firelake.glue.job.DayRange;
import io.firelake.glue.job.LakeFiles;
import io.firelake.glue.job.LakeLayout;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Compaction and de-duplication: the raw Parquet Firehose wrote for a range of days becomes curated Parquet, one row
 * per event id, partitioned by day into few files near a target size. Column names are the contract's
 * ({@link LakeColumns}: {@code event_id}, {@code event_ts}, {@code event_date}... for clickstream).
 *
 * <ul>
 *   <li><b>Duplicates</b>: Kinesis and Firehose deliver at least once, so an event can be in the raw lake several times.
 *       The copy kept is the first delivered: earliest {@code received_ts}, then {@code processed_ts}, then Kinesis
 *       shard, sequence and sub-sequence number, then a hash of the whole row, so re-runs keep the same copy.</li>
 *   <li><b>Late events</b>: the transform partitions raw data by event time, so an event that arrives days late is
 *       written into its own, already compacted, day. Each run therefore re-processes {@code lookback} days before the
 *       requested range; events later than that need an explicit re-run of their day. The curated day is recomputed
 *       from {@code event_ts}, never taken from the raw prefix.</li>
 *   <li><b>Idempotence</b>: dynamic partition overwrite replaces exactly the days written; rows whose event time lies
 *       outside the processed days are not written (they would replace that day with a part of it).</li>
 * </ul>
 */
public final class Compaction {

    private final SparkSession spark;
    private final EventContract contract;
    private final LakeColumns lakeColumns;
    private final LakeFiles files;

    public Compaction(SparkSession spark, EventContract contract) {
        this.spark = spark;
        this.contract = contract;
        this.lakeColumns = contract.lake();
        this.files = new LakeFiles(spark.sparkContext().hadoopConfiguration());
    }

    /**
     * Raw Parquet from parquet-avro (the local Firehose, and any Avro-based writer) stores small decimals such as
     * {@code price decimal(12,2)} as BYTE_ARRAY, which Spark 3.5's vectorized reader refuses for precisions up to 18
     * ("Parquet column cannot be converted"); the row-based reader reads every valid encoding. Only compaction reads
     * raw files, so only compaction pays for it; the curated files Spark writes are read vectorized.
     */
    static final String VECTORIZED_READER = "spark.sql.parquet.enableVectorizedReader";

    public CompactionResult run(LakeLayout lake, DayRange processed, long targetFileBytes) {
        String vectorized = spark.conf().get(VECTORIZED_READER, "true");
        spark.conf().set(VECTORIZED_READER, "false");
        try {
            return compact(lake, processed, targetFileBytes);
        } finally {
            spark.conf().set(VECTORIZED_READER, vectorized);
        }
    }

    private CompactionResult compact(LakeLayout lake, DayRange processed, long targetFileBytes) {
        List<String> rawDays = new ArrayList<>();
        for (LocalDate day : processed.days()) {
            if (files.exists(lake.rawDay(day))) {
                rawDays.add(lake.rawDay(day));
            }
        }
        if (rawDays.isEmpty()) {
            return new CompactionResult(processed, 0, 0, 0, 0, 0, Map.of(), null);
        }
        // mergeSchema: files written before a contract added an optional column lack it; without the union of the
        // files' schemas, Spark may take an old file's and read the new column as absent (null) everywhere.
        Dataset<Row> raw = spark.read().option("basePath", lake.raw()).option("mergeSchema", "true")
                .parquet(rawDays.toArray(String[]::new));
        String[] inputFiles = raw.inputFiles();
        long rawBytes = Arrays.stream(inputFiles).mapToLong(files::size).sum();

        String dayColumn = lakeColumns.day();
        String eventTs = lakeColumns.eventTime();
        Dataset<Row> conformed = conform(raw)
                .withColumn(dayColumn, date_format(col(eventTs), "yyyy-MM-dd"));
        long rawRows = 0;
        long outsideRange = 0;
        long arrivedAfterDay = 0;
        org.apache.spark.sql.Column arrival = coalesce(column(lakeColumns.receivedTs()), column(lakeColumns.processedTs()));
        for (Row r : conformed.groupBy(dayColumn).agg(count(lit(1)),
                count(when(to_date(arrival).gt(to_date(col(eventTs))), true))).collectAsList()) {
            rawRows += r.getLong(1);
            if (r.isNullAt(0) || !processed.contains(LocalDate.parse(r.getString(0)))) {
                outsideRange += r.getLong(1);
            } else {
                arrivedAfterDay += r.getLong(2);
            }
        }
        Dataset<Row> inRange = conformed.filter(col(dayColumn).between(
                processed.from().toString(), processed.to().toString()));
        Dataset<Row> unique = firstDeliveryPerEvent(inRange).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<LocalDate, Long> rowsPerDay = new HashMap<>();
            for (Row r : unique.groupBy(dayColumn).count().collectAsList()) {
                rowsPerDay.put(LocalDate.parse(r.getString(0)), r.getLong(1));
            }
            FileSizing sizing = curatedSizing(lake, processed, targetFileBytes)
                    .orElse(FileSizing.observed(rawBytes, rawRows, targetFileBytes));
            write(lake, unique, rowsPerDay, sizing);
            Map<LocalDate, CompactionResult.DayOutput> days = new HashMap<>();
            rowsPerDay.forEach((day, rows) -> {
                LakeFiles.Listing written = files.list(lake.curatedDay(day));
                days.put(day, new CompactionResult.DayOutput(rows, written.files().size(), written.bytes()));
            });
            return new CompactionResult(processed, inputFiles.length, rawBytes, rawRows, outsideRange, arrivedAfterDay,
                    days, sizing);
        } finally {
            unique.unpersist();
        }
    }

    /**
     * The bytes per row of the most recent curated day among the processed days and the day before (read before it is
     * replaced), counted from Parquet footers: what compacted data really weighs, unlike Firehose's small files.
     */
    private Optional<FileSizing> curatedSizing(LakeLayout lake, DayRange processed, long targetFileBytes) {
        List<LocalDate> candidates = new ArrayList<>(processed.widen(1, 0).days());
        Collections.reverse(candidates);
        for (LocalDate day : candidates) {
            LakeFiles.Listing existing = files.list(lake.curatedDay(day));
            if (!existing.files().isEmpty()) {
                long rows = spark.read().parquet(lake.curatedDay(day)).count();
                if (rows > 0) {
                    return Optional.of(FileSizing.curated(existing.bytes(), rows, targetFileBytes));
                }
            }
        }
        return Optional.empty();
    }

    /** A lake column the contract may not keep (arrival metadata): null when it does not. */
    private static org.apache.spark.sql.Column column(String name) {
        return name == null ? lit(null) : col(name);
    }

    /** The contract's columns in the contract's order and types, whatever the raw files carry (missing ones as null). */
    private Dataset<Row> conform(Dataset<Row> raw) {
        List<String> present = Arrays.asList(raw.columns());
        List<org.apache.spark.sql.Column> columns = new ArrayList<>();
        for (Column c : CuratedSchema.dataColumns(contract)) {
            org.apache.spark.sql.Column value = present.contains(c.name()) ? col(c.name()) : lit(null);
            org.apache.spark.sql.types.DataType type = CuratedSchema.sparkType(c.type());
            if (present.contains(c.name()) && type instanceof org.apache.spark.sql.types.StructType struct
                    && raw.schema().apply(c.name()).dataType() instanceof org.apache.spark.sql.types.StructType read) {
                value = CuratedSchema.structByName(c.name(), read, struct);
            }
            columns.add(value.cast(type).as(c.name()));
        }
        return raw.select(columns.toArray(org.apache.spark.sql.Column[]::new));
    }

    private Dataset<Row> firstDeliveryPerEvent(Dataset<Row> events) {
        // Spark refuses to hash a map (equal maps may hash apart); its entries, sorted, hash the same for equal maps.
        // A struct hashes by its sub-fields in order, which conform() has made the contract's order in every file.
        org.apache.spark.sql.Column[] all = Arrays.stream(events.schema().fields())
                .map(f -> f.dataType() instanceof org.apache.spark.sql.types.MapType
                        ? org.apache.spark.sql.functions.array_sort(org.apache.spark.sql.functions.map_entries(col(f.name())))
                        : col(f.name()))
                .toArray(org.apache.spark.sql.Column[]::new);
        WindowSpec firstDelivered = Window.partitionBy(lakeColumns.eventId()).orderBy(
                column(lakeColumns.receivedTs()).asc_nulls_last(),
                column(lakeColumns.processedTs()).asc_nulls_last(),
                column(lakeColumns.shardId()).asc_nulls_last(),
                column(lakeColumns.sequenceNumber()).asc_nulls_last(),
                column(lakeColumns.subsequenceNumber()).asc_nulls_first(),
                col("row_hash"));
        return events.withColumn("row_hash", xxhash64(all))
                .withColumn("delivery_rank", row_number().over(firstDelivered))
                .filter(col("delivery_rank").equalTo(1))
                .drop("delivery_rank", "row_hash");
    }

    /**
     * Spreads each day over the files its size calls for: rows are hashed by event_id into that day's number of
     * buckets, one shuffle partition per (day, bucket). Two buckets can share a partition (hash collisions), so
     * {@code maxRecordsPerFile} caps every file at the target too.
     */
    private void write(LakeLayout lake, Dataset<Row> unique, Map<LocalDate, Long> rowsPerDay, FileSizing sizing) {
        List<org.apache.spark.sql.Column> bucketsPerDay = new ArrayList<>();
        int totalFiles = 0;
        for (Map.Entry<LocalDate, Long> day : rowsPerDay.entrySet()) {
            int n = sizing.filesFor(day.getValue());
            bucketsPerDay.add(lit(day.getKey().toString()));
            bucketsPerDay.add(lit(n));
            totalFiles += n;
        }
        String day = lakeColumns.day();
        org.apache.spark.sql.Column buckets = element_at(map(bucketsPerDay.toArray(org.apache.spark.sql.Column[]::new)),
                col(day));
        unique.withColumn("file_bucket", pmod(xxhash64(col(lakeColumns.eventId())), buckets.cast("long")))
                .repartition(totalFiles, col(day), col("file_bucket"))
                .sortWithinPartitions(day, lakeColumns.eventTime(), lakeColumns.eventId())
                .drop("file_bucket")
                .write()
                .mode(SaveMode.Overwrite)
                .option("partitionOverwriteMode", "dynamic")
                .option("maxRecordsPerFile", sizing.rowsPerFile())
                .option("compression", "snappy")
                .partitionBy(day)
                .parquet(lake.curated());
    }
}
