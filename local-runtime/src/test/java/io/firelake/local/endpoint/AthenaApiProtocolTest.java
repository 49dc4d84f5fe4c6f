package io.firelake.local.endpoint;

import io.firelake.events.contract.PinnedContract;
import io.firelake.athena.LakeFixture;
import io.firelake.athena.report.DateRange;
import io.firelake.athena.report.ReportCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.NamedQuery;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.WorkGroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Athena API of the local endpoint through the real SDK client: a query's life cycle and statistics, result pages
 * with the header row, the CSV and metadata in the output location, execution parameters, Athena's errors (bad SQL at
 * once, an unknown table or schema as a FAILED query, an unknown work group, no output location), StopQueryExecution,
 * the bytes-scanned limit, and the template's work group and named queries that {@code local up} creates.
 */
@PinnedContract("clickstream")
class AthenaApiProtocolTest {

    @TempDir
    static Path data;
    static AthenaEndpointFixture fixture;
    static AthenaClient athena;

    @BeforeAll
    static void start() throws Exception {
        fixture = AthenaEndpointFixture.start(data);
        athena = fixture.athena;
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static String start(String sql, Consumer<StartQueryExecutionRequest.Builder> more) {
        StartQueryExecutionRequest.Builder request = StartQueryExecutionRequest.builder().queryString(sql)
                .workGroup(AthenaEndpointFixture.WORK_GROUP)
                .queryExecutionContext(c -> c.database(AthenaEndpointFixture.DATABASE));
        more.accept(request);
        return athena.startQueryExecution(request.build()).queryExecutionId();
    }

    private static QueryExecution run(String sql, String... parameters) throws InterruptedException {
        return fixture.await(start(sql, r -> {
            if (parameters.length > 0) {
                r.executionParameters(parameters);
            }
        }));
    }

    private static List<List<String>> values(List<Row> rows) {
        List<List<String>> values = new ArrayList<>();
        rows.forEach(r -> values.add(r.data().stream().map(Datum::varCharValue).toList()));
        return values;
    }

    private static long bytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static Path curated(String day) {
        return fixture.layout.lakeDir().resolve("curated/event_date=" + day);
    }

    @Test
    void aQueryRunsToSucceededWithStatisticsTheHeaderRowAndItsFilesInTheOutputLocation() throws Exception {
        QueryExecution done = run("SELECT event_date, count(*) AS events FROM curated_events "
                + "WHERE event_date BETWEEN ? AND ? GROUP BY 1 ORDER BY 1", "'2026-11-20'", "'2026-11-21'");

        assertThat(done.status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
        assertThat(done.workGroup()).isEqualTo(AthenaEndpointFixture.WORK_GROUP);
        assertThat(done.queryExecutionContext().database()).isEqualTo("firelake");
        assertThat(done.executionParameters()).containsExactly("'2026-11-20'", "'2026-11-21'");
        assertThat(done.resultConfiguration().outputLocation())
                .isEqualTo("s3://firelake-lake/results/" + done.queryExecutionId() + ".csv");
        assertThat(done.statistics().dataScannedInBytes()).as("the two selected days' files")
                .isEqualTo(bytes(curated("2026-11-20")) + bytes(curated("2026-11-21")));
        assertThat(done.statistics().totalExecutionTimeInMillis())
                .isGreaterThanOrEqualTo(done.statistics().engineExecutionTimeInMillis());
        assertThat(done.status().completionDateTime()).isAfterOrEqualTo(done.status().submissionDateTime());
        assertThat(done.engineVersion().effectiveEngineVersion()).isEqualTo("Athena engine version 3");

        GetQueryResultsResponse results = athena.getQueryResults(b -> b.queryExecutionId(done.queryExecutionId()));
        assertThat(results.resultSet().resultSetMetadata().columnInfo()).extracting(ColumnInfo::name, ColumnInfo::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("event_date", "varchar"),
                        org.assertj.core.groups.Tuple.tuple("events", "bigint"));
        assertThat(values(results.resultSet().rows())).containsExactly(List.of("event_date", "events"),
                List.of("2026-11-20", "6"), List.of("2026-11-21", "2"));
        assertThat(results.nextToken()).isNull();

        String csv = done.resultConfiguration().outputLocation();
        assertThat(Files.readString(fixture.object(csv)))
                .isEqualTo("\"event_date\",\"events\"\n\"2026-11-20\",\"6\"\n\"2026-11-21\",\"2\"\n");
        assertThat(Files.readString(fixture.object(csv + ".metadata"))).contains("\"name\":\"events\"", "bigint");

        assertThat(athena.listQueryExecutions(b -> b.workGroup(AthenaEndpointFixture.WORK_GROUP)).queryExecutionIds())
                .contains(done.queryExecutionId());
        var batch = athena.batchGetQueryExecution(b -> b.queryExecutionIds(done.queryExecutionId(), "no-such-id"));
        assertThat(batch.queryExecutions()).extracting(QueryExecution::queryExecutionId)
                .containsExactly(done.queryExecutionId());
        assertThat(batch.unprocessedQueryExecutionIds()).singleElement()
                .satisfies(u -> assertThat(u.errorMessage()).contains("no-such-id"));
    }

    @Test
    void resultsComeInPagesOfAtMostAThousandRowsTheFirstStartingWithTheHeader() throws Exception {
        QueryExecution done = run("SELECT x, CAST(x AS varchar) AS label, x % 2 = 0 AS even, "
                + "CASE WHEN x % 100 = 0 THEN NULL ELSE x / 4.0E0 END AS quarter "
                + "FROM unnest(sequence(1, 2500)) AS t(x) ORDER BY x");
        assertThat(done.status().state()).as(done.status().stateChangeReason()).isEqualTo(QueryExecutionState.SUCCEEDED);

        List<GetQueryResultsResponse> pages = athena.getQueryResultsPaginator(b -> b.queryExecutionId(
                done.queryExecutionId())).stream().toList();
        assertThat(pages).extracting(p -> p.resultSet().rows().size()).containsExactly(1000, 1000, 501);
        assertThat(pages.get(0).resultSet().resultSetMetadata().columnInfo()).extracting(ColumnInfo::type)
                .containsExactly("bigint", "varchar", "boolean", "double");
        List<List<String>> rows = new ArrayList<>();
        pages.forEach(p -> rows.addAll(values(p.resultSet().rows())));
        assertThat(rows.get(0)).containsExactly("x", "label", "even", "quarter");
        assertThat(rows.get(1)).containsExactly("1", "1", "false", "0.25");
        assertThat(rows.get(100)).as("NULL is a Datum without a value").isEqualTo(Arrays.asList("100", "100", "true", null));
        assertThat(rows.get(2499)).containsExactly("2499", "2499", "false", "624.75");
        assertThat(rows.get(2500)).isEqualTo(Arrays.asList("2500", "2500", "true", null));

        GetQueryResultsResponse small = athena.getQueryResults(b -> b.queryExecutionId(done.queryExecutionId())
                .maxResults(400));
        assertThat(small.resultSet().rows()).hasSize(400);
        GetQueryResultsResponse next = athena.getQueryResults(b -> b.queryExecutionId(done.queryExecutionId())
                .maxResults(400).nextToken(small.nextToken()));
        assertThat(values(next.resultSet().rows()).get(0)).startsWith("400");
        assertThatThrownBy(() -> athena.getQueryResults(b -> b.queryExecutionId(done.queryExecutionId())
                .nextToken("not-a-token"))).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void valuesAreRenderedAsAthenaRendersThem() throws Exception {
        QueryExecution done = run("SELECT DATE '2026-11-20' AS d, TIMESTAMP '2026-11-20 10:00:00.123' AS ts, "
                + "CAST(40 AS decimal(10,2)) AS amount, ARRAY[1, 2] AS a, 1.5E0 AS ratio, CAST(NULL AS varchar) AS n");
        GetQueryResultsResponse results = athena.getQueryResults(b -> b.queryExecutionId(done.queryExecutionId()));
        assertThat(values(results.resultSet().rows()).get(1))
                .isEqualTo(Arrays.asList("2026-11-20", "2026-11-20 10:00:00.123", "40.00", "[1, 2]", "1.5", null));
        List<ColumnInfo> columns = results.resultSet().resultSetMetadata().columnInfo();
        assertThat(columns).extracting(ColumnInfo::type)
                .containsExactly("date", "timestamp", "decimal", "array", "double", "varchar");
        assertThat(columns.get(2).precision()).isEqualTo(10);
        assertThat(columns.get(2).scale()).isEqualTo(2);
    }

    @Test
    void badSqlIsRefusedAtOnceWithTheParsersMessage() {
        assertThatThrownBy(() -> start("SELECT * FRM sessions", r -> { }))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("line 1:10: mismatched input 'FRM'")
                .satisfies(e -> assertThat(((InvalidRequestException) e).athenaErrorCode())
                        .isEqualTo("MALFORMED_QUERY"));
        assertThatThrownBy(() -> athena.getWorkGroup(b -> b.workGroup("nope")))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("WorkGroup nope is not found.")
                .satisfies(e -> assertThat(((InvalidRequestException) e).athenaErrorCode())
                        .isEqualTo("INVALID_INPUT"));
    }

    @Test
    void anUnknownTableOrSchemaFailsTheQueryWithAthenasReason() throws Exception {
        QueryExecution table = run("SELECT * FROM x");
        assertThat(table.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(table.status().stateChangeReason())
                .isEqualTo("TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.firelake.x' does not exist");
        assertThat(table.status().athenaError().errorCategory()).isEqualTo(2);
        assertThat(table.status().athenaError().errorType()).isEqualTo(1301);
        assertThat(table.status().athenaError().errorMessage()).isEqualTo(table.status().stateChangeReason());
        assertThat(table.status().athenaError().retryable()).as("a user error").isFalse();
        assertThatThrownBy(() -> athena.getQueryResults(b -> b.queryExecutionId(table.queryExecutionId())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("TABLE_NOT_FOUND");

        QueryExecution schema = run("SELECT count(*)\nFROM nowhere.sessions");
        assertThat(schema.status().stateChangeReason())
                .isEqualTo("SCHEMA_NOT_FOUND: line 2:6: Schema 'nowhere' does not exist");
        QueryExecution column = run("SELECT no_such_column FROM sessions");
        assertThat(column.status().stateChangeReason())
                .isEqualTo("COLUMN_NOT_FOUND: Column 'no_such_column' cannot be resolved");
        QueryExecution ddl = run("CREATE TABLE t (a int)");
        assertThat(ddl.status().stateChangeReason()).startsWith("NOT_SUPPORTED:").contains("CreateTable");
        QueryExecution missing = run("SELECT * FROM sessions WHERE event_date = ?");
        assertThat(missing.status().stateChangeReason())
                .isEqualTo("INVALID_PARAMETER_USAGE: Incorrect number of parameters: expected 1 but found 0");
    }

    @Test
    void qualifiedNamesReadTheSameTableAndPruningFollowsTheDateKey() throws Exception {
        QueryExecution bare = run("SELECT count(*) FROM sessions WHERE event_date = '2026-11-20'");
        QueryExecution qualified = run("SELECT count(*) FROM awsdatacatalog.firelake.sessions s "
                + "WHERE s.event_date = DATE '2026-11-20'");
        QueryExecution whole = run("SELECT count(*) FROM \"firelake\".sessions");
        for (QueryExecution e : List.of(bare, qualified, whole)) {
            assertThat(e.status().state()).as(e.status().stateChangeReason()).isEqualTo(QueryExecutionState.SUCCEEDED);
        }
        Path sessions = fixture.layout.lakeDir().resolve("views/sessions");
        assertThat(bare.statistics().dataScannedInBytes()).isEqualTo(bytes(sessions.resolve("event_date=2026-11-20")));
        assertThat(qualified.statistics().dataScannedInBytes()).isEqualTo(bare.statistics().dataScannedInBytes());
        assertThat(whole.statistics().dataScannedInBytes()).isEqualTo(bytes(sessions));
        assertThat(values(athena.getQueryResults(b -> b.queryExecutionId(qualified.queryExecutionId()))
                .resultSet().rows()).get(1)).containsExactly("3");
    }

    @Test
    void anUnknownWorkGroupAndAMissingOutputLocationAreRefused() throws Exception {
        assertThatThrownBy(() -> start("SELECT 1", r -> r.workGroup("nope")))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).awsErrorDetails().errorMessage())
                        .isEqualTo("WorkGroup nope is not found."));
        assertThatThrownBy(() -> athena.getWorkGroup(b -> b.workGroup("nope")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> start("SELECT 1", r -> r.workGroup("primary")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("No output location provided");

        String id = start("SELECT 1 AS one", r -> r.workGroup("primary")
                .resultConfiguration(c -> c.outputLocation("s3://firelake-lake/adhoc/")));
        QueryExecution done = fixture.await(id);
        assertThat(done.resultConfiguration().outputLocation()).isEqualTo("s3://firelake-lake/adhoc/" + id + ".csv");
        assertThat(Files.readString(fixture.object(done.resultConfiguration().outputLocation())))
                .isEqualTo("\"one\"\n\"1\"\n");
        QueryExecution noBucket = fixture.await(start("SELECT 1", r -> r.workGroup("primary")
                .resultConfiguration(c -> c.outputLocation("s3://no-such-bucket/results/"))));
        assertThat(noBucket.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(noBucket.status().stateChangeReason()).isEqualTo("Unable to verify/create output bucket no-such-bucket");
    }

    @Test
    void stopQueryExecutionCancelsARunningAndAQueuedQuery() throws Exception {
        String endless = "SELECT count(*) FROM unnest(sequence(1, 200000)) AS a(x) "
                + "CROSS JOIN unnest(sequence(1, 200000)) AS b(y) WHERE x + y > 0";
        String first = start(endless, r -> { });
        String second = start(endless, r -> { });
        String third = start(endless, r -> { });
        awaitState(first, QueryExecutionState.RUNNING);
        awaitState(second, QueryExecutionState.RUNNING);
        assertThat(state(third)).as("two queries run at once; the third waits").isEqualTo(QueryExecutionState.QUEUED);

        athena.stopQueryExecution(b -> b.queryExecutionId(third));
        athena.stopQueryExecution(b -> b.queryExecutionId(first));
        athena.stopQueryExecution(b -> b.queryExecutionId(second));
        for (String id : List.of(first, second, third)) {
            QueryExecution done = fixture.await(id);
            assertThat(done.status().state()).isEqualTo(QueryExecutionState.CANCELLED);
            assertThat(done.status().stateChangeReason()).isEqualTo("Query was cancelled by user");
        }
        assertThatThrownBy(() -> athena.getQueryResults(b -> b.queryExecutionId(first)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("CANCELLED");
    }

    private static QueryExecutionState state(String id) {
        return athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution().status().state();
    }

    private static void awaitState(String id, QueryExecutionState wanted) throws InterruptedException {
        for (int i = 0; i < 500 && state(id) != wanted; i++) {
            Thread.sleep(20);
        }
        assertThat(state(id)).isEqualTo(wanted);
    }

    @Test
    void aQueryPastTheWorkGroupsScanLimitIsCancelled() throws Exception {
        try (LakeFixture lake = new LakeFixture(fixture.layout.lakeDir())) {
            // Over 10 MB of hexadecimal text (Snappy barely shrinks it) on a day no other test reads.
            lake.parquetOf("traffic_hourly", Map.of("event_date", "2020-01-01"), "big.parquet",
                    "SELECT lpad(CAST(i % 24 AS VARCHAR), 2, '0') AS event_hour, "
                            + "md5(CAST(i AS VARCHAR)) || md5(CAST(-i AS VARCHAR)) AS url_path, i AS page_views, "
                            + "1 AS sessions, 1 AS users FROM range(300000) t(i)");
        }
        athena.createWorkGroup(b -> b.name("small").configuration(c -> c.bytesScannedCutoffPerQuery(10_000_000L)
                .resultConfiguration(r -> r.outputLocation("s3://firelake-lake/small/"))));
        QueryExecution capped = fixture.await(start("SELECT count(*) FROM traffic_hourly", r -> r.workGroup("small")));
        assertThat(capped.status().state()).isEqualTo(QueryExecutionState.CANCELLED);
        assertThat(capped.status().stateChangeReason()).isEqualTo("Query cancelled! : Bytes scanned limit was exceeded");
        assertThat(capped.statistics().dataScannedInBytes()).isGreaterThan(10_000_000L);
        QueryExecution pruned = fixture.await(start("SELECT count(*) FROM traffic_hourly WHERE event_date = '2026-11-20'",
                r -> r.workGroup("small")));
        assertThat(pruned.status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
    }

    @Test
    void theTemplatesWorkGroupAndNamedQueriesAreThereOnceAndNamedQueriesCanBeManaged() throws Exception {
        WorkGroup group = athena.getWorkGroup(b -> b.workGroup(AthenaEndpointFixture.WORK_GROUP)).workGroup();
        assertThat(group.configuration().enforceWorkGroupConfiguration()).isTrue();
        assertThat(group.configuration().resultConfiguration().outputLocation()).isEqualTo("s3://firelake-lake/results/");
        assertThat(group.configuration().bytesScannedCutoffPerQuery()).isEqualTo(1_073_741_824L);
        assertThat(group.configuration().engineVersion().effectiveEngineVersion()).isEqualTo("Athena engine version 3");
        assertThat(athena.listWorkGroups(b -> { }).workGroups()).extracting(w -> w.name())
                .contains("primary", AthenaEndpointFixture.WORK_GROUP);

        fixture.endpoint.ensureAthena(TemplateAthena.of(io.firelake.local.config.SamTemplate.load(),
                TemplateGlueJobs.LOCAL_STACK, fixture.layout.bucket()));
        List<String> ids = athena.listNamedQueries(b -> b.workGroup(AthenaEndpointFixture.WORK_GROUP)).namedQueryIds();
        List<NamedQuery> queries = athena.batchGetNamedQuery(b -> b.namedQueryIds(ids)).namedQueries();
        assertThat(queries).as("created once, however often local up runs").extracting(NamedQuery::name)
                .containsExactlyInAnyOrderElementsOf(ReportCatalog.NAMES);
        NamedQuery revenue = queries.stream().filter(q -> q.name().equals("revenue")).findFirst().orElseThrow();
        assertThat(revenue.database()).isEqualTo("firelake");
        assertThat(revenue.queryString()).startsWith("-- How much revenue").contains("FROM revenue_daily");
        DateRange range = new DateRange(
                LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 21));
        for (NamedQuery q : queries) {
            // As the console runs a saved query: its text, the range as its ? execution parameters.
            QueryExecution e = run(q.queryString(), ReportCatalog.find(q.name())
                    .orElseThrow().executionParameters(range).toArray(String[]::new));
            assertThat(e.status().state()).as(q.name() + ": " + e.status().stateChangeReason())
                    .isEqualTo(QueryExecutionState.SUCCEEDED);
        }

        String id = athena.createNamedQuery(b -> b.name("mine").database("firelake").queryString("SELECT 1"))
                .namedQueryId();
        assertThat(athena.getNamedQuery(b -> b.namedQueryId(id)).namedQuery().workGroup()).isEqualTo("primary");
        var missing = athena.batchGetNamedQuery(b -> b.namedQueryIds(id, "no-such-query"));
        assertThat(missing.namedQueries()).extracting(NamedQuery::name).containsExactly("mine");
        assertThat(missing.unprocessedNamedQueryIds()).singleElement()
                .satisfies(u -> assertThat(u.errorCode()).isEqualTo("INVALID_INPUT"));
        athena.deleteNamedQuery(b -> b.namedQueryId(id));
        assertThatThrownBy(() -> athena.getNamedQuery(b -> b.namedQueryId(id)))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aRetriedStartWithTheSameTokenIsTheSameExecution() {
        String token = "retry-of-the-same-request-0000000001";
        String first = start("SELECT 1", r -> r.clientRequestToken(token));
        assertThat(start("SELECT 1", r -> r.clientRequestToken(token))).isEqualTo(first);
        assertThatThrownBy(() -> start("SELECT 2", r -> r.clientRequestToken(token)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(token);
    }
}
