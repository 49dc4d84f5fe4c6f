package io.firelake.producer.send;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where PutRecords requests go: the Kinesis adapter, or anything that answers the same way. The future completes with
 * one outcome per record, in request order, or exceptionally with a {@link SinkException} when the whole request
 * failed.
 */
public interface RecordSink extends AutoCloseable {

    CompletableFuture<List<PutOutcome>> putRecords(List<KinesisRecord> records);

    /** The stream's open shards, to group records by shard; empty when they cannot be listed. */
    List<ShardRange> openShards();

    @Override
    void close();
}
