package io.firelake.producer.send;

/**
 * PUT payload units, what a provisioned stream bills a Kinesis record by: each started 25 KB chunk of its data plus
 * partition key. The pricing page counts a 1 MB record as 40 units, so the unit is taken as 25,000 bytes: an aggregate
 * kept within it costs one unit whichever way a kilobyte is read.
 *
 * @see <a href="https://aws.amazon.com/kinesis/data-streams/pricing/">Pricing: PUT payload units</a>
 */
public final class PutPayloadUnits {

    public static final int BYTES = 25_000;

    private PutPayloadUnits() {
    }

    /** Units a record of this many bytes (data plus partition key) costs. */
    public static long of(long recordBytes) {
        return Math.max(1, (recordBytes + BYTES - 1) / BYTES);
    }
}
