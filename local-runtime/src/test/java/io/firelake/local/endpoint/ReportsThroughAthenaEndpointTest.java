package io.firelake.local.endpoint;

import io.firelake.events.contract.PinnedContract;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.athena.LakeFixture;
import io.firelake.athena.ReportCommand;
import io.firelake.athena.aws.AthenaReportEngine;
import io.firelake.athena.aws.Backoff;
import io.firelake.athena.report.DateRange;
import io.firelake.athena.report.ReportCatalog;
import io.firelake.athena.report.ReportResult;
import io.firelake.athena.report.ScanCost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.glue.GlueClient;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code firelake report --source aws} against the local endpoint: every report gives the same rows through the Athena
 * API (StartQueryExecution, GetQueryExecution polled, GetQueryResults page by page) as on DuckDB directly, for the same
 * lake: athena-queries' known lake (the figures its tests compute by hand) plus 1,500 products' revenue on a third day,
 * so that the revenue report needs two result pages. Also what the hand-written Athena stub used to prove: the work
 * group and database of the request, polling with back-off, typed values with NULLs, the price of the data scanned,
 * and a failed query's reason with exit code 1.
 */
@PinnedContract("clickstream")
class ReportsThroughAthenaEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FROM = "2026-11-20";
    private static final String TO = "2026-11-22";
    private static final int PRODUCTS = 1_500;

    @TempDir
    static Path data;
    static AthenaEndpointFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = AthenaEndpointFixture.start(data);
        try (LakeFixture lake = new LakeFixture(fixture.layout.lakeDir())) {
            lake.parquetOf("revenue_daily", Map.of("event_date", TO), "part-0.parquet",
                    "SELECT printf('P%05d', i) AS product_id, 'EUR' AS currency, 1 + i % 3 AS orders, "
                            + "1 + i % 5 AS units, CAST(i % 997 + 0.99 AS DECIMAL(18,2)) AS revenue "
                            + "FROM range(" + PRODUCTS + ") t(i)");
        }
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run report(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReportCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run onDuckDb(String... args) {
        return report(concat(args, "--lake", fixture.layout.lakeDir().toString()));
    }

    private static Run onEndpoint(String... args) {
        return report(concat(args, "--endpoint-url", fixture.endpoint.uri().toString(),
                "--workgroup", AthenaEndpointFixture.WORK_GROUP));
    }

    private static String[] concat(String[] args, String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(Arrays.asList(more));
        return all.toArray(String[]::new);
    }

    /** The CSV of each report of an {@code --all --format csv} run, by name. */
    private static Map<String, List<String>> sections(String csv) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : csv.split("\r?\n")) {
            if (line.startsWith("# ")) {
                current = new ArrayList<>();
                sections.put(line.substring(2), current);
            } else if (current != null && !line.isEmpty()) {
                current.add(line);
            }
        }
        return sections;
    }

    @Test
    void everyReportGivesTheSameRowsThroughTheAthenaApiAsOnDuckDb() throws IOException {
        Run local = onDuckDb("--all", "--format", "csv", "--from", FROM, "--to", TO);
        Run aws = onEndpoint("--all", "--format", "csv", "--from", FROM, "--to", TO);
        assertThat(local.exit()).as(local.err()).isZero();
        assertThat(aws.exit()).as(aws.err()).isZero();

        Map<String, List<String>> reports = sections(local.out());
        assertThat(reports.keySet()).containsExactlyElementsOf(ReportCatalog.NAMES);
        reports.forEach((name, lines) -> assertThat(lines).as(name + ": a header and rows").hasSizeGreaterThan(1));
        assertThat(reports.get("revenue")).as("more rows than one GetQueryResults page").hasSizeGreaterThan(1_001);
        assertThat(sections(aws.out())).isEqualTo(reports);
        assertThat(aws.out()).isEqualTo(local.out());
        assertThat(aws.err()).contains("Athena scanned").doesNotContain("after partition pruning");

        try (Stream<Path> results = Files.list(fixture.layout.lakeDir().resolve("results"))) {
            assertThat(results.filter(p -> p.toString().endsWith(".csv")).count())
                    .as("each query's CSV in the work group's output location").isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void theDataScannedIsTheBytesOfTheFilesInTheSelectedPartitions() throws IOException {
        Map<String, JsonNode> local = byReport(onDuckDb("--all", "--format", "json", "--from", FROM, "--to", TO));
        Map<String, JsonNode> aws = byReport(onEndpoint("--all", "--format", "json", "--from", FROM, "--to", TO));
        assertThat(aws.keySet()).containsExactlyElementsOf(local.keySet());
        local.forEach((name, json) -> {
            assertThat(aws.get(name).get("rows")).as(name).isEqualTo(json.get("rows"));
            long scanned = aws.get(name).get("bytes_scanned").asLong();
            if (name.equals("bad_records")) {
                // Its WHERE compares the key with replace(...), a function: the local Athena reads the whole table.
                assertThat(scanned).as(name).isGreaterThanOrEqualTo(json.get("bytes_scanned").asLong());
            } else {
                assertThat(scanned).as(name).isEqualTo(json.get("bytes_scanned").asLong());
            }
        });
    }

    private static Map<String, JsonNode> byReport(Run run) throws IOException {
        assertThat(run.exit()).as(run.err()).isZero();
        Map<String, JsonNode> reports = new LinkedHashMap<>();
        for (String line : run.out().lines().toList()) {
            JsonNode json = JSON.readTree(line);
            reports.put(json.get("report").asText(), json);
        }
        return reports;
    }

    @Test
    void theAthenaEngineRunsInTheWorkGroupPollsWithBackoffAndReadsEveryPage() {
        List<Duration> sleeps = new ArrayList<>();
        DateRange range = new DateRange(LocalDate.parse(FROM), LocalDate.parse(TO));
        AthenaClient client = fixture.client(AthenaClient.builder());
        ReportResult revenue;
        ReportResult pages;
        List<Duration> polls;
        try (AthenaReportEngine athena = new AthenaReportEngine(client, new AthenaReportEngine.Settings(
                AthenaEndpointFixture.WORK_GROUP, "firelake", Optional.of("s3://firelake-lake/elsewhere/"),
                Duration.ofMinutes(5), Backoff.DEFAULT), sleeps::add)) {
            revenue = athena.run(ReportCatalog.find("revenue").orElseThrow(), range);
            polls = List.copyOf(sleeps);
            pages = athena.run(ReportCatalog.find("top_pages").orElseThrow(), DateRange.day(LocalDate.parse("2026-11-21")));
        }

        String last = fixture.athena.listQueryExecutions(b -> b.workGroup(AthenaEndpointFixture.WORK_GROUP))
                .queryExecutionIds().get(1);
        QueryExecution execution = fixture.athena.getQueryExecution(b -> b.queryExecutionId(last)).queryExecution();
        // The range reaches Athena as the named query's execution parameters, the text is the named query's.
        assertThat(execution.query()).startsWith("-- How much revenue").contains("BETWEEN ? AND ?");
        assertThat(execution.executionParameters()).containsExactly("'2026-11-20'", "'2026-11-22'");
        assertThat(execution.queryExecutionContext().database()).isEqualTo("firelake");
        assertThat(execution.resultConfiguration().outputLocation()).as("the work group enforces its own")
                .startsWith("s3://firelake-lake/results/");
        // The sleeper does not sleep: the engine polls until the query is done (at once, if it already is), each
        // wait longer than the last.
        if (!polls.isEmpty()) {
            assertThat(polls.get(0)).isEqualTo(Backoff.DEFAULT.initial());
        }
        for (int i = 1; i < polls.size(); i++) {
            assertThat(polls.get(i)).isEqualTo(Backoff.DEFAULT.next(polls.get(i - 1)));
        }

        assertThat(revenue.columns()).containsExactly("event_date", "product_id", "currency", "orders", "units",
                "revenue");
        assertThat(revenue.rows()).hasSize(3 + PRODUCTS);
        assertThat(revenue.rows().get(0)).containsExactly("2026-11-20", "p2", "EUR", 1L, 1L, new BigDecimal("99.99"));
        long scanned = revenue.bytesScanned();
        assertThat(scanned).isEqualTo(bytes(fixture.layout.lakeDir().resolve("views/revenue_daily"), FROM, TO));
        assertThat(revenue.costUsd().getAsDouble()).isEqualTo(ScanCost.of(scanned).dollars());
        assertThat(pages.rows()).containsExactly(Arrays.asList("/about", 1L, 0L, null), List.of("/home", 1L, 1L, 0.0));
    }

    private static long bytes(Path table, String from, String to) {
        try (Stream<Path> files = Files.walk(table)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                String day = f.getParent().getFileName().toString().replace("event_date=", "");
                return day.compareTo(from) >= 0 && day.compareTo(to) <= 0;
            }).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFailedQueryGivesAthenasReasonAndExitCodeOne() {
        try (GlueClient glue = fixture.client(GlueClient.builder())) {
            glue.createDatabase(b -> b.databaseInput(d -> d.name("other")));
        }
        Run run = onEndpoint("session_metrics", "--database", "other", "--from", FROM, "--to", TO);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("FAILED: TABLE_NOT_FOUND: line 8:6: Table 'awsdatacatalog.other.sessions' "
                + "does not exist");
    }

    @Test
    void theCommandPrintsTheRowsAndThePriceOfTheScan() {
        Run run = onEndpoint("revenue", "--date", FROM);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("== revenue (2026-11-20) ==").containsPattern("2026-11-20 \\| p2 +\\| EUR")
                .contains("(2 rows)").containsPattern("Athena scanned [0-9,]+ bytes; billed 10,485,760 bytes");
    }
}
