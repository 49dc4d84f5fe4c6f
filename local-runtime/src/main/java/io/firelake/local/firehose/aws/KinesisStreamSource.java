package io.firelake.local.firehose.aws;

import io.firelake.aws.kinesis.ReadAhead;
import io.firelake.aws.kinesis.ShardRead;
import io.firelake.aws.kinesis.StartingPosition;
import io.firelake.aws.kinesis.StreamShards;
import io.firelake.local.firehose.StreamSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Kinesis stream as Firehose reads it for a Kinesis source: each shard through aws-base's
 * {@link io.firelake.aws.kinesis.ShardReader}
 * (GetShardIterator, GetRecords, iterator renewal, backoff), from the checkpoint or TRIM_HORIZON, optionally read ahead.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/writing-with-kinesis-streams.html">Kinesis source</a>
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html">GetRecords</a>
 */
public final class KinesisStreamSource implements StreamSource {

    /**
     * Bytes asked for per GetRecords call. Kinesis caps a response at 10 MB; KPL aggregates make records large, and
     * an emulator answers a 10 MB response slowly, so the record limit is set from the average record size seen.
     */
    public static final long TARGET_RESPONSE_BYTES = 4L * 1024 * 1024;
    private static final Duration READ_AHEAD_POLL = Duration.ofMillis(50);

    private final KinesisClient kinesis;
    private final String streamName;
    private final String streamArn;

    public KinesisStreamSource(KinesisClient kinesis, String streamName, String region, String accountId) {
        this.kinesis = kinesis;
        this.streamName = streamName;
        this.streamArn = "arn:aws:kinesis:" + region + ":" + accountId + ":stream/" + streamName;
    }

    @Override
    public String streamArn() {
        return streamArn;
    }

    @Override
    public List<String> shardIds() {
        return StreamShards.list(kinesis, streamName).stream().map(Shard::shardId).toList();
    }

    @Override
    public StreamSource.ShardReader open(String shardId, String afterSequenceNumber) {
        io.firelake.aws.kinesis.ShardReader reader = reader(shardId, afterSequenceNumber);
        return new StreamSource.ShardReader() {
            @Override
            public Batch next(int limit) {
                return batch(reader.read(limit));
            }

            @Override
            public boolean caughtUpSince(long nanoTime) {
                return reader.caughtUpSince(nanoTime);
            }
        };
    }

    /**
     * As {@link #open}, read ahead on a thread of the shard's own, {@code depth} reads deep, pausing {@code idleWait}
     * after an empty read: GetRecords round trips and their parsing overlap with the delivery stream's processing.
     */
    public StreamSource.ShardReader openReadingAhead(String shardId, String afterSequenceNumber, int depth,
                                                     Duration idleWait) {
        ReadAhead<Batch> ahead = new ReadAhead<>(reader(shardId, afterSequenceNumber), KinesisStreamSource::batch,
                depth, idleWait);
        return new StreamSource.ShardReader() {
            @Override
            public Batch next(int limit) {
                Batch batch = ahead.poll(limit, READ_AHEAD_POLL);
                return batch != null ? batch : new Batch(List.of(), 0, false);
            }

            @Override
            public boolean caughtUpSince(long nanoTime) {
                return ahead.caughtUpSince(nanoTime);
            }

            @Override
            public void close() {
                ahead.close();
            }
        };
    }

    private io.firelake.aws.kinesis.ShardReader reader(String shardId, String afterSequenceNumber) {
        return new io.firelake.aws.kinesis.ShardReader(kinesis, streamName, shardId, StartingPosition.afterOrTrimHorizon(afterSequenceNumber),
                io.firelake.aws.kinesis.ShardReader.Settings.DEFAULTS.withTargetResponseBytes(TARGET_RESPONSE_BYTES));
    }

    private static Batch batch(ShardRead read) {
        List<KinesisRecord> records = new ArrayList<>(read.records().size());
        for (Record r : read.records()) {
            Instant arrival = r.approximateArrivalTimestamp() == null ? Instant.now() : r.approximateArrivalTimestamp();
            records.add(new KinesisRecord(r.sequenceNumber(), r.partitionKey(), null, arrival, r.data().asByteArrayUnsafe()));
        }
        return new Batch(records, read.millisBehindLatest(), read.shardClosed());
    }
}
