package io.firelake.glue.views;

import io.firelake.glue.job.DayRange;
import io.firelake.glue.job.LakeFiles;
import io.firelake.glue.job.LakeLayout;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The daily tables the reports read, rebuilt from curated data for a range of days. Bots ({@code is_bot}) are left out
 * of every view; the device mix report reads curated data to show them.
 *
 * <ul>
 *   <li>{@value #TRAFFIC_HOURLY}: per hour and page: page views, distinct sessions and users;</li>
 *   <li>{@value #SESSIONS}: one row per visit (a session_id's events without a gap over 30 minutes; see
 *       {@link #visits}), dated by its first event: duration, pages, bounce (exactly one event, a page view), entry
 *       page, source and campaign of its first event that has one, funnel steps reached;</li>
 *   <li>{@value #FUNNEL_DAILY}: per day and campaign, sessions reaching each step; a session reaches a step when it
 *       has events of that step and of every step before it (page_view, add_to_cart, checkout, purchase);</li>
 *   <li>{@value #REVENUE_DAILY}: per day, product and currency: purchases, units ({@code quantity}, 1 when absent) and
 *       revenue (unit {@code price} times units).</li>
 * </ul>
 * A session that crosses midnight belongs to the day it started: the job reads one curated day on each side of the
 * range so such sessions are whole. Each view's days in the range are replaced: written again, or deleted when the
 * new data has no row for them.
 */
public final class BatchViews {

    public static final String TRAFFIC_HOURLY = "traffic_hourly";
    public static final String SESSIONS = "sessions";
    public static final String FUNNEL_DAILY = "funnel_daily";
    public static final String REVENUE_DAILY = "revenue_daily";
    public static final List<String> VIEWS = List.of(TRAFFIC_HOURLY, SESSIONS, FUNNEL_DAILY, REVENUE_DAILY);
    /** Inactivity that ends a visit: 30 minutes, as common web analytics tools define a session. */
    public static final long VISIT_TIMEOUT_SECONDS = 30 * 60;

    private final SparkSession spark;
    private final LakeFiles files;

    public BatchViews(SparkSession spark) {
        this.spark = spark;
        this.files = new LakeFiles(spark.sparkContext().hadoopConfiguration());
    }

    /** Rows written per view. */
    public Map<String, Long> run(LakeLayout lake, DayRange processed) {
        List<String> curatedDays = new ArrayList<>();
        for (LocalDate day : processed.widen(1, 1).days()) {
            if (files.exists(lake.curatedDay(day))) {
                curatedDays.add(lake.curatedDay(day));
            }
        }
        Map<String, Long> written = new LinkedHashMap<>();
        if (curatedDays.isEmpty()) {
            VIEWS.forEach(v -> written.put(v, 0L));
            return written;
        }
        Dataset<Row> events = spark.read().option("basePath", lake.curated())
                .parquet(curatedDays.toArray(String[]::new))
                .filter(col("is_bot").isNull().or(col("is_bot").equalTo(false)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Column inRange = col("event_date").between(processed.from().toString(), processed.to().toString());
            Dataset<Row> dayEvents = events.filter(inRange);
            Dataset<Row> sessions = sessions(events).filter(inRange).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                written.put(TRAFFIC_HOURLY, replace(lake, TRAFFIC_HOURLY, trafficHourly(dayEvents), processed));
                written.put(SESSIONS, replace(lake, SESSIONS, sessions, processed));
                written.put(FUNNEL_DAILY, replace(lake, FUNNEL_DAILY, funnel(sessions), processed));
                written.put(REVENUE_DAILY, replace(lake, REVENUE_DAILY, revenue(dayEvents), processed));
            } finally {
                sessions.unpersist();
            }
        } finally {
            events.unpersist();
        }
        return written;
    }

    static Dataset<Row> trafficHourly(Dataset<Row> events) {
        return events
                .groupBy(col("event_date"), date_format(col("event_ts"), "HH").as("event_hour"), col("url_path"))
                .agg(count(when(col("event_type").equalTo("page_view"), true)).as("page_views"),
                        countDistinct(col("session_id")).as("sessions"),
                        countDistinct(col("user_id")).as("users"))
                .select("event_hour", "url_path", "page_views", "sessions", "users", "event_date");
    }

    static Dataset<Row> sessions(Dataset<Row> events) {
        Column first = min(struct(col("event_ts"), col("event_id"), col("url_path"), col("referrer_class"),
                col("device_class")));
        return visits(events).groupBy("session_id")
                .agg(firstNonNull("user_id"),
                        min("event_ts").as("session_start"),
                        max("event_ts").as("session_end"),
                        count(lit(1)).as("events"),
                        count(when(col("event_type").equalTo("page_view"), true)).as("page_views"),
                        first.getField("url_path").as("entry_page"),
                        first.getField("referrer_class").as("referrer_class"),
                        firstNonNull("utm_source"),
                        firstNonNull("utm_campaign"),
                        first.getField("device_class").as("device_class"),
                        reached("add_to_cart"), reached("checkout"), reached("purchase"))
                .withColumn("duration_seconds",
                        col("session_end").cast("long").minus(col("session_start").cast("long")))
                .withColumn("is_bounce", col("events").equalTo(1).and(col("page_views").equalTo(1)))
                .withColumn("event_date", date_format(col("session_start"), "yyyy-MM-dd"))
                .select("session_id", "user_id", "session_start", "session_end", "duration_seconds", "events",
                        "page_views", "is_bounce", "entry_page", "referrer_class", "utm_source", "utm_campaign",
                        "device_class", "has_add_to_cart", "has_checkout", "has_purchase", "event_date");
    }

    /**
     * Splits a client's {@code session_id} into visits at gaps longer than {@value #VISIT_TIMEOUT_SECONDS} seconds of
     * inactivity (the usual web analytics rule), so that a late event, or a tab reopened the next day, does not turn
     * into a session of days. The first visit keeps the session_id, later ones get {@code #2}, {@code #3}...
     */
    static Dataset<Row> visits(Dataset<Row> events) {
        WindowSpec inOrder = Window.partitionBy("session_id").orderBy("event_ts", "event_id");
        Column seconds = col("event_ts").cast("long");
        Column gap = seconds.minus(lag(seconds, 1).over(inOrder));
        return events
                .withColumn("starts_visit", when(gap.isNull().or(gap.gt(VISIT_TIMEOUT_SECONDS)), 1).otherwise(0))
                .withColumn("visit", sum("starts_visit").over(
                        inOrder.rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
                .withColumn("session_id", when(col("visit").equalTo(1), col("session_id"))
                        .otherwise(concat(col("session_id"), lit("#"), col("visit").cast("string"))))
                .drop("starts_visit", "visit");
    }

    /** The value of the session's earliest event that has one (ties broken by event_id, so re-runs agree). */
    private static Column firstNonNull(String column) {
        return min(when(col(column).isNotNull(), struct(col("event_ts"), col("event_id"), col(column))))
                .getField(column).as(column);
    }

    private static Column reached(String eventType) {
        return max(col("event_type").equalTo(eventType)).as("has_" + eventType);
    }

    static Dataset<Row> funnel(Dataset<Row> sessions) {
        Column viewed = col("page_views").gt(0);
        Column carted = viewed.and(col("has_add_to_cart"));
        Column checkedOut = carted.and(col("has_checkout"));
        Column purchased = checkedOut.and(col("has_purchase"));
        return sessions
                .groupBy(col("event_date"), coalesce(col("utm_campaign"), lit("(none)")).as("utm_campaign"))
                .agg(count(lit(1)).as("sessions"),
                        count(when(viewed, true)).as("page_view_sessions"),
                        count(when(carted, true)).as("add_to_cart_sessions"),
                        count(when(checkedOut, true)).as("checkout_sessions"),
                        count(when(purchased, true)).as("purchase_sessions"))
                .select("utm_campaign", "sessions", "page_view_sessions", "add_to_cart_sessions", "checkout_sessions",
                        "purchase_sessions", "event_date");
    }

    static Dataset<Row> revenue(Dataset<Row> events) {
        Column units = coalesce(col("quantity"), lit(1)).cast("long");
        return events.filter(col("event_type").equalTo("purchase").and(col("product_id").isNotNull()))
                .groupBy("event_date", "product_id", "currency")
                .agg(count(lit(1)).as("orders"),
                        sum(units).as("units"),
                        sum(col("price").multiply(units)).cast("decimal(18,2)").as("revenue"))
                .select("product_id", "currency", "orders", "units", "revenue", "event_date");
    }

    /** Writes one file per day, then deletes the days of the range the new data has no row for. */
    private long replace(LakeLayout lake, String view, Dataset<Row> rows, DayRange processed) {
        boolean alreadyCached = !rows.storageLevel().equals(StorageLevel.NONE());
        Dataset<Row> cached = alreadyCached ? rows : rows.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Set<String> daysWritten = new TreeSet<>();
            long total = 0;
            for (Row r : cached.groupBy("event_date").count().collectAsList()) {
                daysWritten.add(r.getString(0));
                total += r.getLong(1);
            }
            if (total > 0) {
                cached.repartition(col("event_date"))
                        .write()
                        .mode(SaveMode.Overwrite)
                        .option("partitionOverwriteMode", "dynamic")
                        .option("compression", "snappy")
                        .partitionBy("event_date")
                        .parquet(lake.view(view));
            }
            for (LocalDate day : processed.days()) {
                if (!daysWritten.contains(day.toString())) {
                    files.delete(lake.viewDay(view, day));
                }
            }
            return total;
        } finally {
            if (!alreadyCached) {
                cached.unpersist();
            }
        }
    }
}
