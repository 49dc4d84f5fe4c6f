package io.firelake.glue.views;

import io.firelake.events.EventContract;
import io.firelake.events.catalog.Column;
import io.firelake.events.contract.BatchView;
import io.firelake.glue.compaction.CuratedSchema;
import io.firelake.glue.job.DayRange;
import io.firelake.glue.job.LakeFiles;
import io.firelake.glue.job.LakeLayout;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
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
                checkSchema(contract, view, rows);
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

    /**
     * Checks every view's {@code -- columns:} header against the schema Spark derives for its query, with no data: each
     * query is analysed, in the contract's order, over an empty {@value #CURATED} of the curated columns (the day
     * partition a string, as the job reads it) and the views before it. The job checks the same with the data; this
     * catches a wrong header before any day is processed, and in a test over every shipped contract.
     *
     * @throws IllegalStateException naming the view's file, the columns that differ and the header to paste
     */
    public static void checkHeaders(SparkSession spark, EventContract contract) {
        StructType curated = CuratedSchema.sparkSchema(contract);
        if (!contract.enriched().partitionFields().isEmpty()) {
            curated = curated.add(contract.enriched().partitionFields().get(0).name(), DataTypes.StringType);
        }
        List<BatchView> views = contract.batchViews();
        try {
            spark.createDataFrame(List.<Row>of(), curated).createOrReplaceTempView(CURATED);
            for (BatchView view : views) {
                Dataset<Row> rows = spark.sql(view.sql());
                checkSchema(contract, view, rows);
                rows.createOrReplaceTempView(view.name());
            }
        } finally {
            spark.catalog().dropTempView(CURATED);
            views.forEach(v -> spark.catalog().dropTempView(v.name()));
        }
    }

    private static void checkSchema(EventContract contract, BatchView view, Dataset<Row> rows) {
        Set<String> declared = new TreeSet<>(view.columns().stream().map(c -> c.name() + " " + c.type()).toList());
        declared.add(view.day() + " string");
        Set<String> returned = new TreeSet<>(columns(rows));
        if (!declared.equals(returned)) {
            Set<String> notReturned = new TreeSet<>(declared);
            notReturned.removeAll(returned);
            Set<String> notDeclared = new TreeSet<>(returned);
            notDeclared.removeAll(declared);
            throw new IllegalStateException("views/" + view.name() + ".sql of contract " + contract.name()
                    + ": its '" + BatchView.COLUMNS_HEADER + "' header does not match what the query returns (declared, "
                    + "not returned: " + notReturned + "; returned, not declared: " + notDeclared + "), which is\n"
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
