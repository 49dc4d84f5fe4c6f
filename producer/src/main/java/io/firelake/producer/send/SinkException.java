package io.firelake.producer.send;

/**
 * A whole PutRecords request failed, after the sink's own attempts. What it means for its records is the
 * {@link PutRecordsErrorClassifier}'s to say, from the error code and HTTP status.
 */
public class SinkException extends RuntimeException {

    private final String code;
    private final int httpStatus;
    private final int attempts;

    /**
     * @param code       the service's error code, or the adapter's name for a failure without one
     * @param httpStatus the HTTP status, 0 when no response came back
     * @param attempts   how many times the request was sent, at least 1
     */
    public SinkException(String code, int httpStatus, String message, int attempts, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
        this.httpStatus = httpStatus;
        this.attempts = Math.max(1, attempts);
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int attempts() {
        return attempts;
    }

    public PutRecordsErrorClassifier.Verdict verdict() {
        return PutRecordsErrorClassifier.request(code, httpStatus);
    }

    public boolean throttled() {
        return PutRecordsErrorClassifier.throttling(code, httpStatus);
    }
}
