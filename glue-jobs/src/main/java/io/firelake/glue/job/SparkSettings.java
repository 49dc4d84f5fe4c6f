package io.firelake.glue.job;

import io.firelake.glue.launch.SparkJvm;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

/**
 * The Spark settings every batch job relies on, applied both to Glue's session and to the local one.
 *
 * <ul>
 *   <li>partition values stay strings ({@code event_date=2026-11-22}), as Firehose writes them and Athena declares them;</li>
 *   <li>timestamps are written as Parquet TIMESTAMP_MICROS, which Athena and DuckDB read (not the legacy INT96);</li>
 *   <li>dates are UTC, whatever the machine's zone;</li>
 *   <li>an overwrite replaces only the partitions written (dynamic partition overwrite): re-running a day is
 *       idempotent and leaves the other days alone.</li>
 * </ul>
 */
public final class SparkSettings {

    public static final Map<String, String> SQL = Map.of(
            "spark.sql.sources.partitionColumnTypeInference.enabled", "false",
            "spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS",
            "spark.sql.session.timeZone", "UTC",
            "spark.sql.sources.partitionOverwriteMode", "dynamic",
            "spark.sql.parquet.compression.codec", "snappy");

    private SparkSettings() {
    }

    /** Glue's session (Glue sets master and resources), with the SQL settings above. */
    public static SparkSession glue(String appName) {
        SparkSession spark = SparkSession.builder().appName(appName).getOrCreate();
        SQL.forEach(spark.conf()::set);
        return spark;
    }

    /** A local session ({@link SparkJvm#localMode}: loopback, no web UI, small shuffles for small local data). */
    public static SparkSession local(String appName, int cores) {
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        SparkJvm.localMode(cores).forEach(builder::config);
        SQL.forEach(builder::config);
        return builder.getOrCreate();
    }
}
