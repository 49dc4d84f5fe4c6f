package io.firelake.local.eventsource;

import java.time.Instant;

/**
 * Where a batch goes when its retries are exhausted, as Lambda's on-failure destination: a record of the batch's
 * position in the stream (not its data, which stays in the stream for its retention period), so nothing is dropped
 * silently.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html">Kinesis on-failure destinations</a>
 */
@FunctionalInterface
public interface OnFailureDestination {

    void discarded(DiscardedBatch batch);

    /**
     * Mirrors the KinesisBatchInfo of Lambda's on-failure invocation record.
     *
     * @param condition    why: RetryAttemptsExhausted or RecordAgeExceeded
     * @param errorMessage the last function error, or the failing batch item
     */
    record DiscardedBatch(String streamArn, String shardId, String startSequenceNumber, String endSequenceNumber,
                          Instant approximateArrivalOfFirstRecord, Instant approximateArrivalOfLastRecord,
                          int batchSize, String condition, String errorMessage, Instant timestamp) {
    }
}
