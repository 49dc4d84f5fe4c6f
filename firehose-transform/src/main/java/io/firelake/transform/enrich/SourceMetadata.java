package io.firelake.transform.enrich;

/**
 * Where a record came from, for the enriched row's lineage columns.
 *
 * @param receivedMillis     when Kinesis accepted the record (epoch ms), or {@code null}
 * @param shardId            Kinesis shard id, or {@code null} for Direct PUT
 * @param sequenceNumber     Kinesis sequence number, or {@code null}
 * @param subsequenceNumber  position inside a KPL aggregated record, or {@code null} when not aggregated
 */
public record SourceMetadata(Long receivedMillis, String shardId, String sequenceNumber, Long subsequenceNumber) {

    public static final SourceMetadata NONE = new SourceMetadata(null, null, null, null);
}
