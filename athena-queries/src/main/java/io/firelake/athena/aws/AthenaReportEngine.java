package io.firelake.athena.aws;

import io.firelake.athena.report.DateRange;
import io.firelake.aws.client.AwsClientFactory;
import io.firelake.aws.client.ClientSettings;
import io.firelake.aws.client.SyncHttp;
import io.firelake.athena.report.Report;
import io.firelake.athena.report.ReportEngine;
import io.firelake.athena.report.ReportResult;
import io.firelake.athena.report.ScanCost;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.Row;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Runs a report on Athena: StartQueryExecution in a workgroup with the database as context, GetQueryExecution polled
 * with {@link Backoff} until a final state, then GetQueryResults page by page. The data scanned Athena reports is
 * priced with {@link ScanCost}. The client is built once and owned by the engine.
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/APIReference/API_StartQueryExecution.html">StartQueryExecution</a>
 * @see <a href="https://docs.aws.amazon.com/athena/latest/APIReference/API_GetQueryExecution.html">GetQueryExecution</a>
 * @see <a href="https://docs.aws.amazon.com/athena/latest/APIReference/API_GetQueryResults.html">GetQueryResults</a>
 */
public final class AthenaReportEngine implements ReportEngine {

    /** How long a report may run before it is stopped; Athena's own DML timeout defaults to 30 minutes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    /** Where and how queries run. {@code outputLocation} may be empty when the workgroup enforces its own. */
    public record Settings(String workgroup, String database, Optional<String> outputLocation, Duration timeout,
                           Backoff backoff) {
    }

    /** Waits between polls; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final AthenaClient athena;
    private final Settings settings;
    private final Sleeper sleeper;

    public AthenaReportEngine(AthenaClient athena, Settings settings, Sleeper sleeper) {
        this.athena = athena;
        this.settings = settings;
        this.sleeper = sleeper;
    }

    /** An engine on the default credential chain and region. */
    public static AthenaReportEngine create(Settings settings) {
        return create(settings, ClientSettings.aws());
    }

    /** An engine whose client goes where {@code client} says (an endpoint such as the local one, a region). */
    public static AthenaReportEngine create(Settings settings, ClientSettings client) {
        AthenaClient athena = AwsClientFactory.of(client).sync(AthenaClient.builder(), SyncHttp.urlConnection()).build();
        return new AthenaReportEngine(athena, settings, d -> Thread.sleep(d.toMillis()));
    }

    @Override
    public String describe() {
        return "Athena workgroup " + settings.workgroup() + ", database " + settings.database();
    }

    @Override
    public ReportResult run(Report report, DateRange range) {
        String id = athena.startQueryExecution(b -> {
            // The named query's own text with the range as execution parameters: what the console runs too.
            b.queryString(report.parameterizedSql()).executionParameters(report.executionParameters(range))
                    .workGroup(settings.workgroup())
                    .queryExecutionContext(c -> c.database(settings.database()));
            settings.outputLocation().ifPresent(location -> b.resultConfiguration(r -> r.outputLocation(location)));
        }).queryExecutionId();
        QueryExecution execution = awaitFinalState(id);
        long scanned = Optional.ofNullable(execution.statistics())
                .map(s -> s.dataScannedInBytes()).orElse(0L);
        List<String> columns = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        boolean header = true;
        for (GetQueryResultsResponse page : athena.getQueryResultsPaginator(b -> b.queryExecutionId(id))) {
            if (columns.isEmpty()) {
                for (ColumnInfo info : page.resultSet().resultSetMetadata().columnInfo()) {
                    columns.add(info.name());
                    types.add(info.type());
                }
            }
            for (Row row : page.resultSet().rows()) {
                if (header) {
                    header = false; // A SELECT's first result row repeats the column names.
                    continue;
                }
                List<Object> values = new ArrayList<>();
                List<Datum> data = row.data();
                for (int i = 0; i < columns.size(); i++) {
                    values.add(i < data.size() ? typed(data.get(i).varCharValue(), types.get(i)) : null);
                }
                rows.add(values);
            }
        }
        return new ReportResult(columns, rows, scanned, -1, -1, OptionalDouble.of(ScanCost.of(scanned).dollars()));
    }

    private QueryExecution awaitFinalState(String id) {
        Instant deadline = Instant.now().plus(settings.timeout());
        Duration delay = settings.backoff().initial();
        while (true) {
            QueryExecution execution = athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution();
            QueryExecutionState state = execution.status().state();
            if (state == QueryExecutionState.SUCCEEDED) {
                return execution;
            }
            if (state == QueryExecutionState.FAILED || state == QueryExecutionState.CANCELLED) {
                throw new AthenaQueryException(id, state.toString(), execution.status().stateChangeReason());
            }
            if (Instant.now().isAfter(deadline)) {
                athena.stopQueryExecution(b -> b.queryExecutionId(id));
                throw new AthenaQueryException(id, "TIMED_OUT", "still " + state + " after " + settings.timeout());
            }
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                athena.stopQueryExecution(b -> b.queryExecutionId(id));
                throw new AthenaQueryException(id, "INTERRUPTED", "stopped the query");
            }
            delay = settings.backoff().next(delay);
        }
    }

    /** Athena returns every value as text; its column types say what the text is. */
    static Object typed(String value, String athenaType) {
        if (value == null) {
            return null;
        }
        String type = athenaType == null ? "varchar" : athenaType.toLowerCase();
        return switch (type) {
            case "bigint", "integer", "smallint", "tinyint" -> Long.parseLong(value);
            case "double", "real", "float" -> Double.parseDouble(value);
            case "boolean" -> Boolean.parseBoolean(value);
            default -> type.startsWith("decimal") ? new BigDecimal(value) : value;
        };
    }

    @Override
    public void close() {
        athena.close();
    }
}
