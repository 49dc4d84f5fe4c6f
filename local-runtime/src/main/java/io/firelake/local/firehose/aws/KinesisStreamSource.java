package io.firelake.local.firehose.aws;

import io.firelake.local.firehose.StreamSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Kinesis stream with ListShards, GetShardIterator and GetRecords, as Firehose does for a Kinesis source.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html">GetRecords</a>
 */
public final class KinesisStreamSource implements StreamSource {

    /**
     * Bytes asked for per GetRecords call. Kinesis caps a response at 10 MB; KPL aggregates make records large, and
     * an emulator answers a 10 MB response slowly, so the record limit is set from the average record size seen.
     */
    public static final long TARGET_RESPONSE_BYTES = 4L * 1024 * 1024;

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
        List<String> ids = new ArrayList<>();
        String next = null;
        do {
            ListShardsRequest request = next == null
                    ? ListShardsRequest.builder().streamName(streamName).build()
                    : ListShardsRequest.builder().nextToken(next).build();
            ListShardsResponse response = kinesis.listShards(request);
            response.shards().stream().map(Shard::shardId).forEach(ids::add);
            next = response.nextToken();
        } while (next != null);
        return ids;
    }

    @Override
    public ShardReader open(String shardId, String afterSequenceNumber) {
        return new Reader(shardId, afterSequenceNumber);
    }

    private final class Reader implements ShardReader {
        private final String shardId;
        private String lastSequenceNumber;
        private String iterator;
        private boolean closed;
        private long averageRecordBytes = 1;
        private int failures;
        private Instant backoffUntil = Instant.EPOCH;
        private volatile long emptyReadStartedNanos = Long.MIN_VALUE;

        @Override
        public boolean caughtUpSince(long nanoTime) {
            long empty = emptyReadStartedNanos;
            return closed || (empty != Long.MIN_VALUE && empty - nanoTime >= 0);
        }

        Reader(String shardId, String afterSequenceNumber) {
            this.shardId = shardId;
            this.lastSequenceNumber = afterSequenceNumber;
        }

        @Override
        public Batch next(int limit) {
            if (closed) {
                return new Batch(List.of(), 0, true);
            }
            if (iterator == null) {
                iterator = newIterator();
            }
            if (Instant.now().isBefore(backoffUntil)) {
                return new Batch(List.of(), -1, false);
            }
            long started = System.nanoTime();
            int calls = Math.max(1, Math.min(limit, (int) (TARGET_RESPONSE_BYTES / Math.max(1, averageRecordBytes))));
            GetRecordsResponse response;
            try {
                response = kinesis.getRecords(b -> b.shardIterator(iterator).limit(calls));
            } catch (ExpiredIteratorException e) {
                iterator = null;
                return new Batch(List.of(), -1, false);
            } catch (SdkClientException | KinesisException e) {
                // Throttling, timeouts, 5xx: transient for a reader, Firehose keeps reading the shard. The iterator is still valid (5 minutes),
                // or is renewed from the last sequence number read if it expired meanwhile.
                failures++;
                backoffUntil = Instant.now().plusMillis(Math.min(5_000, 100L << Math.min(failures, 6)));
                return new Batch(List.of(), -1, false);
            }
            failures = 0;
            List<KinesisRecord> records = new ArrayList<>(response.records().size());
            long bytes = 0;
            for (Record r : response.records()) {
                bytes += r.data().asByteArrayUnsafe().length;
                Instant arrival = r.approximateArrivalTimestamp() == null ? Instant.now() : r.approximateArrivalTimestamp();
                records.add(new KinesisRecord(r.sequenceNumber(), r.partitionKey(), null, arrival, r.data().asByteArrayUnsafe()));
                lastSequenceNumber = r.sequenceNumber();
            }
            if (!records.isEmpty()) {
                averageRecordBytes = Math.max(1, bytes / records.size());
                emptyReadStartedNanos = Long.MIN_VALUE;
            } else {
                emptyReadStartedNanos = started;
            }
            iterator = response.nextShardIterator();
            closed = iterator == null;
            long behind = response.millisBehindLatest() == null ? 0 : response.millisBehindLatest();
            return new Batch(records, behind, closed);
        }

        private String newIterator() {
            return kinesis.getShardIterator(b -> {
                b.streamName(streamName).shardId(shardId);
                if (lastSequenceNumber == null) {
                    b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                } else {
                    b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(lastSequenceNumber);
                }
            }).shardIterator();
        }
    }
}
