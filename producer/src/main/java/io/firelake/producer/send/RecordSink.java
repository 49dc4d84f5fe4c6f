package io.firelake.producer.send;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where PutRecords requests go: the Kinesis adapter, or anything that answers the same way. The sink retries a whole
 * request that failed for a transient reason (throttling, a service error, a timeout), as the SDK's retry strategy
 * does, up to the attempts it is given; the entries a successful response reports failed are the sender's to retry.
 */
public interface RecordSink extends AutoCloseable {

    /**
     * Sends one request. The future completes with one outcome per record, in request order, or exceptionally with a
     * {@link SinkException} when the whole request failed.
     *
     * @param maxAttempts how many times the whole request may be sent, at least 1
     */
    CompletableFuture<PutResult> putRecords(List<KinesisRecord> records, int maxAttempts);

    /** The stream's open shards, to group records by shard; empty when they cannot be listed. */
    List<ShardRange> openShards();

    @Override
    void close();
}
