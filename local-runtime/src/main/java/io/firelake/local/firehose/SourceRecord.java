package io.firelake.local.firehose;

import java.time.Instant;

/**
 * One user record read from the source stream, after KPL de-aggregation.
 *
 * @param shardId           the shard it was read from
 * @param sequenceNumber    the Kinesis record's sequence number (shared by the user records of one aggregate)
 * @param subsequenceNumber its position inside a KPL aggregate, 0 for a plain record
 * @param aggregated        whether it came out of a KPL aggregate
 * @param partitionKey      its partition key (the user record's own key for an aggregate)
 * @param arrival           when Kinesis accepted the record (ApproximateArrivalTimestamp)
 * @param data              the payload
 */
public record SourceRecord(String shardId, String sequenceNumber, long subsequenceNumber, boolean aggregated,
                           String partitionKey, Instant arrival, byte[] data) {

    /**
     * The Firehose record id: unique per user record. Firehose's ids are opaque; this one is the sequence number and the
     * sub-sequence, so the record can be traced back to Kinesis.
     */
    public String recordId() {
        if (subsequenceNumber < 0) {
            return sequenceNumber + String.format("%010d", subsequenceNumber);
        }
        // String.format was 5% of the Firehose's CPU (the id is built twice per record): padded by hand.
        String sub = Long.toString(subsequenceNumber);
        StringBuilder id = new StringBuilder(sequenceNumber.length() + Math.max(10, sub.length()));
        id.append(sequenceNumber);
        for (int i = sub.length(); i < 10; i++) {
            id.append('0');
        }
        return id.append(sub).toString();
    }

    /** The coordinates only, for the checkpoint: once staged in an object, the payload lives there. */
    public SourceRecord withoutPayload() {
        return new SourceRecord(shardId, sequenceNumber, subsequenceNumber, aggregated, null, arrival, null);
    }
}
