package io.firelake.local.firehose;

import java.time.Instant;
import java.util.List;

/** The Kinesis stream a delivery stream reads (or its Direct PUT records), as far as Firehose needs it. */
public interface StreamSource {

    /**
     * The Kinesis stream's ARN, as Firehose passes it to the processor; null for Direct PUT, whose processor events
     * carry no Kinesis stream and no {@code kinesisRecordMetadata}.
     */
    String streamArn();

    /** The ids of every shard of the stream. */
    List<String> shardIds();

    /**
     * A reader positioned just after {@code afterSequenceNumber}, or at the oldest record when it is null
     * (Firehose starts a new delivery stream at TRIM_HORIZON).
     */
    ShardReader open(String shardId, String afterSequenceNumber);

    interface ShardReader extends AutoCloseable {
        /** The next records of the shard, possibly none. */
        Batch next(int limit);

        /**
         * Whether a read that started after {@code nanoTime} found no more records. A reader that calls GetRecords
         * when asked answers for its last call, which is always fresh; a reader that reads ahead answers for its own.
         */
        default boolean caughtUpSince(long nanoTime) {
            return true;
        }

        @Override
        default void close() {
        }
    }

    /**
     * @param records           Kinesis records in sequence order
     * @param millisBehindLatest how far the reader is behind the tip of the shard; -1 when no read was made (backing
     *                           off after an error), so an empty batch says nothing about the tip
     * @param shardClosed       whether the shard is closed and fully read
     */
    record Batch(List<KinesisRecord> records, long millisBehindLatest, boolean shardClosed) {
    }

    /** A record as stored in Kinesis, possibly a KPL aggregate. */
    record KinesisRecord(String sequenceNumber, String partitionKey, String explicitHashKey, Instant arrival, byte[] data) {
    }
}
