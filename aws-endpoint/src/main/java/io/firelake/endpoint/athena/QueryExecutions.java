package io.firelake.endpoint.athena;

import io.firelake.endpoint.json.AwsServiceException;
import software.amazon.awssdk.services.athena.model.AthenaError;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatistics;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.StatementType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Query executions as Athena runs them: queued on submission, then RUNNING on one of a few engine threads, and
 * SUCCEEDED (results written to the output location), FAILED (with {@code StateChangeReason} and {@code AthenaError})
 * or CANCELLED. Kept in memory: like Athena's own history, they matter for the minutes a client follows them.
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/APIReference/API_QueryExecutionStatus.html">QueryExecutionStatus</a>
 */
public final class QueryExecutions implements AutoCloseable {

    /** Queries that run at once; the rest wait QUEUED, as Athena queues past its concurrency quota. */
    public static final int DEFAULT_CONCURRENT_QUERIES = 2;

    private record Execution(QueryExecution execution, QueryEngine.QueryOutcome outcome) {
    }

    private final QueryEngine engine;
    private final ResultsWriter results;
    private final Clock clock;
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
    private final ExecutorService threads;

    public QueryExecutions(QueryEngine engine, ResultsWriter results, Clock clock, int concurrentQueries) {
        this.engine = engine;
        this.results = results;
        this.clock = clock;
        this.threads = Executors.newFixedThreadPool(concurrentQueries, r -> {
            Thread t = new Thread(r, "athena-query");
            t.setDaemon(true);
            return t;
        });
    }

    /** Checks the syntax now (a bad statement is refused, as Athena refuses it) and queues the query. */
    public String start(String sql, String database, String workGroup, String outputLocation, List<String> parameters) {
        try {
            engine.checkSyntax(sql);
        } catch (QueryEngine.QueryFailure e) {
            throw AwsServiceException.of("InvalidRequestException", e.getMessage());
        }
        String id = UUID.randomUUID().toString();
        String output = outputLocation.endsWith("/") ? outputLocation + id + ".csv" : outputLocation + "/" + id + ".csv";
        Instant now = clock.instant();
        QueryExecution queued = QueryExecution.builder().queryExecutionId(id).query(sql)
                .statementType(StatementType.DML).workGroup(workGroup)
                .queryExecutionContext(c -> c.database(database).catalog("AwsDataCatalog"))
                .resultConfiguration(r -> r.outputLocation(output))
                .executionParameters(parameters)
                .status(QueryExecutionStatus.builder().state(QueryExecutionState.QUEUED).submissionDateTime(now)
                        .build())
                .statistics(QueryExecutionStatistics.builder().dataScannedInBytes(0L).build())
                .build();
        executions.put(id, new Execution(queued, null));
        running.put(id, threads.submit(() -> execute(queued)));
        return id;
    }

    private void execute(QueryExecution queued) {
        String id = queued.queryExecutionId();
        Instant started = clock.instant();
        update(id, queued.toBuilder().status(queued.status().toBuilder().state(QueryExecutionState.RUNNING).build())
                .build(), null, QueryExecutionState.QUEUED);
        try {
            QueryEngine.QueryOutcome outcome = engine.run(queued.query(), queued.queryExecutionContext().database(),
                    queued.executionParameters());
            String output = queued.resultConfiguration().outputLocation();
            results.write(output, ResultFiles.csv(outcome));
            results.write(output + ".metadata", ResultFiles.metadata(outcome));
            finish(queued, started, QueryExecutionState.SUCCEEDED, null, null, outcome);
        } catch (InterruptedException e) {
            finish(queued, started, QueryExecutionState.CANCELLED, "Query was cancelled by user", null, null);
        } catch (QueryEngine.QueryFailure e) {
            finish(queued, started, QueryExecutionState.FAILED, e.getMessage(), AthenaError.builder()
                    .errorCategory(e.category()).errorType(e.category() == 2 ? 1006 : 401).retryable(false)
                    .errorMessage(e.getMessage()).build(), null);
        } catch (RuntimeException e) {
            finish(queued, started, QueryExecutionState.FAILED, "GENERIC_INTERNAL_ERROR: " + e.getMessage(),
                    AthenaError.builder().errorCategory(1).errorType(401).retryable(true)
                            .errorMessage(e.getMessage()).build(), null);
        } finally {
            running.remove(id);
        }
    }

    private void finish(QueryExecution queued, Instant started, QueryExecutionState state, String reason,
                        AthenaError error, QueryEngine.QueryOutcome outcome) {
        Instant now = clock.instant();
        long engineMillis = Duration.between(started, now).toMillis();
        long totalMillis = Duration.between(queued.status().submissionDateTime(), now).toMillis();
        QueryExecution done = queued.toBuilder()
                .status(queued.status().toBuilder().state(state).stateChangeReason(reason).completionDateTime(now)
                        .athenaError(error).build())
                .statistics(QueryExecutionStatistics.builder().engineExecutionTimeInMillis(engineMillis)
                        .dataScannedInBytes(outcome == null ? 0L : outcome.bytesScanned())
                        .totalExecutionTimeInMillis(totalMillis).queryQueueTimeInMillis(totalMillis - engineMillis)
                        .build())
                .build();
        update(queued.queryExecutionId(), done, outcome, null);
    }

    /** Replaces an execution, unless it has meanwhile left the state {@code onlyFrom} (when given). */
    private synchronized void update(String id, QueryExecution next, QueryEngine.QueryOutcome outcome,
                                     QueryExecutionState onlyFrom) {
        Execution current = executions.get(id);
        if (onlyFrom != null && current.execution().status().state() != onlyFrom) {
            return;
        }
        executions.put(id, new Execution(next, outcome));
    }

    public QueryExecution get(String id) {
        return find(id).execution();
    }

    /** The results of a succeeded query; Athena refuses them for any other state, naming it. */
    public QueryEngine.QueryOutcome results(String id) {
        Execution e = find(id);
        QueryExecutionState state = e.execution().status().state();
        if (state == QueryExecutionState.FAILED) {
            throw AwsServiceException.of("InvalidRequestException", e.execution().status().stateChangeReason());
        }
        if (state != QueryExecutionState.SUCCEEDED) {
            throw AwsServiceException.of("InvalidRequestException",
                    "Query has not yet finished. Current state: " + state);
        }
        return e.outcome();
    }

    public void stop(String id) {
        find(id);
        Future<?> future = running.get(id);
        if (future != null) {
            future.cancel(true);
        }
    }

    /** Ids of the work group's executions, newest first. */
    public List<String> ids(String workGroup) {
        List<QueryExecution> all = new ArrayList<>(executions.values().stream().map(Execution::execution)
                .filter(q -> q.workGroup().equals(workGroup)).toList());
        all.sort((a, b) -> b.status().submissionDateTime().compareTo(a.status().submissionDateTime()));
        return all.stream().map(QueryExecution::queryExecutionId).toList();
    }

    private Execution find(String id) {
        Execution e = executions.get(id);
        if (e == null) {
            throw AwsServiceException.of("InvalidRequestException", "QueryExecution " + id + " was not found");
        }
        return e;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
