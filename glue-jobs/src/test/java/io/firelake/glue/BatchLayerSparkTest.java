package io.firelake.glue;

import io.firelake.athena.catalog.LakeTables;
import io.firelake.athena.local.DuckDbReportEngine;
import io.firelake.athena.report.DateRange;
import io.firelake.athena.report.ReportCatalog;
import io.firelake.athena.report.ReportResult;
import io.firelake.events.catalog.Column;
import io.firelake.glue.compaction.Compaction;
import io.firelake.glue.compaction.CompactionResult;
import io.firelake.glue.job.BatchJobs;
import io.firelake.glue.job.DayRange;
import io.firelake.glue.job.JobArguments;
import io.firelake.glue.job.LakeLayout;
import io.firelake.glue.job.SparkSettings;
import io.firelake.glue.views.SqlViews;
import io.firelake.events.EventContract;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.firelake.glue.RawEvents.event;
import static io.firelake.glue.RawEvents.with;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch layer in Spark local mode on a small raw lake with duplicates, a bot, a session across midnight, a misfiled
 * row and a late event: compaction, views, idempotent re-runs, the DDL read by Spark's parser, the reports run by
 * DuckDB on what Spark wrote, and scheduled (incremental) runs that rebuild only the days with new raw files. One Spark session for the whole class; the tests run in order on one lake.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BatchLayerSparkTest {

    static final LocalDate D0 = LocalDate.parse("2026-11-19");
    static final LocalDate D1 = LocalDate.parse("2026-11-20");
    static final LocalDate D2 = LocalDate.parse("2026-11-21");
    static final long TARGET = 128L << 20;

    @TempDir
    static Path lakeDir;
    static SparkSession spark;
    static LakeLayout lake;
    static CompactionResult firstRun;
    static long rawFilesOnD1;

    @BeforeAll
    static void compactAndBuildViews() throws IOException {
        spark = SparkSettings.local("batch-layer-test", 2);
        spark.sparkContext().setLogLevel("WARN");
        lake = new LakeLayout(lakeDir.toString());
        List<Map<String, Object>> events = new ArrayList<>();
        // Session s1: the whole funnel. a1 is delivered three times; the copy kept is the first received
        // (10:00:01), and among equal received_ts the first processed (10:00:07): sequence number 3.
        Map<String, Object> a1 = with(event("a1", "page_view", "s1", "2026-11-20T10:00:00Z", "/home"),
                "user_id", "u1", "utm_source", "google", "utm_campaign", "winter", "referrer_class", "search");
        events.add(with(a1, "received_ts", "2026-11-20T10:00:05Z", "processed_ts", "2026-11-20T10:00:06Z",
                "kinesis_sequence_number", "1"));
        events.add(with(a1, "received_ts", "2026-11-20T10:00:01Z", "processed_ts", "2026-11-20T10:00:09Z",
                "kinesis_sequence_number", "2"));
        events.add(with(a1, "received_ts", "2026-11-20T10:00:01Z", "processed_ts", "2026-11-20T10:00:07Z",
                "kinesis_sequence_number", "3"));
        events.add(with(event("a2", "page_view", "s1", "2026-11-20T10:02:00Z", "/p/1"), "user_id", "u1"));
        events.add(with(event("a3", "add_to_cart", "s1", "2026-11-20T10:03:00Z", "/p/1"), "user_id", "u1",
                "product_id", "p1"));
        events.add(with(event("a4", "checkout", "s1", "2026-11-20T10:05:00Z", "/checkout"), "user_id", "u1"));
        Map<String, Object> a5 = with(event("a5", "purchase", "s1", "2026-11-20T10:06:00Z", "/checkout"),
                "user_id", "u1", "product_id", "p1", "price", "20.00", "quantity", 2, "currency", "EUR");
        events.add(a5);
        events.add(a5);
        // s2: a bounce on a phone, no campaign.
        events.add(with(event("b1", "page_view", "s2", "2026-11-20T11:00:00Z", "/home"), "device_class", "mobile"));
        // s3: starts before midnight, adds to cart after it: one session of D1.
        events.add(with(event("c1", "page_view", "s3", "2026-11-20T23:50:00Z", "/home"), "utm_campaign", "winter"));
        events.add(with(event("c2", "add_to_cart", "s3", "2026-11-21T00:10:00Z", "/p/2"), "product_id", "p2"));
        // A bot: in curated, left out of the views.
        events.add(with(event("d1", "page_view", "bot-1", "2026-11-20T12:00:00Z", "/home"), "is_bot", true,
                "device_class", "bot"));
        // Misfiled: written under D1's prefix although it happened on D0; compaction files it under D0.
        events.add(with(event("m1", "page_view", "s4", "2026-11-19T23:59:00Z", "/home"), "raw_date", "2026-11-20",
                "raw_hour", "00"));
        events.add(event("z1", "page_view", "s4", "2026-11-19T20:00:00Z", "/home"));
        // D2: s5 with a duplicate delivery.
        Map<String, Object> f1 = event("f1", "page_view", "s5", "2026-11-21T08:00:00Z", "/home");
        events.add(f1);
        events.add(with(f1, "received_ts", "2026-11-21T08:00:30Z", "kinesis_sequence_number", "9"));
        events.add(event("f2", "search", "s5", "2026-11-21T08:01:00Z", "/search"));
        RawEvents.writeRaw(spark, lakeDir, events, 3);
        rawFilesOnD1 = countFiles(lakeDir.resolve("raw/event_date=2026-11-20"));

        DayRange all = new DayRange(D0, D2);
        firstRun = new Compaction(spark, EventContract.clickstream()).run(lake, all, TARGET);
        new SqlViews(spark, EventContract.clickstream()).run(lake, all);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    @Order(1)
    void keepsOneRowPerEventIdTheFirstDelivered() {
        Dataset<Row> curated = spark.read().parquet(lake.curated());
        assertThat(curated.count()).isEqualTo(13);
        assertThat(curated.select("event_id").distinct().count()).isEqualTo(13);
        Row a1 = curated.filter(col("event_id").equalTo("a1")).first();
        assertThat(a1.<String>getAs("kinesis_sequence_number")).isEqualTo("3");
        Row f1 = curated.filter(col("event_id").equalTo("f1")).first();
        assertThat(f1.<String>getAs("kinesis_sequence_number")).isEqualTo("1");
        assertThat(firstRun.rawRows()).isEqualTo(17);
        assertThat(firstRun.duplicatesRemoved()).isEqualTo(4);
        assertThat(firstRun.outsideRange()).isZero();
        assertThat(firstRun.arrivedAfterDay()).isZero();
    }

    @Test
    @Order(2)
    void filesEachRowUnderItsEventDayAndCompactsEachDayIntoOneFile() throws IOException {
        assertThat(dayOf("m1")).isEqualTo("2026-11-19");
        assertThat(dayOf("c2")).isEqualTo("2026-11-21");
        assertThat(firstRun.days()).containsOnlyKeys(D0, D1, D2);
        assertThat(firstRun.days().get(D1).rows()).isEqualTo(8);
        assertThat(rawFilesOnD1).isGreaterThan(3);
        for (LocalDate day : List.of(D0, D1, D2)) {
            assertThat(countFiles(lakeDir.resolve("curated/event_date=" + day))).as(day.toString()).isEqualTo(1);
            assertThat(firstRun.days().get(day).files()).isEqualTo(1);
        }
    }

    @Test
    @Order(3)
    void sessionsViewMeasuresDurationPagesBounceAndFunnelSteps() {
        Dataset<Row> sessions = spark.read().parquet(lake.view("sessions"));
        assertThat(sessions.count()).as("s1, s2, s3 on D1; s4 and s4#2 on D0; s5 on D2; no bot").isEqualTo(6);
        assertThat(sessions.filter(col("session_id").startsWith("s4")).orderBy("session_start")
                .select("session_id").collectAsList()).extracting(r -> r.getString(0))
                .as("four hours between z1 and m1: two visits").containsExactly("s4", "s4#2");
        Row s1 = sessions.filter(col("session_id").equalTo("s1")).first();
        assertThat(s1.<Long>getAs("duration_seconds")).isEqualTo(360L);
        assertThat(s1.<Long>getAs("events")).isEqualTo(5L);
        assertThat(s1.<Long>getAs("page_views")).isEqualTo(2L);
        assertThat(s1.<Boolean>getAs("is_bounce")).isFalse();
        assertThat(s1.<String>getAs("entry_page")).isEqualTo("/home");
        assertThat(s1.<String>getAs("user_id")).isEqualTo("u1");
        assertThat(s1.<String>getAs("utm_campaign")).isEqualTo("winter");
        assertThat(s1.<String>getAs("referrer_class")).isEqualTo("search");
        assertThat(s1.<Boolean>getAs("has_purchase")).isTrue();
        Row s2 = sessions.filter(col("session_id").equalTo("s2")).first();
        assertThat(s2.<Boolean>getAs("is_bounce")).isTrue();
        assertThat(s2.<String>getAs("device_class")).isEqualTo("mobile");
        Row s3 = sessions.filter(col("session_id").equalTo("s3")).first();
        assertThat(s3.<String>getAs("event_date")).isEqualTo("2026-11-20");
        assertThat(s3.<Long>getAs("duration_seconds")).isEqualTo(1200L);
        assertThat(s3.<Boolean>getAs("has_add_to_cart")).isTrue();
    }

    @Test
    @Order(4)
    void funnelRevenueAndTrafficViews() {
        List<Row> funnel = spark.read().parquet(lake.view("funnel_daily"))
                .filter(col("event_date").equalTo("2026-11-20")).orderBy("utm_campaign").collectAsList();
        assertThat(funnel).hasSize(2);
        assertThat(values(funnel.get(0))).startsWith("(none)", 1L, 1L, 0L, 0L, 0L);
        assertThat(values(funnel.get(1))).startsWith("winter", 2L, 2L, 2L, 1L, 1L);

        List<Row> revenue = spark.read().parquet(lake.view("revenue_daily")).collectAsList();
        assertThat(revenue).hasSize(1);
        assertThat(values(revenue.get(0))).containsExactly("p1", "EUR", 1L, 2L, new BigDecimal("40.00"), "2026-11-20");

        Dataset<Row> traffic = spark.read().parquet(lake.view("traffic_hourly")).filter(col("event_date").equalTo("2026-11-20"));
        Row homeAt10 = traffic.filter(col("event_hour").equalTo("10").and(col("url_path").equalTo("/home"))).first();
        assertThat(values(homeAt10)).containsExactly("10", "/home", 1L, 1L, 1L, "2026-11-20");
        assertThat(traffic.filter(col("event_hour").equalTo("12")).count()).as("the bot's hour").isZero();
    }

    @Test
    @Order(5)
    void theReportsRunOnWhatSparkWrote() {
        DateRange d1 = DateRange.day(D1);
        try (DuckDbReportEngine duck = new DuckDbReportEngine(lakeDir)) {
            ReportResult funnel = duck.run(ReportCatalog.find("conversion_funnel").orElseThrow(), d1);
            assertThat(funnel.rows().get(0).subList(0, 6)).containsExactly("(all campaigns)", 3L, 3L, 2L, 1L, 1L);
            ReportResult duplicates = duck.run(ReportCatalog.find("duplicates_removed").orElseThrow(), d1);
            assertThat(duplicates.rows()).containsExactly(List.of("2026-11-20", 12L, 9L, 3L, 8L));
            ReportResult revenue = duck.run(ReportCatalog.find("revenue").orElseThrow(), d1);
            assertThat(revenue.rows()).containsExactly(List.of("2026-11-20", "p1", "EUR", 1L, 2L, new BigDecimal("40.00")));
            for (var report : ReportCatalog.all()) {
                assertThat(duck.run(report, d1).columns()).as(report.name()).isNotEmpty();
            }
        }
    }

    @Test
    @Order(6)
    void reRunningADayReplacesItWithTheSameRowsAndLeavesOtherDaysAlone() throws IOException {
        List<String> d1Before = rows("curated/event_date=2026-11-20");
        List<Path> d0Files = files(lakeDir.resolve("curated/event_date=2026-11-19"));
        List<Path> d2Files = files(lakeDir.resolve("curated/event_date=2026-11-21"));

        CompactionResult again = new Compaction(spark, EventContract.clickstream()).run(lake, DayRange.day(D1), TARGET);

        assertThat(again.days()).containsOnlyKeys(D1);
        assertThat(again.sizing().basis()).as("sized from the curated day it replaces").isEqualTo("curated");
        assertThat(firstRun.sizing().basis()).isEqualTo("raw");
        assertThat(again.outsideRange()).as("m1, filed under D1, belongs to D0").isEqualTo(1);
        assertThat(rows("curated/event_date=2026-11-20")).isEqualTo(d1Before);
        assertThat(countFiles(lakeDir.resolve("curated/event_date=2026-11-20"))).isEqualTo(1);
        assertThat(files(lakeDir.resolve("curated/event_date=2026-11-19"))).isEqualTo(d0Files);
        assertThat(files(lakeDir.resolve("curated/event_date=2026-11-21"))).isEqualTo(d2Files);
    }

    @Test
    @Order(7)
    void aLateEventReachesItsDayThroughTheLookback() {
        // Happened on D0, reached Kinesis on D2: Firehose files it under D0's prefix, already compacted.
        RawEvents.writeRaw(spark, lakeDir, List.of(with(event("late1", "page_view", "s9", "2026-11-19T22:00:00Z", "/home"),
                "received_ts", "2026-11-21T09:00:00Z", "processed_ts", "2026-11-21T09:00:01Z")), 1);
        new Compaction(spark, EventContract.clickstream()).run(lake, DayRange.day(D1), TARGET);
        assertThat(dayOf("late1")).as("D0 not processed without lookback").isNull();

        CompactionResult withLookback = new Compaction(spark, EventContract.clickstream())
                .run(lake, DayRange.day(D1).withLookback(1), TARGET);
        assertThat(withLookback.days()).containsOnlyKeys(D0, D1);
        assertThat(withLookback.arrivedAfterDay()).as("late1").isEqualTo(1);
        assertThat(withLookback.summary(lake.day())).contains("1 deliveries arrived after their day ended");
        assertThat(dayOf("late1")).isEqualTo("2026-11-19");
        assertThat(spark.read().parquet(lake.curated()).count()).isEqualTo(14);
    }

    @Test
    @Order(8)
    void theDdlParsesWithSparkAndMatchesWhatTheJobsWrite() throws Exception {
        for (String table : LakeTables.all()) {
            assertThat(spark.sessionState().sqlParser().parsePlan(LakeTables.ddl(table, "s3://firelake-lake")))
                    .as(table).isNotNull();
        }
        assertSchemaMatchesDdl("curated_events", lake.curated());
        for (String view : EventContract.clickstream().views().stream().map(v -> v.name()).toList()) {
            assertSchemaMatchesDdl(view, lake.view(view));
        }
    }

    @Test
    @Order(9)
    void compactsRawParquetAsTheLocalFirehoseWritesIt(@TempDir Path otherLake) throws Exception {
        // Written by lake-format (parquet-avro 1.17, what the local Firehose uses): see athena-queries' FirehoseFormatTest.
        Path hour = otherLake.resolve("raw/event_date=2026-11-20/event_hour=10");
        Files.createDirectories(hour);
        try (var in = BatchLayerSparkTest.class.getResourceAsStream("/firehose/raw-2026-11-20-10.parquet")) {
            Files.copy(in, hour.resolve("firelake-delivery-1-2026-11-20-10-05-00-4f1c.parquet"));
        }
        LakeLayout layout = new LakeLayout(otherLake.toString());
        CompactionResult result = new Compaction(spark, EventContract.clickstream()).run(layout, DayRange.day(D1), TARGET);
        new SqlViews(spark, EventContract.clickstream()).run(layout, DayRange.day(D1));

        assertThat(result.rawRows()).isEqualTo(3);
        assertThat(result.duplicatesRemoved()).isEqualTo(1);
        Row pageView = spark.read().parquet(layout.curated()).filter(col("event_type").equalTo("page_view")).first();
        assertThat(pageView.<Timestamp>getAs("event_ts").toInstant()).isEqualTo(Instant.parse("2026-11-20T10:00:00.123Z"));
        assertThat(values(spark.read().parquet(layout.view("revenue_daily")).first()))
                .containsExactly("p1", "EUR", 1L, 2L, new BigDecimal("40.00"), "2026-11-20");
    }

    @Test
    @Order(10)
    void aScheduledRunRebuildsOnlyTheDaysWithNewRawFilesALateOneIncluded(@TempDir Path otherLake) throws Exception {
        RawEvents.writeRaw(spark, otherLake, List.of(event("i1", "page_view", "s1", "2026-11-20T10:00:00Z", "/home"),
                event("i2", "page_view", "s2", "2026-11-21T10:00:00Z", "/home")), 1);
        for (Path file : files(otherLake.resolve("raw"))) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(7_200)));
        }
        String[] scheduled = {"--lake", otherLake.toString(), "--JOB_RUN_ID", "jr_1", "--TempDir", "s3://tmp/"};
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        JobArguments first = JobArguments.parse(scheduled,
                Clock.systemUTC());
        BatchJobs.compact(spark, first, new PrintStream(log, true));
        BatchJobs.views(spark, first, new PrintStream(log, true));
        assertThat(log.toString()).contains("days with new raw files: [2026-11-20..2026-11-21]");
        List<Path> d2Files = files(otherLake.resolve("curated/event_date=2026-11-21"));
        FileTime d2Written = Files.getLastModifiedTime(d2Files.get(0));

        // A late file for D1 arrives: the next scheduled run rebuilds D1, with it, and leaves D2 alone.
        RawEvents.writeRaw(spark, otherLake, List.of(event("late", "page_view", "s3", "2026-11-20T23:00:00Z", "/p")), 1);
        scheduled[3] = "jr_2";
        log.reset();
        JobArguments second = JobArguments.parse(scheduled,
                Clock.systemUTC());
        BatchJobs.compact(spark, second, new PrintStream(log, true));
        BatchJobs.views(spark, second, new PrintStream(log, true));
        assertThat(log.toString()).contains("days with new raw files: [2026-11-20]", "days compacted since the views "
                + "were last built: [2026-11-20]").doesNotContain("2026-11-21:");
        assertThat(spark.read().parquet(otherLake.resolve("curated/event_date=2026-11-20").toString())
                .select("event_id").orderBy("event_id").collectAsList()).extracting(r -> r.getString(0))
                .containsExactly("i1", "late");
        assertThat(files(otherLake.resolve("curated/event_date=2026-11-21"))).isEqualTo(d2Files);
        assertThat(Files.getLastModifiedTime(d2Files.get(0))).isEqualTo(d2Written);
        assertThat(Files.readString(otherLake.resolve("state/views.properties"))).contains("run=jr_2");
    }

    @Test
    @Order(11)
    void iotReadingsWithAMapAreCompactedAndTheirDeviceDailyViewBuiltFromItsSql(@TempDir Path iotLake) {
        Map<String, Object> r1 = IotReadings.reading("r1", "dev-1", "2026-11-20T08:00:00Z", 19.5, "ok");
        IotReadings.write(spark, iotLake, List.of(r1, r1,
                IotReadings.reading("r2", "dev-1", "2026-11-20T12:00:00Z", 23.0, "low"),
                IotReadings.reading("r3", "dev-1", "2026-11-20T16:00:00Z", null, "low"),
                IotReadings.reading("r4", "dev-2", "2026-11-20T09:00:00Z", 21.0, "ok"),
                IotReadings.reading("r5", "dev-1", "2026-11-21T08:00:00Z", 18.0, "ok")));
        LakeLayout layout = new LakeLayout(iotLake.toString(), "event_date");
        EventContract iot = IotReadings.IOT;
        CompactionResult compacted = new Compaction(spark, iot).run(layout, DayRange.day(D1), TARGET);
        assertThat(compacted.duplicatesRemoved()).as("r1 twice, its labels map and location struct alike").isEqualTo(1);
        assertThat(new SqlViews(spark, iot).run(layout, DayRange.day(D1))).containsExactly(Map.entry("device_daily", 2L));

        Row dev1 = spark.read().parquet(layout.view("device_daily")).filter(col("device_id").equalTo("dev-1")).first();
        assertThat(dev1.<Long>getAs("readings")).isEqualTo(3L);
        assertThat(dev1.<Double>getAs("min_temperature_c")).isEqualTo(19.5);
        assertThat(dev1.<Double>getAs("max_temperature_c")).isEqualTo(23.0);
        assertThat(dev1.<String>getAs("battery_status")).as("the day's last reading").isEqualTo("low");
        assertThat(dev1.<String>getAs("room")).as("labels['room']").isEqualTo("lobby");
        assertThat(dev1.<String>getAs("building")).as("location.building").isEqualTo("B");
        assertThat(dev1.<String>getAs("event_date")).isEqualTo("2026-11-20");
        var view = iot.batchViews().get(0);
        List<String> declared = new ArrayList<>(LakeTables.viewDefinition(iot, view, "lake").columns().stream()
                .map(c -> c.name() + " " + c.type()).toList());
        declared.add("event_date string");
        assertThat(Arrays.stream(spark.read().parquet(layout.view("device_daily")).schema().fields())
                .map((StructField f) -> f.name() + " " + f.dataType().catalogString()).toList())
                .containsExactlyElementsOf(declared);

        var lying = new io.firelake.events.contract.SqlFile("device_daily", "", view.sql()
                .replace("readings bigint", "readings int"));
        EventContract wrong = new EventContract(iot.name(), iot.raw(), iot.enriched(), iot.rawDefaults(),
                iot.enrichments(), iot.simulator(), List.of(lying), iot.reports(), iot.rawAvsc());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SqlViews(spark, wrong).run(layout, DayRange.day(D1)))
                .hasMessageContaining("views/device_daily.sql of contract iot-telemetry")
                .hasMessageContaining("-- columns: device_id string, device_type string");
    }

    /**
     * Every shipped contract's views declare in their {@code -- columns:} header what their query really returns:
     * Spark analyses each query over an empty curated table of the contract's columns, with no data, so a header written
     * by hand cannot drift from its query whatever rows a test happens to have.
     */
    @Test
    void everyShippedContractsViewHeadersAreWhatTheQueriesReturn() {
        assertThat(io.firelake.events.contract.Contracts.packagedNames()).contains("clickstream", "iot-telemetry");
        for (String name : io.firelake.events.contract.Contracts.packagedNames()) {
            EventContract contract = io.firelake.events.contract.Contracts.packaged(name);
            org.assertj.core.api.Assertions.assertThatCode(() -> SqlViews.checkHeaders(spark, contract)).as(name)
                    .doesNotThrowAnyException();
        }
        EventContract iot = IotReadings.IOT;
        String sql = iot.batchViews().get(0).sql();
        assertThat(sql).contains("readings bigint", "first_reading timestamp, ");
        var lying = new io.firelake.events.contract.SqlFile("device_daily", "", sql
                .replace("readings bigint", "readings int").replace("first_reading timestamp, ", ""));
        EventContract wrong = new EventContract(iot.name(), iot.raw(), iot.enriched(), iot.rawDefaults(),
                iot.enrichments(), iot.simulator(), List.of(lying), iot.reports(), iot.rawAvsc());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SqlViews.checkHeaders(spark, wrong))
                .hasMessageStartingWith("views/device_daily.sql of contract iot-telemetry: its '-- columns:' header "
                        + "does not match what the query returns (declared, not returned: [readings int]; returned, "
                        + "not declared: [first_reading timestamp, readings bigint]), which is\n"
                        + "-- columns: device_id string, device_type string");
    }

    private static void assertSchemaMatchesDdl(String table, String path) {
        var spec = LakeTables.spec(table);
        List<String> expected = new ArrayList<>();
        Stream.concat(spec.columns().stream(), spec.partitionKeys().stream())
                .forEach((Column c) -> expected.add(c.name() + " " + c.type()));
        List<String> actual = Arrays.stream(spark.read().parquet(path).schema().fields())
                .map((StructField f) -> f.name() + " " + f.dataType().catalogString()).toList();
        assertThat(actual).as(table).containsExactlyElementsOf(expected);
    }

    private static String dayOf(String eventId) {
        List<Row> rows = spark.read().parquet(lake.curated()).filter(col("event_id").equalTo(eventId))
                .select("event_date").collectAsList();
        assertThat(rows).hasSizeLessThanOrEqualTo(1);
        return rows.isEmpty() ? null : rows.get(0).getString(0);
    }

    private static List<String> rows(String relative) {
        return spark.read().parquet(lakeDir.resolve(relative).toString()).orderBy("event_id").collectAsList()
                .stream().map(Row::toString).toList();
    }

    private static List<Object> values(Row row) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            Object v = row.get(i);
            values.add(v instanceof Timestamp t ? Instant.ofEpochMilli(t.getTime()) : v);
        }
        return values;
    }

    static long countFiles(Path dir) throws IOException {
        return files(dir).size();
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .sorted().toList();
        }
    }
}
