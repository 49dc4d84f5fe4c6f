package io.firelake.local.firehose;

import io.firelake.lake.format.ConversionResult;
import io.firelake.lake.format.LakeSchema;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The S3 destination's buffers, one per dynamic partition of the lake and one per error output type: each record of
 * an invocation goes where the {@link Router} says (a buffer, or the dropped log), and buffers are written by
 * {@link ObjectDelivery} when the S3 buffering hints say so. A record is complete once its object is written or it is
 * dropped; the checkpoint moves after each invocation's records are placed and after each round of writes.
 */
final class Destinations implements Router.OpenPartitions, AutoCloseable {

    private final DeliveryStreamConfig config;
    private final Router router;
    private final ObjectDelivery delivery;
    private final SourceStage source;
    private final DeliveryMetrics metrics;
    private final LakeSchema schema;
    private final StagingDir staging;
    private final Clock clock;
    private final DroppedLog droppedLog;
    private final ExecutorService parquetLane = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "local-firehose-parquet");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, LakeBuffer> lake = new LinkedHashMap<>();
    private final Map<String, ErrorBuffer> errors = new LinkedHashMap<>();

    Destinations(DeliveryStreamConfig config, Router router, ObjectDelivery delivery, SourceStage source,
                 DeliveryMetrics metrics, LakeSchema schema, StagingDir staging, Clock clock) {
        this.config = config;
        this.router = router;
        this.delivery = delivery;
        this.source = source;
        this.metrics = metrics;
        this.schema = schema;
        this.staging = staging;
        this.clock = clock;
        this.droppedLog = DroppedLog.of(config);
    }

    /** Places an invocation's records in their buffers, then moves the checkpoint past what is complete. */
    void accept(Invocation invocation) {
        if (invocation instanceof Invocation.Answered answered) {
            place(answered);
        } else {
            Invocation.Failed failed = (Invocation.Failed) invocation;
            for (SourceRecord record : failed.records()) {
                addError(router.route(record, failed), record);
            }
            metrics.invocationFailed(failed.records().size());
        }
        checkpoint();
    }

    /**
     * Writes the buffers that are full or older than the interval hint, every buffer when {@code force}; then moves
     * the checkpoint if one was written.
     */
    void writeDue(boolean force) {
        Instant now = clock.instant();
        boolean wrote = writeDue(lake.values().iterator(), now, force);
        wrote |= writeDue(errors.values().iterator(), now, force);
        if (wrote) {
            checkpoint();
        }
    }

    /** What the S3 buffers hold now (for {@link BufferGauges}). */
    java.util.List<BufferGauges.Fill> fills() {
        java.util.List<BufferGauges.Fill> fills = new java.util.ArrayList<>(lake.size() + errors.size());
        lake.values().forEach(b -> fills.add(new BufferGauges.Fill("lake", b.prefix(), b.records().size(), b.bytes(),
                b.created())));
        errors.values().forEach(b -> fills.add(new BufferGauges.Fill("error", b.outputType(), b.records().size(),
                b.bytes(), b.created())));
        return fills;
    }

    /** The arrival of the oldest record in the S3 buffers (and {@code writing}, which may have left them), or null. */
    Instant oldestWaiting(ObjectBuffer writing) {
        Instant oldest = writing == null ? null : writing.oldestArrival();
        for (ObjectBuffer buffer : lake.values()) {
            oldest = older(oldest, buffer.oldestArrival());
        }
        for (ObjectBuffer buffer : errors.values()) {
            oldest = older(oldest, buffer.oldestArrival());
        }
        return oldest;
    }

    private static Instant older(Instant a, Instant b) {
        return a == null || (b != null && b.isBefore(a)) ? b : a;
    }

    @Override
    public boolean isOpen(String prefix) {
        return lake.containsKey(prefix);
    }

    @Override
    public int count() {
        return lake.size();
    }

    @Override
    public void close() {
        droppedLog.close();
        parquetLane.shutdown();
        try {
            if (!parquetLane.awaitTermination(1, TimeUnit.MINUTES)) {
                parquetLane.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (LakeBuffer buffer : lake.values()) {
            buffer.discard();
        }
        lake.clear();
        errors.clear();
    }

    private void place(Invocation.Answered invocation) {
        DeliveryMetrics.Tally tally = metrics.tally();
        Instant now = clock.instant();
        for (ProcessedRecord record : invocation.records()) {
            Route route = router.route(record, invocation.attempts(), now, this);
            tally.count(record, route);
            if (route instanceof Route.ToLake toLake) {
                addRow(toLake.prefix(), record, now);
            } else if (route instanceof Route.ToErrorPrefix error) {
                addError(error, record.source());
            } else {
                droppedLog.add(record.source());
                source.complete(record.source());
            }
        }
        for (LakeBuffer buffer : lake.values()) {
            buffer.handOver();
        }
        metrics.routed(tally, lake.size());
    }

    private void addRow(String prefix, ProcessedRecord record, Instant now) {
        LakeBuffer buffer = lake.get(prefix);
        if (buffer == null) {
            buffer = new LakeBuffer(prefix, schema, staging.newFile(".parquet"), now, parquetLane);
            lake.put(prefix, buffer);
        }
        buffer.stage(((ConversionResult.Converted) record.conversion()).row(), record.source(), record.size());
        if (buffer.bytes() >= config.s3Buffer().bytes()) {
            // The buffer is full: this object is written now, later records start the next one.
            write(buffer);
            lake.remove(prefix);
        }
    }

    private void addError(Route.ToErrorPrefix error, SourceRecord record) {
        ErrorBuffer buffer = errors.get(error.outputType());
        if (buffer == null) {
            buffer = new ErrorBuffer(error.outputType(), clock.instant(), staging);
            errors.put(error.outputType(), buffer);
        }
        buffer.add(error.document(), record);
        if (buffer.bytes() >= config.s3Buffer().bytes()) {
            write(buffer);
            errors.remove(error.outputType());
        }
        metrics.failed(error);
    }

    private boolean writeDue(Iterator<? extends ObjectBuffer> buffers, Instant now, boolean force) {
        boolean wrote = false;
        while (buffers.hasNext()) {
            ObjectBuffer buffer = buffers.next();
            if (force || buffer.due(now, config.s3Buffer().bytes(), config.s3Buffer().interval())) {
                write(buffer);
                buffers.remove();
                wrote = true;
            }
        }
        return wrote;
    }

    private void write(ObjectBuffer buffer) {
        delivery.write(buffer, () -> oldestWaiting(buffer));
        source.complete(buffer.records());
    }

    /** The dropped log first: the checkpoint must not pass a dropped record that is not listed yet. */
    private void checkpoint() {
        droppedLog.flush();
        source.checkpoint();
    }
}
