package io.firelake.producer.send;

import java.util.Map;

/**
 * What a run did.
 *
 * @param records          user records handed to the sender
 * @param recordBytes      their payload bytes
 * @param delivered        user records Kinesis acknowledged
 * @param deliveredBytes   their payload bytes
 * @param failed           user records reported undeliverable
 * @param kinesisRecords   Kinesis records acknowledged (aggregates count once)
 * @param kinesisBytes     their bytes, partition keys included
 * @param aggregates       how many of those were KPL aggregates
 * @param putPayloadUnits  25 KB PUT payload units of the acknowledged Kinesis records
 * @param requests         PutRecords requests sent, retries included (the SDK's of whole requests too)
 * @param retriedEntries   PutRecords entries sent again after a failure
 * @param retriedRequests  PutRecords requests that were retries
 * @param throttled        entries refused for throughput, and requests refused for it after the SDK's retries
 * @param recordsByKind    user records per kind (valid, each fault, replay)
 * @param failuresByCode   undeliverable user records per error code
 * @param elapsedNanos     wall time of the run
 */
public record SendSummary(long records, long recordBytes, long delivered, long deliveredBytes, long failed,
                          long kinesisRecords, long kinesisBytes, long aggregates, long putPayloadUnits,
                          long requests, long retriedEntries, long retriedRequests, long throttled,
                          Map<String, Long> recordsByKind, Map<String, Long> failuresByCode, long elapsedNanos) {

    public double seconds() {
        return elapsedNanos / 1e9;
    }

    public double recordsPerSecond() {
        return seconds() <= 0 ? 0 : delivered / seconds();
    }

    public double megabytesPerSecond() {
        return seconds() <= 0 ? 0 : deliveredBytes / 1e6 / seconds();
    }

    /** The fewest PUT payload units these bytes could cost: every unit filled to the brim. */
    public double minimumPutPayloadUnits() {
        return (double) deliveredBytes / PutPayloadUnits.BYTES;
    }

    public boolean complete() {
        return failed == 0 && delivered == records;
    }
}
