package io.firelake.glue.views;

import io.firelake.events.EventContract;
import io.firelake.events.catalog.Column;
import io.firelake.events.contract.BatchView;
import io.firelake.glue.job.DayRange;
import io.firelake.glue.job.LakeFiles;
import io.firelake.glue.job.LakeLayout;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;

/**
 * A contract's batch views ({@code views/*.sql}, see {@link BatchView}) rebuilt with Spark SQL for a range of days.
 *
 * <p>The queries read the table {@value #CURATED}: the curated days of the range plus one day on each side, so that a
 * grouping that crosses midnight (a visit) is whole. Each view's rows are then kept for the days of the range only, and
 * registered under the view's name for the views after it. Each view's days in the range are replaced: written again,
 * or deleted when the new data has no row for them. Before writing, Spark's output schema is checked against the
 * view's {@code -- columns:} header, which the Glue table and the Athena DDL are rendered from.
 */
public final class SqlViews {

    /** The table name the views' SQL reads the curated events by. */
    public static final String CURATED = "curated";

    private final SparkSession spark;
    private final EventContract contract;
    private final LakeFiles files;

    public SqlViews(SparkSession spark, EventContract contract) {
        this.spark = spark;
        this.contract = contract;
        this.files = new LakeFiles(spark.sparkContext().hadoopConfiguration());
    }

    /** Rows written per view, in the contract's order. */
    public Map<String, Long> run(LakeLayout lake, DayRange processed) {
        List<BatchView> views = contract.batchViews();
        List<String> curatedDays = new ArrayList<>();
        for (LocalDate day : processed.widen(1, 1).days()) {
            if (files.exists(lake.curatedDay(day))) {
                curatedDays.add(lake.curatedDay(day));
            }
        }
        Map<String, Long> written = new LinkedHashMap<>();
        if (curatedDays.isEmpty()) {
            views.forEach(v -> written.put(v.name(), 0L));
            return written;
        }
        Dataset<Row> curated = spark.read().option("basePath", lake.curated())
                .parquet(curatedDays.toArray(String[]::new))
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<Dataset<Row>> cached = new ArrayList<>(List.of(curated));
        try {
            curated.createOrReplaceTempView(CURATED);
            for (BatchView view : views) {
                Dataset<Row> rows = spark.sql(view.sql())
                        .filter(col(view.day()).between(processed.from().toString(), processed.to().toString()))
                        .persist(StorageLevel.MEMORY_AND_DISK());
                cached.add(rows);
                checkSchema(view, rows);
                rows.createOrReplaceTempView(view.name());
                written.put(view.name(), replace(lake, view, rows, processed));
            }
        } finally {
            cached.forEach(Dataset::unpersist);
            spark.catalog().dropTempView(CURATED);
            views.forEach(v -> spark.catalog().dropTempView(v.name()));
        }
        return written;
    }

    /** Spark's output columns as a view's header lists them. */
    public static String header(Dataset<Row> rows) {
        return BatchView.COLUMNS_HEADER + " " + String.join(", ", columns(rows));
    }

    private static List<String> columns(Dataset<Row> rows) {
        List<String> columns = new ArrayList<>();
        for (StructField field : rows.schema().fields()) {
            columns.add(field.name() + " " + field.dataType().catalogString());
        }
        return columns;
    }

    private void checkSchema(BatchView view, Dataset<Row> rows) {
        Set<String> declared = new TreeSet<>(view.columns().stream().map(c -> c.name() + " " + c.type()).toList());
        declared.add(view.day() + " string");
        if (!declared.equals(new TreeSet<>(columns(rows)))) {
            throw new IllegalStateException("views/" + view.name() + ".sql of contract " + contract.name()
                    + ": its '" + BatchView.COLUMNS_HEADER + "' header does not match what the query returns, which is\n"
                    + header(rows));
        }
    }

    /** Writes one file per day, then deletes the days of the range the new data has no row for. */
    private long replace(LakeLayout lake, BatchView view, Dataset<Row> rows, DayRange processed) {
        Set<String> daysWritten = new TreeSet<>();
        long total = 0;
        for (Row r : rows.groupBy(view.day()).count().collectAsList()) {
            daysWritten.add(r.getString(0));
            total += r.getLong(1);
        }
        if (total > 0) {
            List<String> order = new ArrayList<>(view.columns().stream().map(Column::name).toList());
            order.add(view.day());
            rows.select(order.stream().map(c -> col("`" + c + "`")).toArray(org.apache.spark.sql.Column[]::new))
                    .repartition(col(view.day()))
                    .write()
                    .mode(SaveMode.Overwrite)
                    .option("partitionOverwriteMode", "dynamic")
                    .option("compression", "snappy")
                    .partitionBy(view.day())
                    .parquet(lake.view(view.name()));
        }
        for (LocalDate day : processed.days()) {
            if (!daysWritten.contains(day.toString())) {
                files.delete(lake.viewDay(view.name(), day));
            }
        }
        return total;
    }
}
