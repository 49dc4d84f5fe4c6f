package io.firelake.endpoint.athena;

import software.amazon.awssdk.services.athena.model.AthenaError;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatistics;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.StatementType;

import java.time.Duration;
import java.time.Instant;

/**
 * A query execution as GetQueryExecution shows it at each step: queued, running, finished with its statistics and
 * its error.
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/APIReference/API_QueryExecutionStatistics.html">QueryExecutionStatistics</a>
 */
final class ExecutionStates {

    /** What a work group's engine is, as GetQueryExecution reports it. */
    static final String ENGINE_VERSION = "Athena engine version 3";

    private ExecutionStates() {
    }

    /**
     * A utility or DDL statement's results are a text file ({@code <id>.txt}), a query's a CSV, as Athena writes
     * them.
     */
    static QueryExecution queued(String id, QueryExecutions.Submission s, QueryEngine.Classified kind,
                                 Instant now) {
        String location = s.outputLocation().endsWith("/") ? s.outputLocation() : s.outputLocation() + "/";
        boolean text = kind.kind() != QueryEngine.StatementKind.DML;
        return QueryExecution.builder().queryExecutionId(id).query(s.sql())
                .statementType(StatementType.valueOf(kind.kind().name())).substatementType(kind.substatementType())
                .workGroup(s.workGroup())
                .queryExecutionContext(c -> c.database(s.database()).catalog("AwsDataCatalog"))
                .resultConfiguration(r -> r.outputLocation(location + id + (text ? ".txt" : ".csv")))
                .executionParameters(s.parameters())
                .engineVersion(v -> v.selectedEngineVersion("AUTO").effectiveEngineVersion(ENGINE_VERSION))
                .status(QueryExecutionStatus.builder().state(QueryExecutionState.QUEUED).submissionDateTime(now)
                        .build())
                .statistics(QueryExecutionStatistics.builder().dataScannedInBytes(0L).build())
                .build();
    }

    static QueryExecution running(QueryExecution queued) {
        return queued.toBuilder().status(queued.status().toBuilder().state(QueryExecutionState.RUNNING).build())
                .build();
    }

    /** While it is queued or running: the total time so far, as Athena reports it. */
    static QueryExecution sofar(QueryExecution e, Instant now) {
        return e.toBuilder().statistics(e.statistics().toBuilder()
                .totalExecutionTimeInMillis(millis(e.status().submissionDateTime(), now)).build()).build();
    }

    /**
     * @param started    when the engine began
     * @param engineDone when the engine was done (then the results were written until {@code now})
     */
    static QueryExecution finished(QueryExecution e, QueryExecutionState state, String reason, AthenaError error,
                                   long bytesScanned, Instant started, Instant engineDone, Instant now) {
        Instant submitted = e.status().submissionDateTime();
        return e.toBuilder()
                .status(e.status().toBuilder().state(state).stateChangeReason(reason).completionDateTime(now)
                        .athenaError(error).build())
                .statistics(QueryExecutionStatistics.builder()
                        .engineExecutionTimeInMillis(millis(started, engineDone))
                        .dataScannedInBytes(bytesScanned)
                        .totalExecutionTimeInMillis(millis(submitted, now))
                        .queryQueueTimeInMillis(millis(submitted, started))
                        .serviceProcessingTimeInMillis(millis(engineDone, now))
                        .build())
                .build();
    }

    /** Athena's error: a system error may succeed when retried, a user error will not. */
    static AthenaError error(int category, int type, String message) {
        return AthenaError.builder().errorCategory(category).errorType(type)
                .retryable(category == QueryEngine.QueryFailure.SYSTEM).errorMessage(message).build();
    }

    static boolean isFinal(QueryExecutionState state) {
        return state == QueryExecutionState.SUCCEEDED || state == QueryExecutionState.FAILED
                || state == QueryExecutionState.CANCELLED;
    }

    private static long millis(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis());
    }
}
