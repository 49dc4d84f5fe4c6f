package io.firelake.producer.send;

/**
 * What Kinesis answered for one entry of a PutRecords request: a shard and sequence number, or an error code.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecordsResultEntry.html">PutRecordsResultEntry</a>
 */
public record PutOutcome(String shardId, String sequenceNumber, String errorCode, String errorMessage) {

    public static PutOutcome success(String shardId, String sequenceNumber) {
        return new PutOutcome(shardId, sequenceNumber, null, null);
    }

    public static PutOutcome failure(String errorCode, String errorMessage) {
        return new PutOutcome(null, null, errorCode, errorMessage);
    }

    public boolean succeeded() {
        return errorCode == null;
    }
}
