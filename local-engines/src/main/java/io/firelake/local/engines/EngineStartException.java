package io.firelake.local.engines;

/** A local engine could not start: a port is taken, a prerequisite is missing, or it never became ready. */
public class EngineStartException extends RuntimeException {

    public EngineStartException(String message) {
        super(message);
    }

    public EngineStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
