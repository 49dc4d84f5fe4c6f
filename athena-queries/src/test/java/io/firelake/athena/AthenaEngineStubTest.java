package io.firelake.athena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.firelake.athena.aws.AthenaQueryException;
import io.firelake.athena.aws.AthenaReportEngine;
import io.firelake.athena.aws.Backoff;
import io.firelake.athena.report.DateRange;
import io.firelake.athena.report.ReportCatalog;
import io.firelake.athena.report.ReportResult;
import io.firelake.athena.report.ScanCost;
import io.firelake.aws.client.AwsClientFactory;
import io.firelake.aws.client.ClientSettings;
import io.firelake.aws.client.SyncHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.athena.AthenaClient;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Athena path against hand-written Athena API responses (JSON 1.1 protocol) from a loopback HTTP stub: the query
 * is started in the workgroup with the database and output location, polled with back-off through QUEUED and RUNNING,
 * its results read over two pages with the header row skipped, and the data scanned priced.
 */
class AthenaEngineStubTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateRange RANGE = new DateRange(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-21"));

    private HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> targets = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> script = new ConcurrentHashMap<>();
    private final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target.substring(target.indexOf('.') + 1);
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            targets.add(operation);
            requests.add(body);
            String response = next(operation, body);
            byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.getResponseHeaders().add("x-amzn-RequestId", "stub-" + requests.size());
            exchange.sendResponseHeaders(response.contains("\"__type\"") ? 400 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String next(String operation, JsonNode body) {
        if (operation.equals("GetQueryResults")) {
            return body.has("NextToken") ? PAGE_2 : PAGE_1;
        }
        List<String> responses = script.getOrDefault(operation, List.of("{}"));
        synchronized (responses) {
            return responses.size() > 1 ? responses.remove(0) : responses.get(0);
        }
    }

    private static String execution(String state, String extra) {
        return "{\"QueryExecution\":{\"QueryExecutionId\":\"q-1\",\"Status\":{\"State\":\"" + state + "\"" + extra + "}"
                + (state.equals("SUCCEEDED") ? ",\"Statistics\":{\"DataScannedInBytes\":52428800,"
                + "\"EngineExecutionTimeInMillis\":812}" : "") + "}}";
    }

    private static final String PAGE_1 = """
            {"ResultSet":{"ResultSetMetadata":{"ColumnInfo":[
              {"Name":"event_date","Type":"varchar"},{"Name":"sessions","Type":"bigint"},
              {"Name":"revenue","Type":"decimal","Precision":38,"Scale":2},{"Name":"bounce_rate","Type":"double"}]},
             "Rows":[{"Data":[{"VarCharValue":"event_date"},{"VarCharValue":"sessions"},{"VarCharValue":"revenue"},{"VarCharValue":"bounce_rate"}]},
                     {"Data":[{"VarCharValue":"2026-11-20"},{"VarCharValue":"3"},{"VarCharValue":"40.00"},{"VarCharValue":"0.3333"}]}]},
             "NextToken":"page-2"}
            """;
    private static final String PAGE_2 = """
            {"ResultSet":{"ResultSetMetadata":{"ColumnInfo":[
              {"Name":"event_date","Type":"varchar"},{"Name":"sessions","Type":"bigint"},
              {"Name":"revenue","Type":"decimal","Precision":38,"Scale":2},{"Name":"bounce_rate","Type":"double"}]},
             "Rows":[{"Data":[{"VarCharValue":"2026-11-21"},{"VarCharValue":"1"},{},{"VarCharValue":"0.0"}]}]}}
            """;

    private AthenaReportEngine engine(Optional<String> outputLocation) {
        AthenaClient client = AwsClientFactory.of(ClientSettings.localEngine(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort())))
                .sync(AthenaClient.builder(), SyncHttp.urlConnection()).build();
        return new AthenaReportEngine(client, new AthenaReportEngine.Settings("firelake", "firelake", outputLocation,
                Duration.ofMinutes(5), Backoff.DEFAULT), sleeps::add);
    }

    @Test
    void startsPollsWithBackoffAndReadsEveryPage() {
        script.put("StartQueryExecution", new ArrayList<>(List.of("{\"QueryExecutionId\":\"q-1\"}")));
        script.put("GetQueryExecution", new ArrayList<>(List.of(execution("QUEUED", ""), execution("RUNNING", ""),
                execution("RUNNING", ""), execution("SUCCEEDED", ""))));

        ReportResult result;
        try (AthenaReportEngine athena = engine(Optional.of("s3://firelake-results/"))) {
            result = athena.run(ReportCatalog.find("session_metrics").orElseThrow(), RANGE);
        }

        JsonNode start = requests.get(0);
        assertThat(targets).containsExactly("StartQueryExecution", "GetQueryExecution", "GetQueryExecution",
                "GetQueryExecution", "GetQueryExecution", "GetQueryResults", "GetQueryResults");
        assertThat(start.path("WorkGroup").asText()).isEqualTo("firelake");
        assertThat(start.path("QueryExecutionContext").path("Database").asText()).isEqualTo("firelake");
        assertThat(start.path("ResultConfiguration").path("OutputLocation").asText()).isEqualTo("s3://firelake-results/");
        assertThat(start.path("QueryString").asText()).contains("BETWEEN '2026-11-20' AND '2026-11-21'")
                .startsWith("-- How long do sessions last");
        assertThat(start.path("ClientRequestToken").asText()).as("idempotency token").isNotBlank();
        assertThat(requests.get(6).path("NextToken").asText()).isEqualTo("page-2");
        assertThat(sleeps).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));

        assertThat(result.columns()).containsExactly("event_date", "sessions", "revenue", "bounce_rate");
        assertThat(result.rows()).containsExactly(
                List.of("2026-11-20", 3L, new BigDecimal("40.00"), 0.3333),
                Arrays.asList("2026-11-21", 1L, null, 0.0));
        assertThat(result.bytesScanned()).isEqualTo(52_428_800L);
        assertThat(result.costUsd().getAsDouble()).isEqualTo(50.0 / (1 << 20) * 5.0);
    }

    @Test
    void aFailedQueryReportsAthenasReasonAndTheCommandExitsNonZero() {
        script.put("StartQueryExecution", new ArrayList<>(List.of("{\"QueryExecutionId\":\"q-1\"}")));
        script.put("GetQueryExecution", new ArrayList<>(List.of(execution("FAILED",
                ",\"StateChangeReason\":\"TABLE_NOT_FOUND: line 9:6: Table 'awsdatacatalog.firelake.sessions' does not exist\""))));
        try (AthenaReportEngine athena = engine(Optional.empty())) {
            assertThatThrownBy(() -> athena.run(ReportCatalog.find("session_metrics").orElseThrow(), RANGE))
                    .isInstanceOf(AthenaQueryException.class)
                    .hasMessageContaining("q-1 FAILED").hasMessageContaining("TABLE_NOT_FOUND");
        }
        assertThat(requests.get(0).has("ResultConfiguration")).as("the workgroup's output location").isFalse();

        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReportCommand(() -> engine(Optional.empty())));
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        int exit = cli.execute("session_metrics", "--source", "aws", "--from", "2026-11-20", "--to", "2026-11-21");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("TABLE_NOT_FOUND");
    }

    @Test
    void theCommandPrintsResultsAndTheScanPrice() {
        script.put("StartQueryExecution", new ArrayList<>(List.of("{\"QueryExecutionId\":\"q-1\"}")));
        script.put("GetQueryExecution", new ArrayList<>(List.of(execution("SUCCEEDED", ""))));
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ReportCommand(() -> engine(Optional.empty())));
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute("revenue", "--source", "aws", "--date", "2026-11-20");
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("== revenue (2026-11-20) ==")
                .contains("2026-11-20 | 3        | 40.00")
                .contains("Athena scanned 52,428,800 bytes; billed 52,428,800 bytes");
    }

    @Test
    void athenaBillsAtLeastTenMegabytesRoundedUpToWholeMegabytes() {
        assertThat(ScanCost.of(0).bytesBilled()).isEqualTo(10L << 20);
        assertThat(ScanCost.of((10L << 20) + 1).bytesBilled()).isEqualTo(11L << 20);
        assertThat(ScanCost.of(1L << 40).dollars()).isEqualTo(5.0);
    }
}
