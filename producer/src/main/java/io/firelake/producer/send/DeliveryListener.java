package io.firelake.producer.send;

import io.firelake.producer.model.ProducerRecord;

/**
 * Told the fate of every record, once: delivered with its place in the stream (or its record id in a Firehose delivery
 * stream), or failed for good with a reason.
 */
public interface DeliveryListener {

    DeliveryListener NONE = new DeliveryListener() {
        @Override
        public void delivered(ProducerRecord record, Delivery delivery) {
        }

        @Override
        public void failed(ProducerRecord record, String errorCode, String errorMessage, int attempts) {
        }
    };

    /**
     * @param shardId           the shard that acknowledged it; null for a Firehose delivery stream, which has none
     * @param sequenceNumber    the sequence number of the Kinesis record holding it, or Firehose's {@code RecordId}
     * @param subSequenceNumber its index inside the aggregate, 0 for a plain record
     * @param aggregated        whether it was sent inside a KPL aggregate
     * @param attempts          how many PutRecords (or PutRecordBatch) attempts it took
     */
    record Delivery(String shardId, String sequenceNumber, int subSequenceNumber, boolean aggregated, int attempts) {

        /** Firehose's {@code RecordId} for a record of a delivery stream; null for a Kinesis record. */
        public String recordId() {
            return shardId == null ? sequenceNumber : null;
        }
    }

    void delivered(ProducerRecord record, Delivery delivery);

    void failed(ProducerRecord record, String errorCode, String errorMessage, int attempts);
}
