package io.firelake.local.firehose;

import io.firelake.kinesis.aggregation.Deaggregator;
import io.firelake.kinesis.aggregation.InvalidAggregateException;
import io.firelake.kinesis.aggregation.UserRecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The source stage: reads every shard of the Kinesis stream from its checkpoint (TRIM_HORIZON for a new stream),
 * de-aggregates KPL aggregates so that each user record becomes a Firehose record, and tracks every record until its
 * fate is written. A shard's checkpoint moves only past records that are complete (delivered, dropped or in the error
 * prefix), so a crash re-reads the rest: at-least-once, possible duplicates, never a loss.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/writing-with-kinesis-streams.html">Kinesis source</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/basic-deliver.html">KPL aggregates are de-aggregated</a>
 */
final class SourceStage implements AutoCloseable {

    /** New shards (after a reshard) are looked for this often. */
    private static final Duration SHARD_REFRESH = Duration.ofSeconds(30);

    private final StreamSource stream;
    private final CheckpointStore checkpointStore;
    private final DeliveryTracker tracker;
    private final int readLimit;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final Map<String, StreamSource.ShardReader> readers = new LinkedHashMap<>();
    private final Set<String> closedShards = new HashSet<>();
    private Instant shardsRefreshed = Instant.EPOCH;
    /** Read by {@code stats()} from any thread. */
    private volatile long pending;

    SourceStage(StreamSource stream, CheckpointStore checkpointStore, int readLimit, DeliveryMetrics metrics, Clock clock) {
        this.stream = stream;
        this.checkpointStore = checkpointStore;
        this.tracker = new DeliveryTracker(checkpointStore.load());
        this.readLimit = readLimit;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Reads each open shard once and hands each user record to {@code next}; returns the user records read. */
    int read(Consumer<SourceRecord> next) {
        refreshShards();
        int records = 0;
        long bytes = 0;
        for (Map.Entry<String, StreamSource.ShardReader> shard : readers.entrySet()) {
            if (closedShards.contains(shard.getKey())) {
                continue;
            }
            StreamSource.Batch got = shard.getValue().next(readLimit);
            for (StreamSource.KinesisRecord record : got.records()) {
                bytes += record.data().length;
                records += ingest(shard.getKey(), record, next);
            }
            if (!got.records().isEmpty() && got.millisBehindLatest() >= 0) {
                metrics.behindLatest(got.millisBehindLatest());
            }
            if (got.shardClosed()) {
                closedShards.add(shard.getKey());
            }
        }
        metrics.read(records, bytes);
        return records;
    }

    /** Whether every shard is closed, or found no more records in a read that started after {@code nanoTime}. */
    boolean caughtUpSince(long nanoTime) {
        for (Map.Entry<String, StreamSource.ShardReader> shard : readers.entrySet()) {
            if (!closedShards.contains(shard.getKey()) && !shard.getValue().caughtUpSince(nanoTime)) {
                return false;
            }
        }
        return true;
    }

    /** The record's fate is written: delivered, dropped or in the error prefix. */
    void complete(SourceRecord record) {
        tracker.complete(record);
    }

    void complete(List<SourceRecord> records) {
        for (SourceRecord record : records) {
            tracker.complete(record);
        }
    }

    /** Moves each shard's checkpoint past its leading complete records, and saves it when it moved. */
    void checkpoint() {
        if (tracker.advance()) {
            checkpointStore.save(tracker.checkpoints());
        }
        pending = tracker.pendingUserRecords();
    }

    Map<String, String> checkpoints() {
        return tracker.checkpoints();
    }

    /** Records read whose fate is not written yet. */
    long pending() {
        return pending;
    }

    @Override
    public void close() {
        readers.values().forEach(StreamSource.ShardReader::close);
    }

    private void refreshShards() {
        Instant now = clock.instant();
        if (!readers.isEmpty() && now.isBefore(shardsRefreshed.plus(SHARD_REFRESH))) {
            return;
        }
        shardsRefreshed = now;
        Map<String, String> checkpoints = tracker.checkpoints();
        List<String> shardIds;
        try {
            shardIds = stream.shardIds();
        } catch (RuntimeException e) {
            if (readers.isEmpty()) {
                throw e;
            }
            return; // new shards are looked for again at the next refresh
        }
        for (String shardId : shardIds) {
            readers.computeIfAbsent(shardId, id -> stream.open(id, checkpoints.get(id)));
        }
    }

    private int ingest(String shardId, StreamSource.KinesisRecord record, Consumer<SourceRecord> next) {
        List<UserRecord> users;
        boolean aggregated;
        try {
            aggregated = Deaggregator.isAggregated(record.data());
            users = Deaggregator.deaggregate(record.data(), record.partitionKey(), record.explicitHashKey());
        } catch (InvalidAggregateException e) {
            // A corrupt aggregate goes to the processor as it is, which fails it: the bytes end in the error prefix.
            aggregated = false;
            users = List.of(new UserRecord(record.partitionKey(), record.explicitHashKey(), record.data(), 0, false));
        }
        // Registered before the records move on: an invocation may complete them before this returns.
        tracker.register(shardId, record.sequenceNumber(), users.size());
        pending = tracker.pendingUserRecords();
        for (UserRecord user : users) {
            next.accept(new SourceRecord(shardId, record.sequenceNumber(), user.subSequenceNumber(), aggregated,
                    user.partitionKey(), record.arrival(), user.data()));
        }
        return users.size();
    }
}
