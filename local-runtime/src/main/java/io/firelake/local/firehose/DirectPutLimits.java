package io.firelake.local.firehose;

/**
 * What a Direct PUT delivery stream takes in: Firehose's combined PutRecord/PutRecordBatch throughput quota per
 * stream, and locally a backlog bound. Past either, PutRecordBatch refuses the records that do not fit with
 * {@code ServiceUnavailableException} ("Slow down.") for the producer to send again, and counts them in
 * {@code ThrottledRecords}.
 *
 * @param backlogBytes      bytes accepted but not yet read past which records are refused: Firehose throttles past
 *                          its quota only, locally the reader (stalled on S3, say) is a limit too
 * @param recordsPerSecond  the records quota
 * @param requestsPerSecond the requests quota (PutRecord and PutRecordBatch calls)
 * @param bytesPerSecond    the throughput quota
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/limits.html">Firehose quotas (Direct PUT)</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecordBatch.html">PutRecordBatch</a>
 */
public record DirectPutLimits(long backlogBytes, int recordsPerSecond, int requestsPerSecond, long bytesPerSecond) {

    /** 256 MiB of backlog is about 600,000 events. */
    public static final long DEFAULT_BACKLOG_BYTES = 256L * 1024 * 1024;
    /** Direct PUT quota in US East (N. Virginia), US West (Oregon) and Europe (Ireland): 500,000 records/s. */
    public static final int DEFAULT_RECORDS_PER_SECOND = 500_000;
    /** ... 2,000 requests/s. */
    public static final int DEFAULT_REQUESTS_PER_SECOND = 2_000;
    /** ... and 5 MiB/s (1 MiB/s and 1,000 requests/s in most other regions). */
    public static final long DEFAULT_BYTES_PER_SECOND = 5L * 1024 * 1024;
    public static final DirectPutLimits DEFAULT = new DirectPutLimits(DEFAULT_BACKLOG_BYTES,
            DEFAULT_RECORDS_PER_SECOND, DEFAULT_REQUESTS_PER_SECOND, DEFAULT_BYTES_PER_SECOND);

    public DirectPutLimits {
        if (backlogBytes < 1 || recordsPerSecond < 1 || requestsPerSecond < 1 || bytesPerSecond < 1) {
            throw new IllegalArgumentException("the Direct PUT backlog and quotas must be >= 1: " + backlogBytes + ", "
                    + recordsPerSecond + " records/s, " + requestsPerSecond + " requests/s, " + bytesPerSecond + " B/s");
        }
    }

    public DirectPutLimits withBacklog(long bytes) {
        return new DirectPutLimits(bytes, recordsPerSecond, requestsPerSecond, bytesPerSecond);
    }

    public DirectPutLimits withQuota(int records, int requests, long bytes) {
        return new DirectPutLimits(backlogBytes, records, requests, bytes);
    }
}
