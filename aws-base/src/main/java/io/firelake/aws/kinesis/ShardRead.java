package io.firelake.aws.kinesis;

import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * What one {@link ShardReader#read} got.
 *
 * @param records            the records, in sequence order (KPL aggregates as they are stored)
 * @param millisBehindLatest how far the shard's tip is ahead of the last record read (GetRecords' MillisBehindLatest);
 *                           {@link #NO_CALL} when no GetRecords call was made (the reader backs off), so an empty read
 *                           says nothing about the tip
 * @param shardClosed        the shard is closed (resharded) and every record of it was read
 * @param limit              the most records the call asked for
 * @param startedNanos       {@link System#nanoTime()} when the read started
 * @param failure            the retryable error this read met (the reader now backs off), or null
 */
public record ShardRead(List<Record> records, long millisBehindLatest, boolean shardClosed, int limit,
                        long startedNanos, SdkException failure) {

    public static final long NO_CALL = -1;

    static ShardRead noCall(int limit, long startedNanos, SdkException failure) {
        return new ShardRead(List.of(), NO_CALL, false, limit, startedNanos, failure);
    }

    static ShardRead closed(long startedNanos) {
        return new ShardRead(List.of(), 0, true, 0, startedNanos, null);
    }

    /** Whether a GetRecords call answered (so an empty read means there was nothing to read). */
    public boolean called() {
        return millisBehindLatest != NO_CALL;
    }

    /** The call read up to the tip of the shard: fewer records than asked for, and nothing behind. */
    public boolean caughtUp() {
        return shardClosed || (called() && records.size() < limit && millisBehindLatest == 0);
    }
}
