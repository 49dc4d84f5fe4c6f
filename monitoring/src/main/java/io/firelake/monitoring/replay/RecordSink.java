package io.firelake.monitoring.replay;

import java.util.List;

/** Where replayed records go (the Kinesis stream in production). */
public interface RecordSink {

    /** A record to send and the partition key to send it with. */
    record Outgoing(byte[] data, String partitionKey) {
    }

    /**
     * Sends a batch; returns, per input position, whether that record was accepted. The sink retries what it can;
     * a record reported false was not sent and stays out of the ledger, so the next run tries it again.
     */
    List<Boolean> send(List<Outgoing> records) throws java.io.IOException;
}
