package io.firelake.kinesis.aggregation;

/**
 * A record that carries the aggregation magic bytes and a valid digest but whose protobuf cannot be decoded. Not
 * retryable: the bytes will not change.
 */
public class InvalidAggregateException extends RuntimeException {
    public InvalidAggregateException(String message) {
        super(message);
    }
}
