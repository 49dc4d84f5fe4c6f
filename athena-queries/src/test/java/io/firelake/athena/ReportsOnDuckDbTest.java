package io.firelake.athena;

import io.firelake.events.contract.PinnedContract;
import io.firelake.athena.catalog.LakeTables;
import io.firelake.athena.local.DuckDbReportEngine;
import io.firelake.athena.local.LakeScan;
import io.firelake.athena.report.DateRange;
import io.firelake.athena.report.Report;
import io.firelake.athena.report.ReportCatalog;
import io.firelake.athena.report.ReportResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every report runs on DuckDB against {@link KnownLake} and returns the figures computed by hand. */
@PinnedContract("clickstream")
class ReportsOnDuckDbTest {

    @TempDir
    static Path lake;
    static DuckDbReportEngine engine;
    static final DateRange RANGE = new DateRange(LocalDate.parse(KnownLake.DAY_1), LocalDate.parse(KnownLake.DAY_2));

    @BeforeAll
    static void writeLake() throws Exception {
        KnownLake.write(lake);
        engine = new DuckDbReportEngine(lake);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static ReportResult run(String name) {
        return engine.run(ReportCatalog.find(name).orElseThrow(), RANGE);
    }

    private static List<List<Object>> rows(ReportResult result) {
        return result.rows();
    }

    @Test
    void hourlyTrafficCountsEventsViewsSessionsAndUsersPerHourWithoutBots() {
        assertThat(rows(run("hourly_traffic"))).containsExactly(
                List.of("2026-11-20", "10", 3L, 2L, 2L, 1L),
                List.of("2026-11-20", "11", 2L, 1L, 1L, 1L),
                List.of("2026-11-21", "09", 2L, 2L, 1L, 1L));
    }

    @Test
    void topPagesJoinsViewsWithEntrancesAndBounces() {
        ReportResult result = run("top_pages");
        assertThat(result.columns()).containsExactly("url_path", "page_views", "entrances", "bounce_rate");
        assertThat(rows(result)).hasSize(3);
        assertThat(rows(result).get(0)).containsExactly("/home", 3L, 3L, 0.3333);
        assertThat(rows(result).get(1)).containsExactly("/about", 1L, 0L, null);
        assertThat(rows(result).get(2)).containsExactly("/p/1", 1L, 1L, 0.0);
    }

    @Test
    void referrersAndCampaignsShowSessionsConversionAndBounce() {
        assertThat(rows(run("top_referrers_campaigns"))).containsExactly(
                List.of("direct", "(none)", "(none)", 1L, 0L, 0.0, 1.0),
                List.of("other", "(none)", "(none)", 1L, 0L, 0.0, 0.0),
                List.of("search", "google", "winter", 1L, 1L, 1.0, 0.0),
                List.of("social", "facebook", "winter", 1L, 0L, 0.0, 0.0));
    }

    @Test
    void deviceAndBrowserMixIncludesBots() {
        assertThat(rows(run("device_browser_mix"))).containsExactly(
                List.of("desktop", "Chrome", 1L, 4L, 0.5),
                List.of("mobile", "Safari", 2L, 3L, 0.375),
                List.of("bot", "(unknown)", 1L, 1L, 0.125));
    }

    @Test
    void conversionFunnelHasATotalRowAndStepRates() {
        List<List<Object>> rows = rows(run("conversion_funnel"));
        assertThat(rows.get(0)).containsExactly("(all campaigns)", 25L, 25L, 11L, 6L, 4L, 0.44, 0.5455, 0.6667, 0.16);
        assertThat(rows.get(1)).containsExactly("winter", 20L, 20L, 10L, 6L, 4L, 0.5, 0.6, 0.6667, 0.2);
        assertThat(rows.get(2)).containsExactly("(none)", 5L, 5L, 1L, 0L, 0L, 0.2, 0.0, null, 0.0);
        assertThat(rows).hasSize(3);
    }

    @Test
    void revenuePerDayAndProduct() {
        assertThat(rows(run("revenue"))).containsExactly(
                List.of("2026-11-20", "p2", "EUR", 1L, 1L, new BigDecimal("99.99")),
                List.of("2026-11-20", "p1", "EUR", 2L, 3L, new BigDecimal("30.00")),
                List.of("2026-11-21", "p1", "EUR", 1L, 1L, new BigDecimal("10.00")));
    }

    @Test
    void sessionMetricsPerDay() {
        assertThat(rows(run("session_metrics"))).containsExactly(
                List.of("2026-11-20", 3L, 1400.0, 300L, 1.67, 0.3333),
                List.of("2026-11-21", 1L, 600.0, 600L, 2.0, 0.0));
    }

    @Test
    void badRecordsByOutputTypeAndCodePerArrivalDay() {
        List<List<Object>> rows = rows(run("bad_records"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).subList(0, 4)).containsExactly("2026/11/20", "processing-failed", "Lambda.ProcessingFailed", 2L);
        assertThat(rows.get(1).subList(0, 4)).containsExactly("2026/11/21", "format-conversion-failed",
                "DataFormatConversion.InvalidSchema", 1L);
    }

    @Test
    void lateEventsAreCountedByDelayAndDayBoundary() {
        assertThat(rows(run("late_events"))).containsExactly(
                List.of("2026-11-20", 6L, 2L, 1L, 50400L),
                List.of("2026-11-21", 2L, 0L, 0L, 1L));
    }

    @Test
    void duplicatesRemovedCompareRawDeliveriesWithCuratedRows() {
        assertThat(rows(run("duplicates_removed"))).containsExactly(
                List.of("2026-11-20", 7L, 6L, 1L, 6L),
                List.of("2026-11-21", 4L, 2L, 2L, 2L));
    }

    @Test
    void bytesReadAreTheFilesOfTheSelectedPartitionsOnly() {
        Report report = ReportCatalog.find("duplicates_removed").orElseThrow();
        assertThat(report.tables()).containsExactly("raw_events", "curated_events");
        ReportResult result = engine.run(report, RANGE);
        LakeScan raw = new LakeScan(LakeTables.spec("raw_events"), lake);
        LakeScan curated = new LakeScan(LakeTables.spec("curated_events"), lake);
        long inRange = raw.select(RANGE).bytes() + curated.select(RANGE).bytes();
        long everything = raw.all().bytes() + curated.all().bytes();
        assertThat(result.bytesScanned()).isEqualTo(inRange).isLessThan(everything);
        assertThat(result.filesScanned()).isEqualTo(4 + 2);
        assertThat(raw.select(RANGE).files()).noneMatch(p -> p.toString().contains(KnownLake.OUTSIDE));
    }

    @Test
    void everyShippedReportRunsOnAnEmptyRangeToo() {
        DateRange nothing = DateRange.day(LocalDate.parse("2020-01-01"));
        for (Report report : ReportCatalog.all()) {
            ReportResult result = engine.run(report, nothing);
            assertThat(result.bytesScanned()).as(report.name()).isZero();
        }
    }
}
