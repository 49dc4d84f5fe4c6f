package io.firelake.producer.send;

/**
 * One entry of a PutRecords request: a plain user record or a KPL aggregate.
 *
 * @param data            the data blob
 * @param partitionKey    the partition key (for an aggregate, its first user record's)
 * @param explicitHashKey the explicit hash key that picks the shard, or null to hash the partition key
 */
public record KinesisRecord(byte[] data, String partitionKey, String explicitHashKey) {
}
