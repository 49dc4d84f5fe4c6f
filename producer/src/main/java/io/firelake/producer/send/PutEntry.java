package io.firelake.producer.send;

import io.firelake.producer.model.ProducerRecord;
import java.util.List;

/**
 * One entry of a request (PutRecords or PutRecordBatch): a plain user record, or a KPL aggregate of several (each at
 * its index, its sub-sequence number). Its members share its fate and its attempts.
 */
final class PutEntry {

    final KinesisRecord record;
    final List<ProducerRecord> members;
    final boolean aggregated;
    /** What the API counts against its limits: data plus partition key for PutRecords, data for PutRecordBatch. */
    final int bytes;
    int attempts;
    /** When it became ready to send, for the linger. */
    long readySince;

    private PutEntry(KinesisRecord record, List<ProducerRecord> members, boolean aggregated, int bytes) {
        this.record = record;
        this.members = members;
        this.aggregated = aggregated;
        this.bytes = bytes;
    }

    /** A plain record for PutRecords (its partition key counted). */
    static PutEntry plain(ProducerRecord record) {
        return plain(record, PutRecordsBatchBuilder.entryBytes(record.data(), record.partitionKey()));
    }

    /** A plain record, of {@code bytes} as its API counts them. */
    static PutEntry plain(ProducerRecord record, int bytes) {
        return new PutEntry(new KinesisRecord(record.data(), record.partitionKey(), null), List.of(record), false,
                bytes);
    }

    static PutEntry aggregate(KinesisRecord aggregate, List<ProducerRecord> members) {
        return new PutEntry(aggregate, members, true,
                PutRecordsBatchBuilder.entryBytes(aggregate.data(), aggregate.partitionKey()));
    }
}
