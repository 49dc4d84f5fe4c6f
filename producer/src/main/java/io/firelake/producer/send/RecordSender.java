package io.firelake.producer.send;

import io.firelake.kinesis.aggregation.AggregatedRecordEncoder;
import io.firelake.producer.model.ProducerRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends user records to a stream with PutRecords, losing none silently.
 *
 * <ul>
 *   <li>With aggregation on, records are buffered per predicted shard, ordered by partition key (a stable sort, so a
 *       session's events keep their order) and packed into KPL aggregates of at most one PUT payload unit; an
 *       aggregate gets an explicit hash key inside its shard. A record too large to share a unit goes alone.</li>
 *   <li>Kinesis records are batched within 500 entries and 5 MiB per request.</li>
 *   <li>Of a partial failure only the failed entries are sent again, after an exponential backoff with full jitter;
 *       a whole request that failed for a retryable reason (throttling, a service error, a timeout) likewise.</li>
 *   <li>At most {@code maxInFlight} requests are outstanding; a request's retries keep its slot, and a caller of
 *       {@link #send} waits when every slot is taken, which bounds memory.</li>
 *   <li>Every record ends delivered or failed (after its attempts, or at once for a non-retryable error), and the
 *       {@link DeliveryListener} hears which.</li>
 * </ul>
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html">PutRecords</a>
 * @see <a href="https://docs.aws.amazon.com/streams/latest/dev/kinesis-kpl-concepts.html">KPL aggregation</a>
 */
public final class RecordSender implements AutoCloseable {

    private record Member(ProducerRecord record, int subSequence) {
    }

    /** A Kinesis record in the making or on its way: its user records and how often it was tried. */
    private static final class Outgoing {
        final KinesisRecord record;
        final List<Member> members;
        final boolean aggregated;
        final int bytes;
        int attempts;
        long readySince;

        Outgoing(KinesisRecord record, List<Member> members, boolean aggregated) {
            this.record = record;
            this.members = members;
            this.aggregated = aggregated;
            this.bytes = record.data().length + utf8Length(record.partitionKey());
        }
    }

    /** A request and its retries: holds one in-flight slot until all its records are settled. */
    private final class Lineage {
        final AtomicInteger unsettled;
        int retries;

        Lineage(int records) {
            this.unsettled = new AtomicInteger(records);
        }

        void settled(int records) {
            if (unsettled.addAndGet(-records) == 0) {
                window.release();
            }
        }
    }

    private record Pending(ProducerRecord record, long arrivalNanos) {
    }

    private static final class ShardBuffer {
        List<Pending> records = new ArrayList<>();
        int bytes;
        long oldestNanos;
    }

    private final RecordSink sink;
    private final SenderSettings settings;
    private final DeliveryListener listener;
    private final SendStats stats = new SendStats();
    private final ShardMap shardMap;
    private final ShardBuffer[] buffers;
    private final Deque<Outgoing> ready = new ArrayDeque<>();
    private int readyBytes;
    private final Semaphore window;
    /** Runs retries after their backoff; never blocks, so retries proceed while senders wait for a slot. */
    private final ScheduledExecutorService scheduler;
    /** Sends what lingered too long; may block on the window, hence its own thread. */
    private final ScheduledExecutorService lingerer;
    private final AggregatedRecordEncoder encoder = new AggregatedRecordEncoder();
    private int packRounds;
    private final long startNanos = System.nanoTime();
    private volatile SinkException fatal;
    private boolean closed;

    public RecordSender(RecordSink sink, SenderSettings settings, DeliveryListener listener) {
        this.sink = sink;
        this.settings = settings;
        this.listener = listener == null ? DeliveryListener.NONE : listener;
        List<ShardRange> shards = List.of();
        if (settings.aggregation()) {
            try {
                shards = sink.openShards();
            } catch (SinkException e) {
                // No such stream, no access: the first send() reports it, as it would for a PutRecords failure.
                fatal = e;
            }
        }
        this.shardMap = shards.isEmpty() ? null : new ShardMap(shards);
        int groups = shardMap == null ? 1 : shardMap.size();
        this.buffers = new ShardBuffer[groups];
        for (int i = 0; i < groups; i++) {
            buffers[i] = new ShardBuffer();
        }
        this.window = new Semaphore(settings.maxInFlight());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("firelake-producer-retries"));
        this.lingerer = Executors.newSingleThreadScheduledExecutor(daemon("firelake-producer-linger"));
        long lingerMillis = Math.max(1, settings.linger().toMillis());
        lingerer.scheduleWithFixedDelay(this::flushStale, lingerMillis, Math.max(1, lingerMillis / 2),
                TimeUnit.MILLISECONDS);
    }

    public SendStats stats() {
        return stats;
    }

    /** Number of shards records are grouped by (1 when aggregation is off or the shards could not be listed). */
    public int shardGroups() {
        return buffers.length;
    }

    /**
     * Queues one record; may block while every in-flight slot is taken.
     *
     * @throws ProducerAbortedException when an earlier request failed in a way every later one would (no stream,
     *                                  no access): sending more would only fail more
     */
    public void send(ProducerRecord record) throws InterruptedException {
        if (fatal != null) {
            throw new ProducerAbortedException(fatal);
        }
        stats.accepted(record.kind(), record.data().length);
        int recordBytes = record.data().length + utf8Length(record.partitionKey());
        if (record.partitionKey().length() > KinesisLimits.MAX_PARTITION_KEY_LENGTH) {
            fail(record, "PartitionKeyTooLong", "partition key longer than "
                    + KinesisLimits.MAX_PARTITION_KEY_LENGTH + " characters", 0);
            return;
        }
        if (recordBytes > settings.maxRecordBytes()) {
            fail(record, "RecordTooLarge", recordBytes + " bytes (data plus partition key) exceed the "
                    + settings.maxRecordBytes() + "-byte Kinesis record limit", 0);
            return;
        }
        List<List<Outgoing>> batches;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the sender is closed");
            }
            if (!settings.aggregation()) {
                enqueueReady(plain(record, null));
            } else {
                int group = shardMap == null ? 0 : shardMap.shardIndexOf(record.partitionKey());
                ShardBuffer buffer = buffers[group];
                long now = System.nanoTime();
                if (buffer.records.isEmpty()) {
                    buffer.oldestNanos = now;
                }
                buffer.records.add(new Pending(record, now));
                buffer.bytes += recordBytes;
                if (buffer.bytes >= settings.shardBufferBytes()) {
                    pack(group, false);
                }
            }
            batches = takeFullBatches();
        }
        dispatchAll(batches);
    }

    /** Sends everything buffered, waits until every record is settled, and returns the summary. */
    public SendSummary finish() throws InterruptedException {
        List<List<Outgoing>> batches;
        synchronized (this) {
            for (int group = 0; group < buffers.length; group++) {
                pack(group, true);
            }
            batches = takeBatches(true);
        }
        dispatchAll(batches);
        window.acquire(settings.maxInFlight());
        window.release(settings.maxInFlight());
        return summary();
    }

    public SendSummary summary() {
        return stats.snapshot(System.nanoTime() - startNanos);
    }

    /** The error that stopped the run early, or null. */
    public SinkException fatalError() {
        return fatal;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        lingerer.shutdownNow();
        scheduler.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private void flushStale() {
        try {
            List<List<Outgoing>> batches;
            long now = System.nanoTime();
            long linger = settings.linger().toNanos();
            synchronized (this) {
                for (int group = 0; group < buffers.length; group++) {
                    ShardBuffer buffer = buffers[group];
                    if (!buffer.records.isEmpty() && now - buffer.oldestNanos >= linger) {
                        pack(group, false);
                    }
                }
                boolean stale = !ready.isEmpty() && now - ready.peekFirst().readySince >= linger;
                batches = takeBatches(stale);
            }
            dispatchAll(batches);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The scheduler must keep running; a failure here is a bug that finish() would still surface as unsettled.
            e.printStackTrace();
        }
    }

    /**
     * Packs a shard's buffered records into aggregates (or plain records) and queues them. The last, partly filled
     * aggregate stays buffered for more records to fill it unless {@code force} or its oldest record has waited
     * {@code partialWait}: a half-empty aggregate costs a whole PUT payload unit. Caller holds the lock.
     */
    private void pack(int group, boolean force) {
        ShardBuffer buffer = buffers[group];
        if (buffer.records.isEmpty()) {
            return;
        }
        String explicitHashKey = shardMap == null ? null : shardMap.explicitHashKey(group);
        List<Pending> records = buffer.records;
        // Records of one session side by side (they then share a partition key table entry), in their order (a
        // stable sort). The order of sessions changes every round, so the same sessions do not always fall into
        // the partly filled aggregate at the end and wait there until they linger out.
        int salt = ++packRounds * 0x9E3779B9;
        records.sort(Comparator.<Pending>comparingInt(p -> mix(p.record().partitionKey().hashCode() ^ salt))
                .thenComparing(p -> p.record().partitionKey()));
        List<Pending> members = new ArrayList<>();
        encoder.reset();
        String firstKey = null;
        for (Pending pending : records) {
            ProducerRecord record = pending.record();
            int alone = record.data().length + utf8Length(record.partitionKey());
            if (alone + AggregatedOverhead.BYTES > settings.aggregateMaxBytes()) {
                enqueueReady(plain(record, null));
                continue;
            }
            if (!members.isEmpty() && encoder.sizeIfAdded(record.partitionKey(), null, record.data())
                    + utf8Length(firstKey) > settings.aggregateMaxBytes()) {
                enqueueReady(aggregate(members, firstKey, explicitHashKey));
                members = new ArrayList<>();
                encoder.reset();
            }
            if (members.isEmpty()) {
                firstKey = record.partitionKey();
            }
            encoder.add(record.partitionKey(), null, record.data());
            members.add(pending);
        }
        buffer.records = new ArrayList<>();
        buffer.bytes = 0;
        if (!members.isEmpty()) {
            long oldest = members.stream().mapToLong(Pending::arrivalNanos).min().orElseThrow();
            if (force || System.nanoTime() - oldest >= settings.partialWait().toNanos()) {
                enqueueReady(aggregate(members, firstKey, explicitHashKey));
            } else {
                buffer.records.addAll(members);
                for (Pending pending : members) {
                    buffer.bytes += pending.record().data().length + utf8Length(pending.record().partitionKey());
                }
                buffer.oldestNanos = oldest;
            }
        }
        encoder.reset();
    }

    private Outgoing aggregate(List<Pending> members, String partitionKey, String explicitHashKey) {
        if (members.size() == 1) {
            return plain(members.get(0).record(), null);
        }
        List<Member> numbered = new ArrayList<>(members.size());
        for (Pending pending : members) {
            numbered.add(new Member(pending.record(), numbered.size()));
        }
        return new Outgoing(new KinesisRecord(encoder.toBytes(), partitionKey, explicitHashKey), numbered, true);
    }

    private static Outgoing plain(ProducerRecord record, String explicitHashKey) {
        return new Outgoing(new KinesisRecord(record.data(), record.partitionKey(), explicitHashKey),
                List.of(new Member(record, 0)), false);
    }

    private void enqueueReady(Outgoing outgoing) {
        outgoing.readySince = System.nanoTime();
        ready.addLast(outgoing);
        readyBytes += outgoing.bytes;
    }

    private List<List<Outgoing>> takeFullBatches() {
        return takeBatches(false);
    }

    /** Takes full batches off the ready queue, and the last partial one too when {@code all}. Caller holds the lock. */
    private List<List<Outgoing>> takeBatches(boolean all) {
        List<List<Outgoing>> batches = new ArrayList<>();
        while (!ready.isEmpty() && (all || ready.size() >= settings.maxRecordsPerRequest()
                || readyBytes >= settings.maxRequestBytes())) {
            List<Outgoing> batch = new ArrayList<>();
            int bytes = 0;
            while (!ready.isEmpty() && batch.size() < settings.maxRecordsPerRequest()
                    && bytes + ready.peekFirst().bytes <= settings.maxRequestBytes()) {
                Outgoing next = ready.pollFirst();
                bytes += next.bytes;
                readyBytes -= next.bytes;
                batch.add(next);
            }
            if (batch.isEmpty()) {
                throw new IllegalStateException("a record larger than a request: limits are inconsistent");
            }
            batches.add(batch);
        }
        return batches;
    }

    private void dispatchAll(List<List<Outgoing>> batches) throws InterruptedException {
        for (List<Outgoing> batch : batches) {
            window.acquire();
            Lineage lineage = new Lineage(batch.stream().mapToInt(o -> o.members.size()).sum());
            dispatch(lineage, batch);
        }
    }

    private void dispatch(Lineage lineage, List<Outgoing> batch) {
        if (fatal != null) {
            failAll(lineage, batch, fatal.code(), fatal.getMessage());
            return;
        }
        List<KinesisRecord> entries = new ArrayList<>(batch.size());
        for (Outgoing outgoing : batch) {
            outgoing.attempts++;
            entries.add(outgoing.record);
        }
        stats.requests.increment();
        try {
            sink.putRecords(entries).whenComplete((outcomes, error) -> {
                try {
                    if (error != null) {
                        onRequestFailed(lineage, batch, unwrap(error));
                    } else {
                        onResponse(lineage, batch, outcomes);
                    }
                } catch (RuntimeException e) {
                    failAll(lineage, batch, "ProducerBug", String.valueOf(e));
                }
            });
        } catch (RuntimeException e) {
            onRequestFailed(lineage, batch, unwrap(e));
        }
    }

    private void onResponse(Lineage lineage, List<Outgoing> batch, List<PutOutcome> outcomes) {
        if (outcomes.size() != batch.size()) {
            onRequestFailed(lineage, batch, new SinkException("InvalidResponse", "PutRecords answered "
                    + outcomes.size() + " entries for " + batch.size(), true, false, null));
            return;
        }
        List<Outgoing> retry = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Outgoing outgoing = batch.get(i);
            PutOutcome outcome = outcomes.get(i);
            if (outcome.succeeded()) {
                delivered(outgoing, outcome);
                lineage.settled(outgoing.members.size());
            } else {
                if (EntryErrors.throttling(outcome.errorCode())) {
                    stats.throttled.increment();
                }
                if (EntryErrors.retryable(outcome.errorCode()) && outgoing.attempts < settings.maxAttempts()) {
                    retry.add(outgoing);
                } else {
                    String reason = EntryErrors.retryable(outcome.errorCode())
                            ? outcome.errorMessage() + " (gave up after " + outgoing.attempts + " attempts)"
                            : outcome.errorMessage();
                    for (Member member : outgoing.members) {
                        fail(member.record(), outcome.errorCode(), reason, outgoing.attempts);
                    }
                    lineage.settled(outgoing.members.size());
                }
            }
        }
        scheduleRetry(lineage, retry);
    }

    private void onRequestFailed(Lineage lineage, List<Outgoing> batch, SinkException error) {
        if (error.throttled()) {
            stats.throttled.increment();
        }
        if (!error.retryable()) {
            if (isFatal(error)) {
                fatal = error;
            }
            failAll(lineage, batch, error.code(), error.getMessage());
            return;
        }
        List<Outgoing> retry = new ArrayList<>();
        for (Outgoing outgoing : batch) {
            if (outgoing.attempts < settings.maxAttempts()) {
                retry.add(outgoing);
            } else {
                for (Member member : outgoing.members) {
                    fail(member.record(), error.code(), error.getMessage() + " (gave up after "
                            + outgoing.attempts + " attempts)", outgoing.attempts);
                }
                lineage.settled(outgoing.members.size());
            }
        }
        scheduleRetry(lineage, retry);
    }

    private void scheduleRetry(Lineage lineage, List<Outgoing> retry) {
        if (retry.isEmpty()) {
            return;
        }
        lineage.retries++;
        stats.retriedRequests.increment();
        stats.retriedEntries.add(retry.size());
        long delay = settings.backoff().delayMillis(lineage.retries);
        try {
            scheduler.schedule(() -> dispatch(lineage, retry), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            failAll(lineage, retry, "SenderClosed", "the sender was closed before the retry");
        }
    }

    private static boolean isFatal(SinkException error) {
        return switch (error.code()) {
            case "ResourceNotFoundException", "AccessDeniedException", "UnrecognizedClientException",
                 "InvalidSignatureException", "ExpiredTokenException", "MissingAuthenticationToken",
                 "IncompleteSignature", "InvalidClientTokenId", "ResourceInUseException", "NoCredentials" -> true;
            default -> false;
        };
    }

    private void delivered(Outgoing outgoing, PutOutcome outcome) {
        stats.kinesisRecords.increment();
        stats.kinesisBytes.add(outgoing.bytes);
        stats.putPayloadUnits.add(KinesisLimits.putPayloadUnits(outgoing.bytes));
        if (outgoing.aggregated) {
            stats.aggregates.increment();
        }
        for (Member member : outgoing.members) {
            stats.delivered.increment();
            stats.deliveredBytes.add(member.record().data().length);
            listener.delivered(member.record(), new DeliveryListener.Delivery(outcome.shardId(),
                    outcome.sequenceNumber(), member.subSequence(), outgoing.aggregated, outgoing.attempts));
        }
    }

    private void failAll(Lineage lineage, List<Outgoing> batch, String code, String message) {
        for (Outgoing outgoing : batch) {
            for (Member member : outgoing.members) {
                fail(member.record(), code, message, outgoing.attempts);
            }
            lineage.settled(outgoing.members.size());
        }
    }

    private void fail(ProducerRecord record, String code, String message, int attempts) {
        stats.failed(code);
        listener.failed(record, code, message, attempts);
    }

    private static SinkException unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof SinkException sinkException) {
            return sinkException;
        }
        return new SinkException(cause.getClass().getSimpleName(), String.valueOf(cause.getMessage()), true, false,
                cause);
    }

    /** A cheap integer hash finaliser (from MurmurHash3), so that nearby salts give unrelated orders. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    static int utf8Length(String s) {
        int ascii = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
            ascii++;
        }
        return ascii;
    }

    /** The fixed cost of an aggregate around its records: magic, digest, and the smallest table entry. */
    private static final class AggregatedOverhead {
        static final int BYTES = 4 + 16 + 8;
    }
}
