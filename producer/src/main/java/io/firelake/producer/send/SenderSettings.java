package io.firelake.producer.send;

import io.firelake.aws.retry.Backoff;

import java.time.Duration;

/**
 * How the sender batches and retries.
 *
 * @param aggregation        pack user records into KPL aggregates (on by default)
 * @param aggregateMaxBytes  target size of an aggregate, partition key included: one PUT payload unit by default
 * @param shardBufferBytes   user record bytes buffered per shard before they are packed; a larger buffer lets
 *                           records of one session share a partition key table entry
 * @param linger             how long a record waits in a shard's buffer before its full aggregates are sent
 * @param partialWait        how long a partly filled aggregate may wait for more records before it is sent as it
 *                           is: half-empty aggregates cost whole PUT payload units
 * @param maxInFlight        PutRecords requests in flight at once (retries count against their original request)
 * @param maxAttempts        attempts per record before it is reported undeliverable, whole-request retries by the
 *                           SDK included
 * @param backoff            the wait between attempts, the SDK's and the sender's
 * @param maxRecordsPerRequest PutRecords entries per request
 * @param maxRequestBytes    PutRecords bytes per request (data plus partition keys)
 * @param maxRecordBytes     bytes per Kinesis record (data plus partition key)
 */
public record SenderSettings(boolean aggregation, int aggregateMaxBytes, int shardBufferBytes, Duration linger,
                             Duration partialWait, int maxInFlight, int maxAttempts, Backoff backoff,
                             int maxRecordsPerRequest, int maxRequestBytes, int maxRecordBytes) {

    public static final int DEFAULT_SHARD_BUFFER_BYTES = 512 * 1024;
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(200);
    public static final Duration DEFAULT_PARTIAL_WAIT = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_IN_FLIGHT = 8;
    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    public static final Duration DEFAULT_BACKOFF_CAP = Duration.ofSeconds(5);
    /** Before the n-th retry of an entry: a random wait up to min(5 s, 100 ms x 2^(n-1)) (exponential, full jitter). */
    public static final Backoff DEFAULT_BACKOFF = backoff(Duration.ofMillis(100));

    public SenderSettings {
        int limit = PutRecordsBatchBuilder.DEFAULT_MAX_RECORDS_PER_REQUEST;
        if (maxRecordsPerRequest < 1 || maxRecordsPerRequest > limit) {
            throw new IllegalArgumentException("records per request must be 1.." + limit);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("at least one request must be allowed in flight");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1");
        }
        if (aggregateMaxBytes < 1024 || aggregateMaxBytes > maxRecordBytes) {
            throw new IllegalArgumentException("aggregate size must be between 1 KiB and the record limit");
        }
    }

    public static SenderSettings defaults() {
        return new SenderSettings(true, PutPayloadUnits.BYTES, DEFAULT_SHARD_BUFFER_BYTES,
                DEFAULT_LINGER, DEFAULT_PARTIAL_WAIT, DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_ATTEMPTS, DEFAULT_BACKOFF,
                PutRecordsBatchBuilder.DEFAULT_MAX_RECORDS_PER_REQUEST,
                PutRecordsBatchBuilder.DEFAULT_MAX_REQUEST_BYTES, PutRecordsBatchBuilder.DEFAULT_MAX_RECORD_BYTES);
    }

    public SenderSettings withAggregation(boolean on) {
        return new SenderSettings(on, aggregateMaxBytes, shardBufferBytes, linger, partialWait,
                maxInFlight, maxAttempts, backoff, maxRecordsPerRequest, maxRequestBytes, maxRecordBytes);
    }

    public SenderSettings withMaxInFlight(int requests) {
        return new SenderSettings(aggregation, aggregateMaxBytes, shardBufferBytes, linger, partialWait,
                requests, maxAttempts, backoff, maxRecordsPerRequest, maxRequestBytes, maxRecordBytes);
    }

    public SenderSettings withMaxAttempts(int attempts) {
        return new SenderSettings(aggregation, aggregateMaxBytes, shardBufferBytes, linger, partialWait,
                maxInFlight, attempts, backoff, maxRecordsPerRequest, maxRequestBytes, maxRecordBytes);
    }

    public SenderSettings withBackoff(Backoff newBackoff) {
        return new SenderSettings(aggregation, aggregateMaxBytes, shardBufferBytes, linger, partialWait,
                maxInFlight, maxAttempts, newBackoff, maxRecordsPerRequest, maxRequestBytes, maxRecordBytes);
    }

    public SenderSettings withLinger(Duration newLinger) {
        return new SenderSettings(aggregation, aggregateMaxBytes, shardBufferBytes, newLinger, partialWait,
                maxInFlight, maxAttempts, backoff, maxRecordsPerRequest, maxRequestBytes, maxRecordBytes);
    }

    public SenderSettings withPartialWait(Duration wait) {
        return new SenderSettings(aggregation, aggregateMaxBytes, shardBufferBytes, linger, wait,
                maxInFlight, maxAttempts, backoff, maxRecordsPerRequest, maxRequestBytes, maxRecordBytes);
    }

    public SenderSettings withMaxRecordsPerRequest(int records) {
        return new SenderSettings(aggregation, aggregateMaxBytes, shardBufferBytes, linger, partialWait,
                maxInFlight, maxAttempts, backoff, records, maxRequestBytes, maxRecordBytes);
    }

    public SenderSettings withAggregateMaxBytes(int bytes) {
        return new SenderSettings(aggregation, bytes, shardBufferBytes, linger, partialWait,
                maxInFlight, maxAttempts, backoff, maxRecordsPerRequest, maxRequestBytes, maxRecordBytes);
    }

    /** Exponential backoff with full jitter from {@code base}, capped at {@link #DEFAULT_BACKOFF_CAP}. */
    public static Backoff backoff(Duration base) {
        return Backoff.exponential(base, DEFAULT_BACKOFF_CAP).withJitter(Backoff.Jitter.FULL);
    }
}
