package io.firelake.endpoint.athena;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.athena.model.AthenaError;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.StatementType;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Query executions as Athena runs them: QUEUED on submission, then RUNNING on one of a few engine threads, and
 * SUCCEEDED (results written to the output location), FAILED (with {@code StateChangeReason} and {@code AthenaError})
 * or CANCELLED (by StopQueryExecution, or past the work group's bytes-scanned limit). Kept in memory: like Athena's
 * history they matter for the minutes a client follows them; the oldest finished ones are forgotten past
 * {@link #DEFAULT_KEPT_EXECUTIONS}.
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/APIReference/API_QueryExecutionStatus.html">QueryExecutionStatus</a>
 * @see <a href="https://docs.aws.amazon.com/athena/latest/APIReference/API_QueryExecutionStatistics.html">QueryExecutionStatistics</a>
 */
public final class QueryExecutions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueryExecutions.class);

    /** Queries that run at once; the rest wait QUEUED, as Athena queues past its concurrency quota. */
    public static final int DEFAULT_CONCURRENT_QUERIES = 2;
    /** Executions kept for GetQueryExecution and GetQueryResults (with their rows). */
    public static final int DEFAULT_KEPT_EXECUTIONS = 1_000;
    static final String CANCELLED_BY_USER = "Query was cancelled by user";
    /** Athena's reason when a query passes its work group's {@code BytesScannedCutoffPerQuery}. */
    static final String SCAN_LIMIT_EXCEEDED = "Query cancelled! : Bytes scanned limit was exceeded";

    /**
     * One StartQueryExecution, resolved against its work group.
     *
     * @param bytesScannedCutoff the work group's per-query limit, or null for none
     * @param clientRequestToken the idempotency token, or null
     */
    public record Submission(String sql, String database, String workGroup, String outputLocation,
                             List<String> parameters, Long bytesScannedCutoff, String clientRequestToken) {
    }

    private record Execution(QueryExecution execution, QueryEngine.QueryOutcome outcome, Submission submission) {
        QueryExecutionState state() {
            return execution.status().state();
        }
    }

    private final QueryEngine engine;
    private final ResultsWriter results;
    private final Clock clock;
    private final Map<String, Execution> executions = new LinkedHashMap<>();
    private final Map<String, String> byToken = new LinkedHashMap<>();
    private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
    private final Set<String> stopRequested = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads;
    private final ExecutorService writers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "athena-results");
        t.setDaemon(true);
        return t;
    });

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

    /**
     * Checks the syntax now (Athena refuses a statement it cannot parse with {@code InvalidRequestException}) and
     * queues the query. A repeated {@code ClientRequestToken} answers the first execution's id, as Athena does.
     */
    public String start(Submission s) {
        String first = firstOf(s);
        if (first != null) {
            return first;
        }
        QueryEngine.Classified kind;
        try {
            kind = engine.checkSyntax(s.sql());
        } catch (QueryEngine.QueryFailure e) {
            throw AthenaApi.invalidRequest(AthenaApi.MALFORMED_QUERY, e.getMessage());
        }
        String id = UUID.randomUUID().toString();
        QueryExecution queued = ExecutionStates.queued(id, s, kind, clock.instant());
        synchronized (this) {
            // A retry that raced this request with the same token gets the execution that won.
            first = firstOf(s);
            if (first != null) {
                return first;
            }
            executions.put(id, new Execution(queued, null, s));
            if (s.clientRequestToken() != null) {
                byToken.put(s.clientRequestToken(), id);
            }
            forgetOldest();
            running.put(id, threads.submit(() -> execute(id)));
        }
        return id;
    }

    /** The execution an earlier request with the same ClientRequestToken started, or null. */
    private synchronized String firstOf(Submission s) {
        String id = s.clientRequestToken() == null ? null : byToken.get(s.clientRequestToken());
        if (id == null) {
            return null;
        }
        Execution first = executions.get(id);
        if (first != null && !sameQuery(first.submission(), s)) {
            throw AthenaApi.invalidRequest(AthenaApi.INVALID_INPUT, "The ClientRequestToken "
                    + s.clientRequestToken() + " was used for another query: a retried request must repeat the "
                    + "first one's parameters");
        }
        return id;
    }

    private static boolean sameQuery(Submission a, Submission b) {
        return a.sql().equals(b.sql()) && a.database().equals(b.database()) && a.workGroup().equals(b.workGroup())
                && Objects.equals(a.parameters(), b.parameters());
    }

    private void execute(String id) {
        try {
            Execution queued;
            synchronized (this) {
                queued = executions.get(id);
                if (queued == null || queued.state() != QueryExecutionState.QUEUED) {
                    return; // stopped while it waited
                }
                replace(id, ExecutionStates.running(queued.execution()), null);
            }
            run(id, queued);
        } finally {
            running.remove(id);
            stopRequested.remove(id);
        }
    }

    private void run(String id, Execution queued) {
        Submission s = queued.submission();
        Instant started = clock.instant();
        QueryEngine.QueryOutcome outcome;
        try {
            outcome = engine.run(s.sql(), s.database(), s.parameters() == null ? List.of() : s.parameters());
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        } catch (InterruptedException e) {
            finish(id, started, started, QueryExecutionState.CANCELLED, CANCELLED_BY_USER, null, null);
            return;
        } catch (QueryEngine.QueryFailure e) {
            finish(id, started, clock.instant(), QueryExecutionState.FAILED, e.getMessage(),
                    ExecutionStates.error(e.category(), e.type(), e.getMessage()), null);
            return;
        } catch (RuntimeException e) {
            LOG.warn("query {} failed in the engine", id, e);
            String reason = "GENERIC_INTERNAL_ERROR: " + e.getMessage();
            finish(id, started, clock.instant(), QueryExecutionState.FAILED, reason,
                    ExecutionStates.error(QueryEngine.QueryFailure.SYSTEM, QueryEngine.QueryFailure.INTERNAL_ERROR, reason), null);
            return;
        }
        Instant engineDone = clock.instant();
        if (s.bytesScannedCutoff() != null && outcome.bytesScanned() > s.bytesScannedCutoff()) {
            finish(id, started, engineDone, QueryExecutionState.CANCELLED, SCAN_LIMIT_EXCEEDED, null,
                    new QueryEngine.QueryOutcome(List.of(), List.of(), outcome.bytesScanned()));
            return;
        }
        String output = queued.execution().resultConfiguration().outputLocation();
        try {
            // The two files are written side by side: the query succeeds once both are there, as on Athena.
            CompletableFuture<Void> metadata = CompletableFuture.runAsync(
                    () -> results.write(output + ".metadata", ResultFiles.metadata(outcome)), writers);
            results.write(output, queued.execution().statementType() == StatementType.DML
                    ? ResultFiles.csv(outcome) : ResultFiles.text(outcome));
            metadata.join();
        } catch (CompletionException e) {
            failWrite(id, started, engineDone, e.getCause() instanceof RuntimeException r ? r : e);
            return;
        } catch (RuntimeException e) {
            failWrite(id, started, engineDone, e);
            return;
        }
        finish(id, started, engineDone, QueryExecutionState.SUCCEEDED, null, null, outcome);
    }

    private void failWrite(String id, Instant started, Instant engineDone, RuntimeException e) {
        if (stopRequested.contains(id)) {
            finish(id, started, engineDone, QueryExecutionState.CANCELLED, CANCELLED_BY_USER, null, null);
        } else {
            finish(id, started, engineDone, QueryExecutionState.FAILED, e.getMessage(),
                    ExecutionStates.error(QueryEngine.QueryFailure.SYSTEM, QueryEngine.QueryFailure.RESULTS_NOT_WRITTEN,
                            e.getMessage()), null);
        }
    }

    private synchronized void finish(String id, Instant started, Instant engineDone, QueryExecutionState state,
                                     String reason, AthenaError error, QueryEngine.QueryOutcome outcome) {
        Execution current = executions.get(id);
        if (current == null || ExecutionStates.isFinal(current.state())) {
            return;
        }
        QueryExecution done = ExecutionStates.finished(current.execution(), state, reason, error,
                outcome == null ? 0L : outcome.bytesScanned(), started, engineDone, clock.instant());
        replace(id, done, state == QueryExecutionState.SUCCEEDED ? outcome : null);
    }

    private void replace(String id, QueryExecution next, QueryEngine.QueryOutcome outcome) {
        Execution current = executions.get(id);
        executions.put(id, new Execution(next, outcome, current.submission()));
    }

    /** Forgets the oldest finished executions past the limit (they stay in the output location as files). */
    private void forgetOldest() {
        Iterator<Map.Entry<String, Execution>> oldest = executions.entrySet().iterator();
        while (executions.size() > DEFAULT_KEPT_EXECUTIONS && oldest.hasNext()) {
            Map.Entry<String, Execution> e = oldest.next();
            if (ExecutionStates.isFinal(e.getValue().state())) {
                oldest.remove();
                byToken.values().remove(e.getKey());
            }
        }
    }

    /** The execution; while it is queued or running, its total time so far, as Athena reports it. */
    public synchronized QueryExecution get(String id) {
        QueryExecution e = find(id).execution();
        if (ExecutionStates.isFinal(e.status().state())) {
            return e;
        }
        return ExecutionStates.sofar(e, clock.instant());
    }

    /** The results of a succeeded query; Athena refuses them for any other state. */
    public synchronized QueryEngine.QueryOutcome results(String id) {
        Execution e = find(id);
        QueryExecutionState state = e.state();
        if (state == QueryExecutionState.FAILED) {
            throw AthenaApi.invalidRequest(AthenaApi.INVALID_INPUT, e.execution().status().stateChangeReason());
        }
        if (state != QueryExecutionState.SUCCEEDED) {
            throw AthenaApi.invalidRequest(AthenaApi.INVALID_INPUT,
                    "Query has not yet finished. Current state: " + state);
        }
        return e.outcome();
    }

    /** Cancels a queued or running query; a finished one stays as it is (Athena answers success either way). */
    public void stop(String id) {
        synchronized (this) {
            Execution e = find(id);
            if (e.state() == QueryExecutionState.QUEUED) {
                Instant now = clock.instant();
                finish(id, now, now, QueryExecutionState.CANCELLED, CANCELLED_BY_USER, null, null);
                return;
            }
            if (e.state() != QueryExecutionState.RUNNING) {
                return;
            }
            stopRequested.add(id);
        }
        Future<?> future = running.get(id);
        if (future != null) {
            future.cancel(true);
        }
    }

    /** Ids of the work group's executions, newest first. */
    public synchronized List<String> ids(String workGroup) {
        List<QueryExecution> all = new ArrayList<>(executions.values().stream().map(Execution::execution)
                .filter(q -> q.workGroup().equals(workGroup)).toList());
        all.sort((a, b) -> b.status().submissionDateTime().compareTo(a.status().submissionDateTime()));
        return all.stream().map(QueryExecution::queryExecutionId).toList();
    }

    private Execution find(String id) {
        Execution e = executions.get(id);
        if (e == null) {
            throw AthenaApi.invalidRequest(AthenaApi.INVALID_INPUT, "QueryExecution " + id + " was not found");
        }
        return e;
    }

    @Override
    public void close() {
        threads.shutdownNow();
        writers.shutdownNow();
    }
}
