package io.firelake.athena.aws;

/** A query Athena accepted but did not finish: FAILED, CANCELLED, or timed out while polling. Not retryable as is. */
public final class AthenaQueryException extends RuntimeException {

    private final String queryExecutionId;
    private final String state;

    public AthenaQueryException(String queryExecutionId, String state, String reason) {
        super("Athena query " + queryExecutionId + " " + state + (reason == null ? "" : ": " + reason));
        this.queryExecutionId = queryExecutionId;
        this.state = state;
    }

    public String queryExecutionId() {
        return queryExecutionId;
    }

    public String state() {
        return state;
    }
}
