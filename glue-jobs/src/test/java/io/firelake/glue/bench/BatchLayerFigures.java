package io.firelake.glue.bench;

import io.firelake.athena.catalog.LakeTables;
import io.firelake.athena.local.DuckDbReportEngine;
import io.firelake.athena.local.LakeScan;
import io.firelake.athena.report.DateRange;
import io.firelake.athena.report.Report;
import io.firelake.athena.report.ReportCatalog;
import io.firelake.events.EventContract;
import io.firelake.glue.compaction.Compaction;
import io.firelake.glue.compaction.CompactionResult;
import io.firelake.glue.job.DayRange;
import io.firelake.glue.job.LakeLayout;
import io.firelake.glue.job.SparkSettings;
import io.firelake.glue.views.SqlViews;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch layer's size figures for docs/benchmarks.md, on a generated 30-day lake (not part of the normal build):
 * {@code mvn -B -q -pl glue-jobs -am verify -Dtest=BatchLayerFigures -Dfirelake.figures=true
 * -Dsurefire.failIfNoSpecifiedTests=false}; the table is written to {@code glue-jobs/target/batch-figures.md}.
 *
 * <p>Events are generated with DuckDB with realistic shapes (random UUID event ids, sessions of 8 events, a handful of
 * user agents, 500 products, UTM campaigns on a third of sessions), 1% delivered twice. The raw lake mimics Firehose:
 * one busy day with a file per 5-minute buffer flush in every hour (12 per hour), the other days one file per hour.
 */
@EnabledIfSystemProperty(named = "firelake.figures", matches = "true")
class BatchLayerFigures {

    static final int DAYS = 30;
    static final int PER_DAY = Integer.getInteger("firelake.figures.perDay", 20_000);
    static final LocalDate FIRST = LocalDate.parse("2026-10-01");
    static final LocalDate BUSY = FIRST.plusDays(14);

    @Test
    void measure() throws Exception {
        Path lake = Files.createTempDirectory("firelake-figures");
        StringBuilder md = new StringBuilder();
        double jsonToCurated;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute(generate());
            long jsonBytes = scalar(s, "SELECT sum(strlen(j) + 1) FROM (" + jsonLines() + ") WHERE event_date = '" + BUSY + "'");
            long busyEvents = scalar(s, "SELECT count(*) FROM events WHERE event_date = '" + BUSY + "'");
            // Firehose-like raw: 12 files an hour on the busy day, one an hour elsewhere.
            s.execute("COPY (SELECT * EXCLUDE (event_date, event_hour, five_min), event_date, event_hour FROM events "
                    + "WHERE event_date <> '" + BUSY + "') TO '" + lake.resolve("raw") + "' (FORMAT PARQUET, "
                    + "COMPRESSION SNAPPY, PARTITION_BY (event_date, event_hour), OVERWRITE_OR_IGNORE)");
            for (int hour = 0; hour < 24; hour++) {
                String hh = String.format("%02d", hour);
                Path dir = lake.resolve("raw/event_date=" + BUSY + "/event_hour=" + hh);
                Files.createDirectories(dir);
                for (int k = 0; k < 12; k++) {
                    s.execute("COPY (SELECT * EXCLUDE (event_date, event_hour, five_min) FROM events WHERE event_date = '"
                            + BUSY + "' AND event_hour = '" + hh + "' AND five_min = " + k + ") TO '"
                            + dir.resolve("firelake-delivery-1-" + BUSY + "-" + hh + "-" + k + ".parquet")
                            + "' (FORMAT PARQUET, COMPRESSION SNAPPY)");
                }
            }
            long rawBusyBytes = sizeOf(lake.resolve("raw/event_date=" + BUSY));
            long rawBusyFiles = filesIn(lake.resolve("raw/event_date=" + BUSY));
            long rawOtherFiles = filesIn(lake.resolve("raw/event_date=" + FIRST));

            SparkSession spark = SparkSettings.local("figures", 2);
            spark.sparkContext().setLogLevel("WARN");
            long started = System.nanoTime();
            CompactionResult result;
            try {
                LakeLayout layout = new LakeLayout(lake.toString());
                DayRange all = new DayRange(FIRST, FIRST.plusDays(DAYS - 1));
                result = new Compaction(spark, EventContract.clickstream()).run(layout, all, 128L << 20);
                new SqlViews(spark, EventContract.clickstream()).run(layout, all);
            } finally {
                spark.stop();
            }
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            long curatedBusyBytes = sizeOf(lake.resolve("curated/event_date=" + BUSY));
            long curatedBusyFiles = filesIn(lake.resolve("curated/event_date=" + BUSY));

            md.append("Generated lake: ").append(DAYS).append(" days x ").append(PER_DAY)
                    .append(" events (1% delivered twice), from BatchLayerFigures (glue-jobs tests).\n\n");
            md.append("| figure | value |\n|---|---|\n");
            md.append(String.format("| events on the busy day (unique) | %,d |%n", busyEvents));
            md.append(String.format("| JSON lines, as the transform emits them (nulls omitted) | %,d bytes (%.0f B/event) |%n",
                    jsonBytes, (double) jsonBytes / busyEvents));
            md.append(String.format("| raw Parquet, SNAPPY, %d files | %,d bytes (%.0f B/event): **%.1fx smaller** than JSON |%n",
                    rawBusyFiles, rawBusyBytes, (double) rawBusyBytes / busyEvents, (double) jsonBytes / rawBusyBytes));
            md.append(String.format("| curated Parquet after compaction, %d file(s) | %,d bytes (%.0f B/event): **%.1fx smaller** than JSON |%n",
                    curatedBusyFiles, curatedBusyBytes, (double) curatedBusyBytes / busyEvents, (double) jsonBytes / curatedBusyBytes));
            md.append(String.format("| files per day partition before -> after compaction (busy day, 12 flushes an hour) | %d -> %d |%n",
                    rawBusyFiles, curatedBusyFiles));
            md.append(String.format("| files per day partition before -> after compaction (quiet day, one flush an hour) | %d -> %d |%n",
                    rawOtherFiles, filesIn(lake.resolve("curated/event_date=" + FIRST))));
            md.append(String.format("| duplicates removed over 30 days | %,d of %,d raw rows |%n",
                    result.duplicatesRemoved(), result.rawRows()));
            md.append(String.format("| compaction + views, 30 days, Spark local[2] on a shared 2-core machine | %d s |%n%n", seconds));
            jsonToCurated = (double) jsonBytes / curatedBusyBytes;
        }

        md.append("Bytes a report reads after partition pruning (DuckDB on the lake; Athena bills these partitions' "
                + "files minus the columns it skips):\n\n");
        md.append("| report | one day | all 30 days | ratio |\n|---|---|---|---|\n");
        try (DuckDbReportEngine engine = new DuckDbReportEngine(lake)) {
            DateRange one = DateRange.day(BUSY);
            DateRange all = new DateRange(FIRST, FIRST.plusDays(DAYS - 1));
            for (Report report : ReportCatalog.all()) {
                if (report.name().equals("bad_records")) {
                    continue;
                }
                long day = engine.run(report, one).bytesScanned();
                long month = engine.run(report, all).bytesScanned();
                md.append(String.format("| %s | %,d | %,d | %.0fx |%n", report.name(), day, month,
                        day == 0 ? 0.0 : (double) month / day));
            }
        }
        long curatedAll = new LakeScan(LakeTables.spec("curated_events"), lake).all().bytes();
        md.append(String.format("%nThe curated table holds %,d bytes in total.%n", curatedAll));
        Files.writeString(Path.of("target", "batch-figures.md"), md.toString());
        System.out.println(md);
        try (Stream<Path> walk = Files.walk(lake)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertThat(jsonToCurated).as("curated Parquet vs JSON lines").isGreaterThanOrEqualTo(5.0);
    }

    private static String generate() {
        return """
                CREATE TABLE events AS
                WITH n AS (
                  SELECT i, i // %1$d AS day, i %% %1$d AS k, hash(i // 8) AS sh, hash(i) AS h FROM range(%2$d) t(i)
                ), base AS (
                  SELECT *,
                    TIMESTAMPTZ '%3$s 00:00:00+00' + to_days(CAST(day AS INTEGER))
                      + to_milliseconds(CAST((k * 86400000) // %1$d + (h %% 900) AS BIGINT)) AS ts,
                    CASE WHEN h %% 100 < 60 THEN 'page_view' WHEN h %% 100 < 80 THEN 'click'
                         WHEN h %% 100 < 88 THEN 'search' WHEN h %% 100 < 95 THEN 'add_to_cart'
                         WHEN h %% 100 < 98 THEN 'checkout' ELSE 'purchase' END AS event_type,
                    CASE WHEN h %% 3 = 0 THEN '/p/sku-' || lpad(CAST(h %% 500 AS VARCHAR), 5, '0')
                         ELSE ['/', '/home', '/search', '/cart', '/checkout', '/about', '/category/shoes',
                               '/category/books'][CAST(1 + h %% 8 AS INTEGER)] END AS path,
                    CAST(sh %% 8 AS INTEGER) AS ua,
                    CASE WHEN sh %% 3 = 0 THEN ['spring_sale', 'newsletter', 'retargeting'][CAST(1 + sh %% 3 AS INTEGER)] END AS campaign
                  FROM n
                ), typed AS (
                  SELECT
                    1 AS schema_version,
                    CAST(uuid() AS VARCHAR) AS event_id,
                    event_type,
                    ts AS event_ts,
                    substr(md5('s' || (i // 8)), 1, 8) || '-' || substr(md5('s' || (i // 8)), 9, 4) || '-4'
                      || substr(md5('s' || (i // 8)), 14, 3) || '-a' || substr(md5('s' || (i // 8)), 18, 3) || '-'
                      || substr(md5('s' || (i // 8)), 21, 12) AS session_id,
                    CASE WHEN sh %% 5 < 2 THEN NULL ELSE 'user-' || CAST(sh %% 50000 AS VARCHAR) END AS user_id,
                    'https://shop.example.com' || path || CASE WHEN campaign IS NULL THEN ''
                      ELSE '?utm_source=' || ['google', 'newsletter', 'facebook'][CAST(1 + sh %% 3 AS INTEGER)]
                        || '&utm_medium=cpc&utm_campaign=' || campaign END AS page_url,
                    'shop.example.com' AS url_host,
                    path AS url_path,
                    CASE WHEN campaign IS NULL THEN NULL ELSE ['google', 'newsletter', 'facebook'][CAST(1 + sh %% 3 AS INTEGER)] END AS utm_source,
                    CASE WHEN campaign IS NULL THEN NULL ELSE 'cpc' END AS utm_medium,
                    campaign AS utm_campaign,
                    CASE WHEN sh %% 5 = 0 THEN NULL WHEN sh %% 5 = 1 THEN 'https://www.google.com/'
                         WHEN sh %% 5 = 2 THEN 'https://www.facebook.com/' ELSE 'https://shop.example.com/home' END AS referrer,
                    CASE WHEN sh %% 5 = 0 THEN 'direct' WHEN sh %% 5 = 1 THEN 'search'
                         WHEN sh %% 5 = 2 THEN 'social' ELSE 'internal' END AS referrer_class,
                    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
                     'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
                     'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
                     'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
                     'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
                     'Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
                     'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0',
                     'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'][ua + 1] AS user_agent,
                    ['desktop', 'desktop', 'mobile', 'mobile', 'desktop', 'tablet', 'desktop', 'bot'][ua + 1] AS device_class,
                    ['Chrome', 'Safari', 'Mobile Safari', 'Chrome Mobile', 'Firefox', 'Mobile Safari', 'Edge', 'Googlebot'][ua + 1] AS browser,
                    ['Windows', 'Mac OS X', 'iOS', 'Android', 'Linux', 'iOS', 'Windows', 'Other'][ua + 1] AS os,
                    ua = 7 AS is_bot,
                    '203.0.' || CAST(sh %% 256 AS VARCHAR) || '.0' AS ip_anonymized,
                    CASE WHEN event_type IN ('add_to_cart', 'purchase') OR path LIKE '/p/%%'
                         THEN 'sku-' || lpad(CAST(h %% 500 AS VARCHAR), 5, '0') END AS product_id,
                    CASE WHEN event_type IN ('add_to_cart', 'purchase') THEN CAST((h %% 20000) / 100.0 AS DECIMAL(12,2)) END AS price,
                    CASE WHEN event_type = 'purchase' THEN ['EUR', 'USD'][CAST(1 + h %% 2 AS INTEGER)] END AS currency,
                    CASE WHEN event_type IN ('add_to_cart', 'purchase') THEN CAST(1 + h %% 3 AS INTEGER) END AS quantity,
                    CASE WHEN event_type = 'search' THEN ['running shoes', 'java book', 'headphones', 'desk lamp'][CAST(1 + h %% 4 AS INTEGER)] END AS search_query,
                    ts + to_milliseconds(CAST(50 + h %% 3000 AS BIGINT)) AS received_ts,
                    ts + to_milliseconds(CAST(50 + h %% 3000 + 1000 + h %% 60000 AS BIGINT)) AS processed_ts,
                    'shardId-00000000000' || CAST(sh %% 2 AS VARCHAR) AS kinesis_shard_id,
                    '4963' || lpad(CAST(i AS VARCHAR), 52, '0') AS kinesis_sequence_number,
                    CAST(NULL AS BIGINT) AS kinesis_subsequence_number,
                    strftime(ts, '%%Y-%%m-%%d') AS event_date,
                    strftime(ts, '%%H') AS event_hour,
                    CAST(minute(ts) // 5 AS INTEGER) AS five_min,
                    h
                  FROM base
                )
                SELECT * EXCLUDE (h) FROM typed
                UNION ALL
                SELECT * EXCLUDE (h) REPLACE (received_ts + INTERVAL 20 SECOND AS received_ts,
                                              processed_ts + INTERVAL 25 SECOND AS processed_ts) FROM typed WHERE h %% 100 = 0
                """.formatted(PER_DAY, PER_DAY * DAYS, FIRST);
    }

    /** The transform's Ok output: enriched keys, nulls omitted, ISO-8601 UTC timestamps with millis, one per line. */
    private static String jsonLines() {
        return """
                SELECT event_date, regexp_replace(regexp_replace(to_json(struct_pack(
                    schema_version, event_id, event_type,
                    event_ts := strftime(event_ts, '%Y-%m-%dT%H:%M:%S.%gZ'),
                    session_id, user_id, page_url, url_host, url_path, utm_source, utm_medium, utm_campaign, referrer,
                    referrer_class, user_agent, device_class, browser, os, is_bot, ip_anonymized, product_id, price,
                    currency, quantity, search_query,
                    received_ts := strftime(received_ts, '%Y-%m-%dT%H:%M:%S.%gZ'),
                    processed_ts := strftime(processed_ts, '%Y-%m-%dT%H:%M:%S.%gZ'),
                    kinesis_shard_id, kinesis_sequence_number, kinesis_subsequence_number, event_date, event_hour
                  ))::VARCHAR, '"[a-z_]+":null,?', '', 'g'), ',}', '}') AS j
                FROM events
                """;
    }

    private static long scalar(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long sizeOf(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".parquet")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static long filesIn(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".parquet")).count();
        }
    }
}
