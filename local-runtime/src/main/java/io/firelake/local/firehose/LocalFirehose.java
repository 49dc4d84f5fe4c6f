package io.firelake.local.firehose;

import io.firelake.lake.format.LakeSchema;
import io.firelake.lake.format.OpenXJsonDeserializer;
import io.firelake.lake.format.ParquetObjectWriter;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A Firehose delivery stream with a Kinesis Data Stream source, a Lambda processor, record format conversion to
 * Parquet and an S3 destination with dynamic partitioning, run in this process. A record's trip, stage by stage:
 * <ol>
 *   <li>{@link SourceStage}: read from its shard after the checkpoint, KPL aggregates de-aggregated, tracked;</li>
 *   <li>{@link ProcessorStage}: buffered by the processor hints, invoked (with retries, checked by
 *   {@link ProcessorProtocol}), converted with the table's schema; one {@link ProcessedRecord} per record;</li>
 *   <li>{@link Router}: the lake buffer of its partition, the buffer of an error output type, or dropped;</li>
 *   <li>{@link Destinations}: staged in a {@link LakeBuffer} or an {@link ErrorBuffer}, written to S3 by
 *   {@link ObjectDelivery} when the S3 hints say so;</li>
 *   <li>{@link SourceStage} again: complete, and the checkpoint moves past it (at-least-once: a crash duplicates,
 *   never loses).</li>
 * </ol>
 * {@link DeliveryMetrics} records Firehose's CloudWatch metrics at each boundary; every setting and limit is in the
 * {@link DeliveryStreamConfig}. Reading, routing and writing run on the thread that calls {@link #poll}; invocations
 * on their own threads when more than one runs at a time, Parquet encoding on a thread of its own.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/what-is-this-service.html">Amazon Data Firehose</a>
 */
public final class LocalFirehose implements AutoCloseable {

    /** Read by {@link PrefetchingStreamSource}; the limit itself is {@link DeliveryStreamConfig#readLimit()}. */
    public static final int DEFAULT_GET_RECORDS_LIMIT = DeliveryStreamConfig.DEFAULT_READ_LIMIT;

    private final DeliveryStreamConfig config;
    private final LakeSchema schema;
    private final Clock clock;
    private final StagingDir staging;
    private final DeliveryMetrics metrics;
    private final SourceStage source;
    private final Destinations destinations;
    private final ProcessorStage processors;
    private final Consumer<SourceRecord> toProcessors;
    private final BufferGauges gauges = new BufferGauges();
    private final FreshnessGauge freshness;

    /**
     * @param handlers the processor: with {@code concurrentInvocations} above 1 each invocation thread gets its own
     *                 handler from it, as each Lambda execution environment has its own instance; otherwise one handler
     *                 serves every invocation. Results are routed in invocation order either way.
     * @param workDir  the delivery stream's checkpoint and staging files
     */
    public LocalFirehose(DeliveryStreamConfig config, StreamSource stream, Supplier<Processor> handlers, ObjectStore store,
                         LakeSchema schema, Path workDir, FirehoseMetrics metrics, Clock clock) {
        this.config = config;
        this.schema = schema;
        this.clock = clock;
        this.staging = new StagingDir(workDir.resolve("buffer"));
        staging.clear();
        this.metrics = new DeliveryMetrics(metrics);
        this.source = new SourceStage(stream, new CheckpointStore(workDir.resolve("checkpoint.json")),
                config.readLimit(), this.metrics, clock);
        Router router = new Router(config);
        this.freshness = new FreshnessGauge(this.metrics, config.s3Retry().freshnessPeriod(), clock.instant());
        this.destinations = new Destinations(config, router, new ObjectDelivery(store, router, this.metrics, clock, gauges,
                config.s3Retry(), freshness), source, this.metrics, schema, staging, clock);
        this.processors = new ProcessorStage(config,
                new ProcessorProtocol(config, stream.streamArn(), config.processor().maxResponseBytes()),
                new OpenXJsonDeserializer(schema), handlers, this.metrics, clock, destinations::accept);
        this.toProcessors = processors::add;
    }

    /** One round: reads each shard once, invokes the processor and writes the S3 objects that are due. */
    public int poll() {
        int read = source.read(toProcessors);
        processors.poll();
        destinations.writeDue(false);
        freshness.publishIfDue(() -> destinations.oldestWaiting(null), clock.instant());
        metrics.flushIfDue();
        if (gauges.watched()) {
            gauges.publish(processors.fill(), destinations.fills());
        }
        return read;
    }

    /**
     * Reads to the tip of every shard, then invokes the processor and writes every buffer regardless of the hints:
     * the end of a demo or a test. Returns the records read.
     */
    public long drain() {
        long total = 0;
        long since = System.nanoTime();
        int quietRounds = 0;
        while (quietRounds < 2) {
            int n = poll();
            total += n;
            quietRounds = n == 0 && source.caughtUpSince(since) ? quietRounds + 1 : 0;
        }
        flush();
        return total;
    }

    /**
     * Invokes the processor on what is buffered and writes every object, without reading the stream (which may be
     * going away): a clean stop. Records read ahead but not yet taken stay behind the checkpoint.
     */
    public void flush() {
        processors.flush();
        destinations.writeDue(true);
        metrics.flush();
    }

    /** Writes out the metrics' buffered datapoints now (the stream stopped on a failure). */
    public void flushMetrics() {
        metrics.flush();
    }

    /**
     * Runs sample payloads through everything a record goes through, on every invocation thread (so each handler
     * instance initializes, as a provisioned Lambda environment would be), then through the conversion and a Parquet
     * file that is thrown away. Nothing is read from the stream, delivered, checkpointed or counted in the metrics.
     * The managed service is always warm; without this, the first records of a run pay for class loading and the JIT
     * (about 5 s of CPU, docs/benchmarks.md "Local Firehose"). Returns the records run through, per thread.
     */
    public int warmUp(List<byte[]> payloads) {
        if (payloads.isEmpty()) {
            return 0;
        }
        List<SourceRecord> records = new ArrayList<>(payloads.size());
        Instant now = clock.instant();
        for (int i = 0; i < payloads.size(); i++) {
            records.add(new SourceRecord("warm-up", "0", i, true, "warm-up", now, payloads.get(i)));
        }
        processors.onEveryInvocationThread(() -> {
            Path file = staging.newFile(".warm-up.parquet");
            ParquetObjectWriter writer = new ParquetObjectWriter(schema, file);
            try {
                processors.tryOut(records, writer::write);
            } catch (Exception e) {
                // A warm-up is an optimisation: the first real invocation reports whatever is wrong with the processor.
            } finally {
                writer.close();
                StagingDir.delete(file);
            }
        });
        return records.size();
    }

    public DeliveryStats stats() {
        return metrics.stats(source.pending());
    }

    /** The sum of every data point of a metric it published since it started (the console's edge counters). */
    public double total(io.firelake.monitoring.metrics.FirehoseMetric metric) {
        return metrics.total(metric);
    }

    /** Its buffers' fill and the objects it wrote last, as the local console shows them. */
    public BufferGauges gauges() {
        return gauges;
    }

    public Map<String, String> checkpoints() {
        return source.checkpoints();
    }

    public DeliveryStreamConfig config() {
        return config;
    }

    /** Stops without writing what is buffered: those records stay behind the checkpoint, read again at the next start. */
    @Override
    public void close() {
        processors.close();
        metrics.flush();
        destinations.close();
        source.close();
        staging.clear();
    }
}
