package io.firelake.producer.send;

/**
 * What the service answered for one entry of a request: Kinesis a shard and sequence number, Firehose a record id
 * (with no shard: {@code shardId} is null and {@code sequenceNumber} holds the {@code RecordId}), or an error code.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecordsResultEntry.html">PutRecordsResultEntry</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecordBatchResponseEntry.html">PutRecordBatchResponseEntry</a>
 */
public record PutOutcome(String shardId, String sequenceNumber, String errorCode, String errorMessage) {

    public static PutOutcome success(String shardId, String sequenceNumber) {
        return new PutOutcome(shardId, sequenceNumber, null, null);
    }

    /** A record a Firehose delivery stream took, by the {@code RecordId} it gave it. */
    public static PutOutcome recordId(String recordId) {
        return new PutOutcome(null, recordId, null, null);
    }

    public static PutOutcome failure(String errorCode, String errorMessage) {
        return new PutOutcome(null, null, errorCode, errorMessage);
    }

    public boolean succeeded() {
        return errorCode == null;
    }
}
