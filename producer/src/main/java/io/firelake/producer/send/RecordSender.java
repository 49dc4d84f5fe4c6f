package io.firelake.producer.send;

import io.firelake.producer.model.ProducerRecord;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends user records to a stream with PutRecords, or to a Firehose Direct PUT delivery stream with PutRecordBatch,
 * losing none silently; the one sender of the project (the producer's {@code generate} and {@code replay}, and
 * monitoring's {@code replay-errors}). In the shape of Flink's {@code AsyncSinkWriter}, a record goes through:
 *
 * <ol>
 *   <li>the {@link KplAggregator} (aggregation on, and the sink's {@link PutApi} allows it): buffered per predicted
 *       shard and packed into KPL aggregates;</li>
 *   <li>the {@link PutRecordsBatchBuilder}: entries grouped into requests within the sink API's limits and the
 *       settings', sent when full or when they lingered;</li>
 *   <li>the {@link InFlightWindow}: at most {@code maxInFlight} requests outstanding; {@link #send} waits for a slot,
 *       which bounds memory;</li>
 *   <li>the {@link PutRecordsWriter}: the request goes out through the {@link RecordSink} (which retries a whole
 *       request with the SDK's retry strategy), and of a partial failure only the failed entries are resubmitted, as
 *       the {@link PutRecordsErrorClassifier} rules.</li>
 * </ol>
 *
 * Every record ends delivered or failed (after its attempts, or at once for a non-retryable error), and the
 * {@link DeliveryListener} hears which.
 */
public final class RecordSender implements AutoCloseable {

    private final SenderSettings settings;
    private final SendStats stats = new SendStats();
    private final PutRecordsWriter writer;
    private final PutRecordsBatchBuilder batches;
    private final InFlightWindow window;
    /** Null when aggregation is off. */
    private final KplAggregator aggregator;
    /** Sends what lingered too long; may block on the window, hence its own thread. */
    private final ScheduledExecutorService lingerer;
    private final long startNanos = System.nanoTime();
    private boolean closed;

    public RecordSender(RecordSink sink, SenderSettings settings, DeliveryListener listener) {
        this.settings = settings;
        this.writer = new PutRecordsWriter(sink, settings, stats, listener == null ? DeliveryListener.NONE : listener);
        PutApi api = sink.api();
        this.batches = new PutRecordsBatchBuilder(settings, api);
        this.window = new InFlightWindow(settings.maxInFlight());
        verify(sink);
        // Firehose Direct PUT stores each record as it is: an aggregate would land in the lake as one opaque blob.
        this.aggregator = settings.aggregation() && api.aggregation()
                ? new KplAggregator(shardMap(sink), settings, this::ready) : null;
        this.lingerer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "firelake-producer-linger");
            thread.setDaemon(true);
            return thread;
        });
        long lingerMillis = Math.max(1, settings.linger().toMillis());
        lingerer.scheduleWithFixedDelay(this::flushLingering, lingerMillis, Math.max(1, lingerMillis / 2),
                TimeUnit.MILLISECONDS);
    }

    private void verify(RecordSink sink) {
        try {
            sink.verify();
        } catch (SinkException e) {
            // No such delivery stream, not a Direct PUT one: the first send() reports it and nothing is sent.
            writer.abort(e);
        }
    }

    private ShardMap shardMap(RecordSink sink) {
        if (writer.fatal() != null) {
            return null;
        }
        try {
            List<ShardRange> shards = sink.openShards();
            return shards.isEmpty() ? null : new ShardMap(shards);
        } catch (SinkException e) {
            // No such stream, no access: the first send() reports it, as it would for a PutRecords failure.
            writer.abort(e);
            return null;
        }
    }

    public SendStats stats() {
        return stats;
    }

    /** Number of shards records are grouped by (1 when aggregation is off or the shards could not be listed). */
    public int shardGroups() {
        return aggregator == null ? 1 : aggregator.shardGroups();
    }

    /**
     * Queues one record; may block while every in-flight slot is taken.
     *
     * @throws ProducerAbortedException when an earlier request failed in a way every later one would (no stream,
     *                                  no access): sending more would only fail more
     */
    public void send(ProducerRecord record) throws InterruptedException {
        SinkException fatal = writer.fatal();
        if (fatal != null) {
            throw new ProducerAbortedException(fatal);
        }
        stats.accepted(record.kind(), record.data().length);
        int bytes = batches.bytes(record);
        PutRecordsBatchBuilder.Rejection rejection = batches.check(record, bytes);
        if (rejection != null) {
            writer.fail(record, rejection.code(), rejection.message(), 0);
            return;
        }
        List<List<PutEntry>> requests;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the sender is closed");
            }
            if (aggregator == null) {
                ready(PutEntry.plain(record, bytes));
            } else {
                aggregator.add(record, bytes, System.nanoTime());
            }
            requests = batches.take(false);
        }
        submitAll(requests);
    }

    /** Sends everything buffered, waits until every record is settled, and returns the summary. */
    public SendSummary finish() throws InterruptedException {
        List<List<PutEntry>> requests;
        synchronized (this) {
            if (aggregator != null) {
                aggregator.packAll();
            }
            requests = batches.take(true);
        }
        submitAll(requests);
        window.awaitIdle();
        return summary();
    }

    public SendSummary summary() {
        return stats.snapshot(System.nanoTime() - startNanos);
    }

    /** The error that stopped the run early, or null. */
    public SinkException fatalError() {
        return writer.fatal();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        lingerer.shutdownNow();
        writer.close();
    }

    /** Called under the lock by the aggregator, or by send() itself without aggregation. */
    private void ready(PutEntry entry) {
        batches.add(entry, System.nanoTime());
    }

    private void flushLingering() {
        try {
            List<List<PutEntry>> requests;
            long now = System.nanoTime();
            long linger = settings.linger().toNanos();
            synchronized (this) {
                if (aggregator != null) {
                    aggregator.packLingering(now, linger);
                }
                requests = batches.take(batches.lingeredOut(now, linger));
            }
            submitAll(requests);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The lingerer must keep running; a failure here is a bug that finish() would still surface as unsettled.
            e.printStackTrace();
        }
    }

    private void submitAll(List<List<PutEntry>> requests) throws InterruptedException {
        for (List<PutEntry> request : requests) {
            int records = 0;
            for (PutEntry entry : request) {
                records += entry.members.size();
            }
            writer.submit(window.acquire(records), request);
        }
    }
}
