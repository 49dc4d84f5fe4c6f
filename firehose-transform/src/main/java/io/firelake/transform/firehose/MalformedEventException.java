package io.firelake.transform.firehose;

/** The request is not a Firehose transformation event at all (not JSON, or no {@code records} array). */
public class MalformedEventException extends Exception {

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
