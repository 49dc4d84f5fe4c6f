package io.firelake.local.endpoint;

import io.firelake.athena.LakeFixture;
import io.firelake.athena.aws.AthenaReportEngine;
import io.firelake.athena.aws.Backoff;
import io.firelake.athena.catalog.LakeTables;
import io.firelake.athena.local.DuckDbReportEngine;
import io.firelake.athena.report.DateRange;
import io.firelake.athena.report.Report;
import io.firelake.athena.report.ReportCatalog;
import io.firelake.athena.report.ReportEngine;
import io.firelake.athena.report.ReportResult;
import io.firelake.events.catalog.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overhead of the Athena API path for docs/benchmarks.md (not part of the normal build): the same report run by
 * DuckDB directly ({@code firelake report}) and through the local endpoint's Athena API ({@code firelake report
 * --endpoint-url}), side by side in one JVM, alternating, median of {@value #RUNS} runs after three warm-up passes;
 * also the endpoint's query engine called in process, which shows what the engine adds to DuckDB without the API.
 * {@code mvn -B -q -pl local-runtime -am verify -Dtest=AthenaEndpointFigures -Dfirelake.figures=true
 * -Dsurefire.failIfNoSpecifiedTests=false}; the table is written to {@code local-runtime/target/athena-figures.md}.
 *
 * <p>The API path is measured twice: as {@code report --endpoint-url http://127.0.0.1:4566} runs it (GetQueryExecution
 * polled with {@link Backoff#LOCAL}: 10 ms, growing to 50 ms) and with AWS's back-off ({@link Backoff#DEFAULT}, 200 ms
 * first), with the endpoint's own time beside them (from submission to results written, {@code
 * TotalExecutionTimeInMillis}). The lake: {@value #DAYS} days of curated events generated with DuckDB,
 * {@code firelake.figures.perDay} a day (default 50,000).
 */
@EnabledIfSystemProperty(named = "firelake.figures", matches = "true")
class AthenaEndpointFigures {

    static final int DAYS = 30;
    static final int RUNS = 15;
    static final int PER_DAY = Integer.getInteger("firelake.figures.perDay", 50_000);
    static final LocalDate FIRST = LocalDate.parse("2026-10-01");

    @TempDir
    Path data;

    @Test
    void measure() throws Exception {
        try (AthenaEndpointFixture fixture = AthenaEndpointFixture.start(data)) {
            Path lake = fixture.layout.lakeDir();
            writeCurated(lake);
            DateRange month = new DateRange(FIRST, FIRST.plusDays(DAYS - 1));
            Report sessions = new Report("session_events", "-- How many events has each session? (a large result)",
                    "-- How many events has each session? (a large result)\nSELECT session_id, count(*) AS events "
                            + "FROM curated_events WHERE event_date BETWEEN :from AND :to "
                            + "GROUP BY 1 ORDER BY 1 LIMIT 20000");
            List<Object[]> cases = List.of(
                    new Object[]{ReportCatalog.find("hourly_traffic").orElseThrow(), DateRange.day(FIRST)},
                    new Object[]{ReportCatalog.find("hourly_traffic").orElseThrow(), month},
                    new Object[]{ReportCatalog.find("device_browser_mix").orElseThrow(), month},
                    new Object[]{ReportCatalog.find("late_events").orElseThrow(), month},
                    new Object[]{sessions, month});
            StringBuilder md = new StringBuilder("| report | days | rows | DuckDB directly | the endpoint's engine "
                    + "alone | `report --endpoint-url` | overhead | of which the endpoint | with AWS's back-off "
                    + "(200 ms first) | overhead |\n|---|---|---|---|---|---|---|---|---|---|\n");
            try (DuckDbReportEngine local = new DuckDbReportEngine(lake);
                 DuckDbQueryEngine alone = new DuckDbQueryEngine(lake, LocalAthena.tablesOf(fixture.glue()));
                 AthenaReportEngine tight = engine(fixture, Backoff.LOCAL);
                 AthenaReportEngine shipped = engine(fixture, Backoff.DEFAULT)) {
                ReportEngine[] engines = {local, alone(alone), tight, shipped};
                // Warm up every path (the JIT, Trino's parser, DuckDB's caches) before any figure is taken.
                for (int warmUp = 0; warmUp < 3; warmUp++) {
                    for (Object[] c : cases) {
                        for (ReportEngine engine : engines) {
                            engine.run((Report) c[0], (DateRange) c[1]);
                        }
                    }
                }
                for (Object[] c : cases) {
                    Report report = (Report) c[0];
                    DateRange range = (DateRange) c[1];
                    double[][] times = new double[engines.length][RUNS];
                    double[] endpoint = new double[RUNS];
                    int rows = -1;
                    for (int run = 0; run < RUNS; run++) {
                        for (int e = 0; e < engines.length; e++) {
                            long started = System.nanoTime();
                            ReportResult result = engines[e].run(report, range);
                            double ms = (System.nanoTime() - started) / 1e6;
                            times[e][run] = ms;
                            if (e == 2) {
                                endpoint[run] = lastTotalMillis(fixture);
                            }
                            if (e == 0) {
                                rows = result.rows().size();
                            } else {
                                assertThat(result.rows()).as(report.name()).hasSize(rows);
                            }
                        }
                    }
                    double direct = median(times[0]);
                    double api = median(times[2]);
                    double command = median(times[3]);
                    md.append(String.format("| %s | %d | %,d | %.0f ms | %.0f ms | %.0f ms | %+.0f%% | %.0f ms | %.0f ms "
                                    + "| %+.0f%% |%n", report.name(), range.to().toEpochDay() - range.from().toEpochDay() + 1,
                            rows, direct, median(times[1]), api, (api / direct - 1) * 100, median(endpoint), command,
                            (command / direct - 1) * 100));
                }
            }
            md.append(String.format("%nLake: %d days x %,d curated events (%,d bytes of Parquet); %d runs each, "
                    + "median, after 3 warm-up runs of every case; load average %.1f.%n", DAYS, PER_DAY,
                    size(lake.resolve("curated")), RUNS, java.lang.management.ManagementFactory
                            .getOperatingSystemMXBean().getSystemLoadAverage()));
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "athena-figures.md"), md);
            System.out.println(md);
        }
    }

    private static AthenaReportEngine engine(AthenaEndpointFixture fixture, Backoff backoff) {
        return new AthenaReportEngine(fixture.client(AthenaClient.builder()), new AthenaReportEngine.Settings(
                AthenaEndpointFixture.WORK_GROUP, AthenaEndpointFixture.DATABASE, Optional.empty(),
                Duration.ofMinutes(5), backoff), d -> Thread.sleep(d.toMillis()));
    }

    /** The endpoint's query engine called in process, without the API: what the engine adds to DuckDB. */
    private static ReportEngine alone(DuckDbQueryEngine engine) {
        return new ReportEngine() {
            @Override
            public ReportResult run(Report report, DateRange range) {
                try {
                    var outcome = engine.run(report.sqlFor(range), AthenaEndpointFixture.DATABASE, List.of());
                    return new ReportResult(outcome.columns().stream().map(c -> c.name()).toList(),
                            outcome.rows().stream().map(r -> List.<Object>copyOf(r.stream().map(v -> (Object) v)
                                    .toList())).toList(), outcome.bytesScanned(), -1, -1,
                            java.util.OptionalDouble.empty());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public String describe() {
                return "the endpoint's DuckDbQueryEngine";
            }

            @Override
            public void close() {
                engine.close();
            }
        };
    }

    /** The endpoint's time for the newest query: submission to results written. */
    private static double lastTotalMillis(AthenaEndpointFixture fixture) {
        String id = fixture.athena.listQueryExecutions(b -> b.workGroup(AthenaEndpointFixture.WORK_GROUP))
                .queryExecutionIds().get(0);
        return fixture.athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution().statistics()
                .totalExecutionTimeInMillis();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long size(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** Curated events, one file per day: sessions of 8 events, a few devices and browsers, some bots, late arrivals. */
    private static void writeCurated(Path lake) throws Exception {
        Map<String, String> generated = Map.ofEntries(
                Map.entry("schema_version", "1"),
                Map.entry("event_id", "CAST(uuid() AS VARCHAR)"),
                Map.entry("event_type", "['page_view', 'page_view', 'click', 'search', 'add_to_cart', 'purchase']"
                        + "[CAST(1 + hash(i) % 6 AS INTEGER)]"),
                Map.entry("event_ts", "TIMESTAMP '{day}' + to_milliseconds(CAST((i * 86400000) // {n} AS BIGINT))"),
                Map.entry("session_id", "'s-{day}-' || CAST(i // 8 AS VARCHAR)"),
                Map.entry("user_id", "CASE WHEN hash(i // 8) % 3 = 0 THEN NULL ELSE 'u-' || CAST(hash(i // 8) % 20000 "
                        + "AS VARCHAR) END"),
                Map.entry("url_path", "'/p/' || CAST(hash(i) % 500 AS VARCHAR)"),
                Map.entry("referrer_class", "'direct'"),
                Map.entry("device_class", "['desktop', 'mobile', 'tablet', 'bot'][CAST(1 + hash(i // 8) % 4 AS INTEGER)]"),
                Map.entry("browser", "['Chrome', 'Safari', 'Firefox', NULL][CAST(1 + hash(i // 8) % 4 AS INTEGER)]"),
                Map.entry("is_bot", "hash(i // 8) % 4 = 3"),
                Map.entry("received_ts", "TIMESTAMP '{day}' + to_milliseconds(CAST((i * 86400000) // {n} "
                        + "+ hash(i) % 600000 AS BIGINT))"),
                Map.entry("processed_ts", "TIMESTAMP '{day}' + to_milliseconds(CAST((i * 86400000) // {n} "
                        + "+ hash(i) % 600000 + 1000 AS BIGINT))"));
        List<String> select = new ArrayList<>();
        for (Column c : LakeTables.spec(LakeTables.CURATED).columns()) {
            String type = c.type().equals("string") ? "VARCHAR" : c.type().toUpperCase();
            select.add("CAST(" + generated.getOrDefault(c.name(), "NULL") + " AS " + type + ") AS " + c.name());
        }
        String template = "SELECT " + select.stream().collect(Collectors.joining(", ")) + " FROM range({n}) t(i)";
        try (LakeFixture fixture = new LakeFixture(lake)) {
            for (int d = 0; d < DAYS; d++) {
                String day = FIRST.plusDays(d).toString();
                fixture.parquetOf(LakeTables.CURATED, Map.of("event_date", day), "part-0.parquet",
                        template.replace("{day}", day).replace("{n}", Integer.toString(PER_DAY)));
            }
        }
    }
}
