package io.firelake.local.console;

/**
 * What the demo's producer has sent so far, for the console's first edge; {@code local up} has no producer of its own
 * (clients send from elsewhere), and the edge is then not shown.
 */
public final class ProducerGauge {

    private volatile long records = -1;
    private volatile long bytes;

    /** The producer's running totals: records and bytes accepted by the stream. */
    public void sent(long records, long bytes) {
        this.bytes = bytes;
        this.records = records;
    }

    boolean known() {
        return records >= 0;
    }

    long records() {
        return Math.max(0, records);
    }

    long bytes() {
        return bytes;
    }
}
