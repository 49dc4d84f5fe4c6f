package io.firelake.producer.send;

import io.firelake.kinesis.aggregation.AggregatedRecordEncoder;
import io.firelake.producer.model.ProducerRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Packs user records into KPL aggregates, as the Kinesis Producer Library does, so that many small records share one
 * Kinesis record and one PUT payload unit. Records are buffered per predicted shard ({@link ShardMap}), ordered by
 * partition key (a stable sort, so a session's events keep their order) and packed into aggregates of at most
 * {@link SenderSettings#aggregateMaxBytes()}; each aggregate gets an explicit hash key inside its shard, so a session
 * stays on the shard its key maps to. A record too large to share a unit goes alone. Not thread-safe: the sender
 * calls it under its lock.
 *
 * @see <a href="https://docs.aws.amazon.com/streams/latest/dev/kinesis-kpl-concepts.html">KPL key concepts: aggregation</a>
 * @see <a href="https://github.com/awslabs/amazon-kinesis-producer/blob/master/aggregation-format.md">KPL aggregated record format</a>
 */
final class KplAggregator {

    /** The fixed cost of an aggregate around its records: magic, digest, and the smallest table entry. */
    private static final int AGGREGATE_OVERHEAD_BYTES = 4 + 16 + 8;

    private record Pending(ProducerRecord record, long arrivalNanos) {
    }

    private static final class ShardBuffer {
        List<Pending> records = new ArrayList<>();
        int bytes;
        long oldestNanos;
    }

    private final ShardMap shardMap;
    private final SenderSettings settings;
    private final Consumer<PutEntry> ready;
    private final ShardBuffer[] buffers;
    private final AggregatedRecordEncoder encoder = new AggregatedRecordEncoder();
    private int packRounds;

    /**
     * @param shardMap null to buffer every record together (the shards could not be listed)
     * @param ready    takes each packed entry, in order
     */
    KplAggregator(ShardMap shardMap, SenderSettings settings, Consumer<PutEntry> ready) {
        this.shardMap = shardMap;
        this.settings = settings;
        this.ready = ready;
        this.buffers = new ShardBuffer[shardMap == null ? 1 : shardMap.size()];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = new ShardBuffer();
        }
    }

    int shardGroups() {
        return buffers.length;
    }

    /** Buffers a record of {@code bytes} (data plus key); packs its shard's buffer once that is full. */
    void add(ProducerRecord record, int bytes, long nowNanos) {
        int group = shardMap == null ? 0 : shardMap.shardIndexOf(record.partitionKey());
        ShardBuffer buffer = buffers[group];
        if (buffer.records.isEmpty()) {
            buffer.oldestNanos = nowNanos;
        }
        buffer.records.add(new Pending(record, nowNanos));
        buffer.bytes += bytes;
        if (buffer.bytes >= settings.shardBufferBytes()) {
            pack(group, false);
        }
    }

    /** Packs the buffers whose oldest record has waited {@code lingerNanos}. */
    void packLingering(long nowNanos, long lingerNanos) {
        for (int group = 0; group < buffers.length; group++) {
            ShardBuffer buffer = buffers[group];
            if (!buffer.records.isEmpty() && nowNanos - buffer.oldestNanos >= lingerNanos) {
                pack(group, false);
            }
        }
    }

    /** Packs everything, partly filled aggregates included: the run ends. */
    void packAll() {
        for (int group = 0; group < buffers.length; group++) {
            pack(group, true);
        }
    }

    /**
     * Packs a shard's buffered records into aggregates (or plain records) and hands them on. The last, partly filled
     * aggregate stays buffered for more records to fill it unless {@code force} or its oldest record has waited
     * {@code partialWait}: a half-empty aggregate costs a whole PUT payload unit.
     */
    private void pack(int group, boolean force) {
        ShardBuffer buffer = buffers[group];
        if (buffer.records.isEmpty()) {
            return;
        }
        String explicitHashKey = shardMap == null ? null : shardMap.explicitHashKey(group);
        List<Pending> records = buffer.records;
        // Records of one session side by side (they then share a partition key table entry), in their order (a
        // stable sort). The order of sessions changes every round, so the same sessions do not always fall into
        // the partly filled aggregate at the end and wait there until they linger out.
        int salt = ++packRounds * 0x9E3779B9;
        records.sort(Comparator.<Pending>comparingInt(p -> mix(p.record().partitionKey().hashCode() ^ salt))
                .thenComparing(p -> p.record().partitionKey()));
        List<Pending> members = new ArrayList<>();
        encoder.reset();
        String firstKey = null;
        long now = System.nanoTime();
        for (Pending pending : records) {
            ProducerRecord record = pending.record();
            int alone = PutRecordsBatchBuilder.entryBytes(record.data(), record.partitionKey());
            if (alone + AGGREGATE_OVERHEAD_BYTES > settings.aggregateMaxBytes()) {
                ready.accept(PutEntry.plain(record));
                continue;
            }
            if (!members.isEmpty() && encoder.sizeIfAdded(record.partitionKey(), null, record.data())
                    + PutRecordsBatchBuilder.utf8Length(firstKey) > settings.aggregateMaxBytes()) {
                ready.accept(aggregate(members, firstKey, explicitHashKey));
                members = new ArrayList<>();
                encoder.reset();
            }
            if (members.isEmpty()) {
                firstKey = record.partitionKey();
            }
            encoder.add(record.partitionKey(), null, record.data());
            members.add(pending);
        }
        buffer.records = new ArrayList<>();
        buffer.bytes = 0;
        if (!members.isEmpty()) {
            long oldest = members.stream().mapToLong(Pending::arrivalNanos).min().orElseThrow();
            if (force || now - oldest >= settings.partialWait().toNanos()) {
                ready.accept(aggregate(members, firstKey, explicitHashKey));
            } else {
                buffer.records.addAll(members);
                for (Pending pending : members) {
                    buffer.bytes += PutRecordsBatchBuilder.entryBytes(pending.record().data(),
                            pending.record().partitionKey());
                }
                buffer.oldestNanos = oldest;
            }
        }
        encoder.reset();
    }

    private PutEntry aggregate(List<Pending> members, String partitionKey, String explicitHashKey) {
        if (members.size() == 1) {
            return PutEntry.plain(members.get(0).record());
        }
        List<ProducerRecord> records = new ArrayList<>(members.size());
        for (Pending pending : members) {
            records.add(pending.record());
        }
        return PutEntry.aggregate(new KinesisRecord(encoder.toBytes(), partitionKey, explicitHashKey), records);
    }

    /** A cheap integer hash finaliser (from MurmurHash3), so that nearby salts give unrelated orders. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }
}
