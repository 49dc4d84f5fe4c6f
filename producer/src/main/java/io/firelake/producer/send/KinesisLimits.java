package io.firelake.producer.send;

/**
 * Documented Kinesis Data Streams limits the sender keeps to.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html">PutRecords</a>
 * @see <a href="https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html">Quotas and limits</a>
 * @see <a href="https://aws.amazon.com/kinesis/data-streams/pricing/">Pricing: PUT payload units</a>
 */
public final class KinesisLimits {

    /** PutRecords accepts at most 500 records per request. */
    public static final int DEFAULT_MAX_RECORDS_PER_REQUEST = 500;
    /** PutRecords accepts at most 5 MiB per request, partition keys included. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 5 * 1024 * 1024;
    /** A record's data blob plus its partition key may not exceed 1 MiB (the default maximum record size). */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
    /** Partition keys are 1 to 256 Unicode characters. */
    public static final int MAX_PARTITION_KEY_LENGTH = 256;
    /**
     * A PUT payload unit is a 25 KB chunk of a record (data plus partition key); a provisioned stream bills each.
     * The pricing page counts a 1 MB record as 40 units, so the unit is taken as 25,000 bytes: an aggregate kept
     * within it costs one unit whichever way a kilobyte is read.
     */
    public static final int PUT_PAYLOAD_UNIT_BYTES = 25_000;

    private KinesisLimits() {
    }

    /** PUT payload units a record of this many bytes (data plus partition key) costs. */
    public static long putPayloadUnits(long recordBytes) {
        return Math.max(1, (recordBytes + PUT_PAYLOAD_UNIT_BYTES - 1) / PUT_PAYLOAD_UNIT_BYTES);
    }
}
