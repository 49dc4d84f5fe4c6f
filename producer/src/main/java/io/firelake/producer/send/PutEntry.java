package io.firelake.producer.send;

import io.firelake.producer.model.ProducerRecord;
import java.util.List;

/**
 * One entry of a PutRecords request: a plain user record, or a KPL aggregate of several (each at its index, its
 * sub-sequence number). Its members share its fate and its attempts.
 */
final class PutEntry {

    final KinesisRecord record;
    final List<ProducerRecord> members;
    final boolean aggregated;
    /** Data plus partition key: what PutRecords counts against its limits. */
    final int bytes;
    int attempts;
    /** When it became ready to send, for the linger. */
    long readySince;

    private PutEntry(KinesisRecord record, List<ProducerRecord> members, boolean aggregated) {
        this.record = record;
        this.members = members;
        this.aggregated = aggregated;
        this.bytes = PutRecordsBatchBuilder.entryBytes(record.data(), record.partitionKey());
    }

    static PutEntry plain(ProducerRecord record) {
        return new PutEntry(new KinesisRecord(record.data(), record.partitionKey(), null), List.of(record), false);
    }

    static PutEntry aggregate(KinesisRecord aggregate, List<ProducerRecord> members) {
        return new PutEntry(aggregate, members, true);
    }
}
