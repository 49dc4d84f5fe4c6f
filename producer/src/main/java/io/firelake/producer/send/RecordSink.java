package io.firelake.producer.send;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where requests go: the Kinesis adapter (PutRecords), the Firehose adapter (PutRecordBatch into a Direct PUT delivery
 * stream), or anything that answers the same way. The sink retries a whole request that failed for a transient reason
 * (throttling, a service error, a timeout), as the SDK's retry strategy does, up to the attempts it is given; the
 * entries a successful response reports failed are the sender's to retry.
 */
public interface RecordSink extends AutoCloseable {

    /**
     * Sends one request. The future completes with one outcome per record, in request order, or exceptionally with a
     * {@link SinkException} when the whole request failed.
     *
     * @param maxAttempts how many times the whole request may be sent, at least 1
     */
    CompletableFuture<PutResult> putRecords(List<KinesisRecord> records, int maxAttempts);

    /** The stream's open shards, to group records by shard; empty when they cannot be listed or there are none. */
    List<ShardRange> openShards();

    /** The API this sink writes with: its limits, and whether KPL aggregates may be sent. PutRecords by default. */
    default PutApi api() {
        return PutApi.KINESIS_PUT_RECORDS;
    }

    /**
     * Checks, before the first request, that the destination exists and takes records this way; a
     * {@link SinkException} stops the run before anything is sent. By default nothing is checked: the first request
     * tells.
     */
    default void verify() {
    }

    @Override
    void close();
}
