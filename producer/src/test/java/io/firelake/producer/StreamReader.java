package io.firelake.producer;

import io.firelake.kinesis.aggregation.Deaggregator;
import io.firelake.kinesis.aggregation.UserRecord;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Reads every record of every shard from the start, de-aggregated, as a consumer would. */
final class StreamReader {

    record ReadRecord(String shardId, String sequenceNumber, long subSequence, String partitionKey, byte[] data,
                      boolean aggregated) {
    }

    private StreamReader() {
    }

    static List<ReadRecord> readAll(KinesisClient kinesis, String stream) {
        List<ReadRecord> out = new ArrayList<>();
        for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse response = kinesis.getRecords(b -> b.shardIterator(current).limit(10_000));
                for (Record record : response.records()) {
                    for (UserRecord user : Deaggregator.deaggregate(record.data().asByteArray(),
                            record.partitionKey(), null)) {
                        out.add(new ReadRecord(shard.shardId(), record.sequenceNumber(), user.subSequenceNumber(),
                                user.partitionKey(), user.data(), user.aggregated()));
                    }
                }
                if (response.records().isEmpty() && (response.millisBehindLatest() == null
                        || response.millisBehindLatest() == 0)) {
                    break;
                }
                iterator = response.nextShardIterator();
            }
        }
        return out;
    }
}
