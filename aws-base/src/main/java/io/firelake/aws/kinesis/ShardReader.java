package io.firelake.aws.kinesis;

import io.firelake.aws.client.AwsErrorClassifier;
import io.firelake.aws.retry.Backoff;
import io.firelake.aws.retry.RetryPolicy;
import io.firelake.aws.retry.RetryState;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Reads one shard with GetShardIterator and GetRecords, in the manner of the Kinesis Client Library's shard consumer:
 * the one reader under the local Firehose's source and Lambda's event source mapping.
 *
 * <ul>
 *   <li>The iterator is opened at the {@link StartingPosition} on the first read. An iterator expires five minutes
 *       after it was handed out (ExpiredIteratorException): the reader opens a new one just after the last record it
 *       read (or at its starting position if it read none) and reads again, so nothing is skipped or read twice.</li>
 *   <li>Throttling (ProvisionedThroughputExceededException: 5 GetRecords calls per second and 2 MB/s per shard) and
 *       transient errors, once the SDK's own retries gave up, make the reader back off by its {@link RetryPolicy}
 *       without blocking: a read while backing off makes no call and returns at once. Errors no retry can fix (a
 *       missing stream, denied access) are thrown.</li>
 *   <li>A null NextShardIterator means the shard was closed by a reshard and every record of it was read.</li>
 *   <li>Each call asks for at most 10,000 records, and, with a target response size, for as many records as fit it
 *       at the average size seen so far (KPL aggregates make records large; an emulator answers 10 MB slowly).</li>
 * </ul>
 * One thread reads a reader; {@link #caughtUpSince} may be asked from another.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html">GetRecords</a>
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html">GetShardIterator</a>
 * @see <a href="https://docs.aws.amazon.com/streams/latest/dev/kinesis-using-sdk-java-get-data.html">Getting data from a shard</a>
 */
public final class ShardReader {

    /** GetRecords returns at most 10,000 records per call. */
    public static final int GET_RECORDS_LIMIT = 10_000;
    /** The backoff after a throttled or failed read: 200 ms, doubling up to 5 s. */
    public static final Backoff DEFAULT_ERROR_BACKOFF = Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(5));

    /**
     * @param errorRetries        retries of throttled or failed reads (unlimited by default: a reader waits for the
     *                            stream to come back, as Firehose and Lambda do)
     * @param targetResponseBytes the response size the record limit aims at, 0 for none; GetRecords answers at most
     *                            10 MB
     */
    public record Settings(RetryPolicy errorRetries, long targetResponseBytes) {
        public static final Settings DEFAULTS = new Settings(RetryPolicy.unlimited(DEFAULT_ERROR_BACKOFF), 0);

        public Settings withTargetResponseBytes(long value) {
            return new Settings(errorRetries, value);
        }
    }

    private final KinesisClient kinesis;
    private final String streamName;
    private final String shardId;
    private final StartingPosition start;
    private final Settings settings;
    private final LongSupplier millisClock;
    private final RetryState errors;

    private String iterator;
    private String lastSequenceNumber;
    private volatile boolean closed;
    private long averageRecordBytes = 1;
    private long expiredIterators;
    private volatile long emptyReadStartedNanos = Long.MIN_VALUE;

    public ShardReader(KinesisClient kinesis, String streamName, String shardId, StartingPosition start,
                       Settings settings) {
        this(kinesis, streamName, shardId, start, settings, () -> System.nanoTime() / 1_000_000);
    }

    /** @param millisClock a monotonic clock in milliseconds, for the backoff */
    public ShardReader(KinesisClient kinesis, String streamName, String shardId, StartingPosition start,
                       Settings settings, LongSupplier millisClock) {
        this.kinesis = Objects.requireNonNull(kinesis, "kinesis");
        this.streamName = Objects.requireNonNull(streamName, "streamName");
        this.shardId = Objects.requireNonNull(shardId, "shardId");
        this.start = Objects.requireNonNull(start, "start");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.millisClock = millisClock;
        this.errors = new RetryState(settings.errorRetries());
    }

    public String shardId() {
        return shardId;
    }

    /** The sequence number of the last record read, or null before the first. */
    public String lastSequenceNumber() {
        return lastSequenceNumber;
    }

    /** Whether the shard is closed and every record of it was read. */
    public boolean closed() {
        return closed;
    }

    /** How many times an expired iterator was replaced. */
    public long expiredIterators() {
        return expiredIterators;
    }

    /** Whether a read that started at or after {@code nanoTime} found nothing more (or the shard is closed). */
    public boolean caughtUpSince(long nanoTime) {
        long empty = emptyReadStartedNanos;
        return closed || (empty != Long.MIN_VALUE && empty - nanoTime >= 0);
    }

    /** At most one GetRecords call (two when the iterator had expired), or none while backing off. */
    public ShardRead read(int limit) {
        long started = System.nanoTime();
        if (closed) {
            return ShardRead.closed(started);
        }
        if (!errors.due(millisClock.getAsLong())) {
            return ShardRead.noCall(limit, started, null);
        }
        int asked = limit(limit);
        try {
            GetRecordsResponse response;
            try {
                response = getRecords(asked);
            } catch (ExpiredIteratorException e) {
                expiredIterators++;
                iterator = null;
                response = getRecords(asked);
            }
            errors.reset();
            return received(response, asked, started);
        } catch (SdkException e) {
            if (!AwsErrorClassifier.retryable(e) || !errors.failed(millisClock.getAsLong())) {
                throw e;
            }
            return ShardRead.noCall(asked, started, e);
        }
    }

    private GetRecordsResponse getRecords(int asked) {
        if (iterator == null) {
            iterator = openIterator();
        }
        String current = iterator;
        return kinesis.getRecords(b -> b.shardIterator(current).limit(asked));
    }

    private String openIterator() {
        StartingPosition from = lastSequenceNumber != null ? StartingPosition.after(lastSequenceNumber) : start;
        return kinesis.getShardIterator(b -> b.streamName(streamName).shardId(shardId)
                .shardIteratorType(from.type()).startingSequenceNumber(from.sequenceNumber())).shardIterator();
    }

    private int limit(int requested) {
        int limit = Math.max(1, Math.min(requested, GET_RECORDS_LIMIT));
        if (settings.targetResponseBytes() <= 0) {
            return limit;
        }
        return (int) Math.max(1, Math.min(limit, settings.targetResponseBytes() / Math.max(1, averageRecordBytes)));
    }

    private ShardRead received(GetRecordsResponse response, int asked, long started) {
        List<Record> records = response.records();
        if (!records.isEmpty()) {
            long bytes = 0;
            for (Record record : records) {
                bytes += record.data().asByteArrayUnsafe().length;
            }
            averageRecordBytes = Math.max(1, bytes / records.size());
            lastSequenceNumber = records.get(records.size() - 1).sequenceNumber();
            emptyReadStartedNanos = Long.MIN_VALUE;
        } else {
            emptyReadStartedNanos = started;
        }
        iterator = response.nextShardIterator();
        closed = iterator == null;
        long behind = response.millisBehindLatest() == null ? 0 : response.millisBehindLatest();
        return new ShardRead(records, behind, closed, asked, started, null);
    }

    @Override
    public String toString() {
        return "shard " + shardId + " of " + streamName
                + (lastSequenceNumber == null ? ", from " + start.type() : ", after " + lastSequenceNumber);
    }
}
