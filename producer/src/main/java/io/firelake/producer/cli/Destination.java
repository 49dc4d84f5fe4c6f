package io.firelake.producer.cli;

import io.firelake.producer.send.PutApi;

/**
 * Where the records go: a Kinesis data stream (PutRecords) or a Firehose delivery stream (Direct PUT,
 * PutRecordBatch).
 */
record Destination(String name, boolean deliveryStream) {

    static Destination stream(String name) {
        return new Destination(name, false);
    }

    static Destination deliveryStream(String name) {
        return new Destination(name, true);
    }

    PutApi api() {
        return deliveryStream ? PutApi.FIREHOSE_PUT_RECORD_BATCH : PutApi.KINESIS_PUT_RECORDS;
    }

    /** "stream NAME" or "delivery stream NAME". */
    @Override
    public String toString() {
        return (deliveryStream ? "delivery stream " : "stream ") + name;
    }
}
