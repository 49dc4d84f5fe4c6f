package io.firelake.local.firehose;

import java.time.Instant;
import java.util.List;

/** The Kinesis stream a delivery stream reads, as far as Firehose needs it. */
public interface StreamSource {

    /** The stream's ARN, as Firehose passes it to the processor. */
    String streamArn();

    /** The ids of every shard of the stream. */
    List<String> shardIds();

    /**
     * A reader positioned just after {@code afterSequenceNumber}, or at the oldest record when it is null
     * (Firehose starts a new delivery stream at TRIM_HORIZON).
     */
    ShardReader open(String shardId, String afterSequenceNumber);

    interface ShardReader {
        /** The next records of the shard, possibly none. */
        Batch next(int limit);
    }

    /**
     * @param records           Kinesis records in sequence order
     * @param millisBehindLatest how far the reader is behind the tip of the shard
     * @param shardClosed       whether the shard is closed and fully read
     */
    record Batch(List<KinesisRecord> records, long millisBehindLatest, boolean shardClosed) {
    }

    /** A record as stored in Kinesis, possibly a KPL aggregate. */
    record KinesisRecord(String sequenceNumber, String partitionKey, String explicitHashKey, Instant arrival, byte[] data) {
    }
}
