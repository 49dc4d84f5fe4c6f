package io.firelake.local.firehose.aws;

import io.firelake.local.firehose.StreamSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
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
            GetRecordsResponse response;
            try {
                response = kinesis.getRecords(b -> b.shardIterator(iterator).limit(limit));
            } catch (ExpiredIteratorException e) {
                iterator = null;
                return new Batch(List.of(), 0, false);
            } catch (ProvisionedThroughputExceededException e) {
                return new Batch(List.of(), 0, false);
            }
            List<KinesisRecord> records = new ArrayList<>(response.records().size());
            for (Record r : response.records()) {
                Instant arrival = r.approximateArrivalTimestamp() == null ? Instant.now() : r.approximateArrivalTimestamp();
                records.add(new KinesisRecord(r.sequenceNumber(), r.partitionKey(), null, arrival, r.data().asByteArrayUnsafe()));
                lastSequenceNumber = r.sequenceNumber();
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
