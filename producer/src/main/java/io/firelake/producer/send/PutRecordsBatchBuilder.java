package io.firelake.producer.send;

import io.firelake.producer.model.ProducerRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Groups the entries ready to send into requests, in the order they became ready, within the limits of the sink's
 * {@link PutApi} and the sender's settings, whichever is lower. For PutRecords (the defaults here) the documented limits
 * are {@value #DEFAULT_MAX_RECORDS_PER_REQUEST} entries and 5 MiB ({@value #DEFAULT_MAX_REQUEST_BYTES} bytes) per
 * request, 1 MiB per record, data and partition key counted together, and partition keys of 1 to
 * {@value #DEFAULT_MAX_PARTITION_KEY_LENGTH} characters; Firehose's PutRecordBatch has its own
 * ({@link PutApi#FIREHOSE_PUT_RECORD_BATCH}). A request is taken when full, or as it is when the caller says so (the
 * linger ran out, or the run ends). Not thread-safe: the sender calls it under its lock.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html">PutRecords</a>
 * @see <a href="https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html">Quotas and limits</a>
 */
public final class PutRecordsBatchBuilder {

    public static final int DEFAULT_MAX_RECORDS_PER_REQUEST = 500;
    public static final int DEFAULT_MAX_REQUEST_BYTES = 5 * 1024 * 1024;
    /** The default maximum record size; a stream can be configured for larger records, up to 10 MiB. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_PARTITION_KEY_LENGTH = 256;

    /** Why a record cannot be sent at all: it fails at once with this code. */
    record Rejection(String code, String message) {
    }

    private final PutApi api;
    private final int maxRecordsPerRequest;
    private final int maxRequestBytes;
    private final int maxRecordBytes;
    private final Deque<PutEntry> ready = new ArrayDeque<>();
    private int readyBytes;

    /** Requests for PutRecords. */
    PutRecordsBatchBuilder(SenderSettings settings) {
        this(settings, PutApi.KINESIS_PUT_RECORDS);
    }

    PutRecordsBatchBuilder(SenderSettings settings, PutApi api) {
        this.api = api;
        this.maxRecordsPerRequest = Math.min(settings.maxRecordsPerRequest(), api.maxRecordsPerRequest());
        this.maxRequestBytes = Math.min(settings.maxRequestBytes(), api.maxRequestBytes());
        this.maxRecordBytes = Math.min(settings.maxRecordBytes(), api.maxRecordBytes());
    }

    /** What the API counts of this user record against its limits. */
    int bytes(ProducerRecord record) {
        return api.recordBytes(record.data(), record.partitionKey());
    }

    /** Null when a user record of {@code bytes} (as {@link #bytes} counts them) can be sent, else why not. */
    Rejection check(ProducerRecord record, int bytes) {
        if (api.partitionKeys() && record.partitionKey().length() > DEFAULT_MAX_PARTITION_KEY_LENGTH) {
            return new Rejection("PartitionKeyTooLong", "partition key longer than "
                    + DEFAULT_MAX_PARTITION_KEY_LENGTH + " characters");
        }
        if (bytes > maxRecordBytes) {
            return new Rejection("RecordTooLarge", bytes + " bytes" + (api.partitionKeys()
                    ? " (data plus partition key)" : "") + " exceed the " + maxRecordBytes + "-byte "
                    + api.operation() + " record limit; not sent");
        }
        return null;
    }

    void add(PutEntry entry, long nowNanos) {
        entry.readySince = nowNanos;
        ready.addLast(entry);
        readyBytes += entry.bytes;
    }

    /** Whether the oldest ready entry has waited at least {@code lingerNanos}. */
    boolean lingeredOut(long nowNanos, long lingerNanos) {
        return !ready.isEmpty() && nowNanos - ready.peekFirst().readySince >= lingerNanos;
    }

    /** The full requests the ready entries make, and with {@code all} the last partly filled one too. */
    List<List<PutEntry>> take(boolean all) {
        List<List<PutEntry>> requests = new ArrayList<>();
        while (!ready.isEmpty() && (all || ready.size() >= maxRecordsPerRequest || readyBytes >= maxRequestBytes)) {
            List<PutEntry> request = new ArrayList<>();
            int bytes = 0;
            while (!ready.isEmpty() && request.size() < maxRecordsPerRequest
                    && bytes + ready.peekFirst().bytes <= maxRequestBytes) {
                PutEntry next = ready.pollFirst();
                bytes += next.bytes;
                readyBytes -= next.bytes;
                request.add(next);
            }
            if (request.isEmpty()) {
                throw new IllegalStateException("a record larger than a request: limits are inconsistent");
            }
            requests.add(request);
        }
        return requests;
    }

    /** What PutRecords counts of an entry against its limits: the data blob plus the UTF-8 partition key. */
    static int entryBytes(byte[] data, String partitionKey) {
        return data.length + utf8Length(partitionKey);
    }

    static int utf8Length(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return s.length();
    }
}
