package io.firelake.speed.core;

/**
 * One Kinesis record as an invocation hands it over, before de-aggregation.
 *
 * @param sequenceNumber the Kinesis sequence number (the batch item identifier for partial failures)
 * @param partitionKey   the Kinesis partition key
 * @param data           the record's data (possibly a KPL aggregate)
 * @param arrivalMillis  approximate arrival time, epoch millis
 */
public record StreamRecord(String sequenceNumber, String partitionKey, byte[] data, long arrivalMillis) {
}
