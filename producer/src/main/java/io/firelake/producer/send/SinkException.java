package io.firelake.producer.send;

/**
 * A whole PutRecords request failed. {@code retryable} requests are sent again after a backoff (throttling, service
 * errors, timeouts); the others fail their records at once (missing stream, access denied, invalid request).
 */
public class SinkException extends RuntimeException {

    private final String code;
    private final boolean retryable;
    private final boolean throttled;

    public SinkException(String code, String message, boolean retryable, boolean throttled, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
        this.retryable = retryable;
        this.throttled = throttled;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    public boolean throttled() {
        return throttled;
    }
}
