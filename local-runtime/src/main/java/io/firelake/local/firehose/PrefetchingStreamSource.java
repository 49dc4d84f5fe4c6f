package io.firelake.local.firehose;

import io.firelake.local.firehose.aws.KinesisStreamSource;

import java.time.Duration;
import java.util.List;

/**
 * A Kinesis source whose shards are read ahead, each on its own thread, a few batches deep, so that GetRecords round
 * trips overlap with processing (Firehose reads shards in parallel with its processing too). Batches are handed over
 * in order, one reader per shard, so checkpoints are unaffected: a record is only tracked once the delivery thread
 * takes it. The read-ahead is aws-base's {@link io.firelake.aws.kinesis.ReadAhead}.
 */
public final class PrefetchingStreamSource implements StreamSource {

    private final KinesisStreamSource source;
    private final int depth;
    private final Duration idleWait;

    public PrefetchingStreamSource(KinesisStreamSource source, int depth, Duration idleWait) {
        this.source = source;
        this.depth = depth;
        this.idleWait = idleWait;
    }

    @Override
    public String streamArn() {
        return source.streamArn();
    }

    @Override
    public List<String> shardIds() {
        return source.shardIds();
    }

    @Override
    public ShardReader open(String shardId, String afterSequenceNumber) {
        return source.openReadingAhead(shardId, afterSequenceNumber, depth, idleWait);
    }
}
