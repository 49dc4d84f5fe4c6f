package io.firelake.transform.core;

/**
 * The {@code kinesisRecordMetadata} Firehose adds when its source is a Kinesis data stream.
 *
 * @param shardId                     the source shard
 * @param partitionKey                the producer's partition key
 * @param approximateArrivalTimestamp when Kinesis accepted the record (epoch ms), or {@code null}
 * @param sequenceNumber              the Kinesis sequence number
 * @param subsequenceNumber           position inside a KPL aggregated record; {@code null} when absent or empty
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html">Firehose data transformation</a>
 */
public record KinesisMetadata(String shardId, String partitionKey, Long approximateArrivalTimestamp,
                              String sequenceNumber, Long subsequenceNumber) {
}
