package io.firelake.local.firehose;

import io.firelake.kinesis.aggregation.Deaggregator;
import io.firelake.kinesis.aggregation.InvalidAggregateException;
import io.firelake.kinesis.aggregation.UserRecord;
import io.firelake.lake.format.ConversionResult;
import io.firelake.lake.format.LakeSchema;
import io.firelake.lake.format.OpenXJsonDeserializer;
import io.firelake.lake.format.ParquetObjectWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A Firehose delivery stream with a Kinesis Data Stream source, a Lambda processor, record format conversion to
 * Parquet and an S3 destination with dynamic partitioning, run in one thread of this process.
 *
 * <p>What it encodes, rule by rule:
 * <ul>
 *   <li>Source: every shard is read from its checkpoint (TRIM_HORIZON for a new stream); KPL aggregates are
 *   de-aggregated and each user record becomes a Firehose record
 *   (<a href="https://docs.aws.amazon.com/firehose/latest/dev/writing-with-kinesis-streams.html">Kinesis source</a>).</li>
 *   <li>Processor buffering by size and interval hints, one synchronous invocation per batch, the response checked
 *   against the status model; an invocation that fails is retried {@code NumberOfRetries} times, then its records go to
 *   {@code processing-failed}
 *   (<a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html">data transformation</a>,
 *   <a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation-failure-handling.html">failure handling</a>).</li>
 *   <li>Ok records are converted with the Glue table's schema; records that do not fit go to
 *   {@code format-conversion-failed}
 *   (<a href="https://docs.aws.amazon.com/firehose/latest/dev/record-format-conversion-error-handling.html">conversion errors</a>).</li>
 *   <li>S3 buffering by size and interval, one buffer per dynamic partition; prefixes rendered with the arrival time
 *   of the oldest record in the object
 *   (<a href="https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html">custom prefixes</a>,
 *   <a href="https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning.html">dynamic partitioning</a>).</li>
 *   <li>At-least-once: a shard's checkpoint moves only past records whose fate (delivered, dropped, in the error
 *   prefix) is written, so a crash duplicates and never loses.</li>
 * </ul>
 * Metrics carry Firehose's CloudWatch names, recorded by {@link DeliveryMetrics}.
 */
public final class LocalFirehose implements AutoCloseable {

    /** Read by {@link PrefetchingStreamSource}; the limit itself is {@link DeliveryStreamConfig#readLimit()}. */
    public static final int DEFAULT_GET_RECORDS_LIMIT = DeliveryStreamConfig.DEFAULT_READ_LIMIT;
    private static final int REQUEST_BYTES_PER_RECORD = 420;
    private static final int S3_WRITE_ATTEMPTS = 5;

    private final DeliveryStreamConfig config;
    private final SourceStage source;
    private final Consumer<SourceRecord> toProcessor = this::add;
    private final ProcessorProtocol protocol;
    private final OpenXJsonDeserializer deserializer;
    private final LakeSchema schema;
    private final StagingDir staging;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final Destinations destinations;
    private final ThreadLocal<Processor> processors;
    private final ExecutorService executor;
    private final Deque<Future<Invocation>> inFlight = new ArrayDeque<>();

    private final List<SourceRecord> batch = new ArrayList<>();
    private long batchBytes;
    private long batchRequestBytes;
    private Instant batchStarted;


    /**
     * @param handlers the processor: with {@code concurrentInvocations} above 1 each invocation thread gets its own
     *                 handler from it, as each Lambda execution environment has its own instance; otherwise one handler
     *                 serves every invocation. Results are routed in invocation order either way.
     */
    public LocalFirehose(DeliveryStreamConfig config, StreamSource stream, Supplier<Processor> handlers, ObjectStore store,
                         LakeSchema schema, Path workDir, FirehoseMetrics metrics, Clock clock) {
        this.config = config;
        this.schema = schema;
        this.protocol = new ProcessorProtocol(config, stream.streamArn(), config.maxResponseBytes());
        this.deserializer = new OpenXJsonDeserializer(schema);
        this.metrics = new DeliveryMetrics(metrics);
        this.clock = clock;
        this.staging = new StagingDir(workDir.resolve("buffer"));
        this.source = new SourceStage(stream, new CheckpointStore(workDir.resolve("checkpoint.json")), config.readLimit(),
                this.metrics, clock);
        Router router = new Router(config);
        this.destinations = new Destinations(config, router, new ObjectDelivery(store, router, this.metrics, clock),
                source, this.metrics, schema, staging, clock);
        if (config.concurrentInvocations() > 1) {
            this.processors = ThreadLocal.withInitial(handlers);
            AtomicLong n = new AtomicLong();
            this.executor = Executors.newFixedThreadPool(config.concurrentInvocations(), r -> {
                Thread t = new Thread(r, "local-firehose-invoke-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        } else {
            Processor processor = handlers.get();
            this.processors = ThreadLocal.withInitial(() -> processor);
            this.executor = null;
        }
        staging.clear();
    }

    /** One round: reads each shard once, invokes the processor and writes the S3 objects that are due. */
    public int poll() {
        int roundRead = source.read(toProcessor);
        if (!batch.isEmpty() && !clock.instant().isBefore(batchStarted.plus(config.processorBufferInterval()))) {
            invokeProcessor();
        }
        collect(false);
        destinations.writeDue(false);
        metrics.flushIfDue();
        return roundRead;
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
        if (!batch.isEmpty()) {
            invokeProcessor();
        }
        collect(true);
        destinations.writeDue(true);
        metrics.flush();
        return total;
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
        Runnable oneThread = () -> warmUpOn(records);
        if (executor == null) {
            oneThread.run();
            return records.size();
        }
        List<Future<?>> threads = new ArrayList<>();
        for (int i = 0; i < config.concurrentInvocations(); i++) {
            threads.add(executor.submit(oneThread));
        }
        for (Future<?> thread : threads) {
            Tasks.await(thread, "a warm-up");
        }
        return records.size();
    }

    private void warmUpOn(List<SourceRecord> records) {
        Processor processor = processors.get();
        Path file = staging.newFile(".warm-up.parquet");
        ParquetObjectWriter writer = new ParquetObjectWriter(schema, file);
        try {
            int from = 0;
            while (from < records.size()) {
                int to = from;
                long bytes = 0;
                while (to < records.size() && (to == from || bytes + records.get(to).data().length <= config.processorBufferBytes())) {
                    bytes += records.get(to).data().length;
                    to++;
                }
                List<SourceRecord> batch = records.subList(from, to);
                ProcessorProtocol.Outcome outcome = protocol.parse(batch, processor.invoke(protocol.request(batch)));
                if (outcome instanceof ProcessorProtocol.Outcome.Succeeded succeeded) {
                    for (ProcessorProtocol.RecordResult result : succeeded.records()) {
                        if (result.result() == ProcessorProtocol.Result.OK
                                && deserializer.deserialize(result.data()) instanceof ConversionResult.Converted converted) {
                            writer.write(converted.row());
                        }
                    }
                }
                from = to;
            }
        } catch (Exception e) {
            // A warm-up is an optimisation: the first real invocation reports whatever is wrong with the processor.
        } finally {
            writer.close();
            StagingDir.delete(file);
        }
    }

    /**
     * Invokes the processor on what is buffered and writes every object, without reading the stream (which may be
     * going away): a clean stop. Records read ahead but not yet taken stay behind the checkpoint.
     */
    public void flush() {
        if (!batch.isEmpty()) {
            invokeProcessor();
        }
        collect(true);
        destinations.writeDue(true);
        metrics.flush();
    }

    public DeliveryStats stats() {
        return metrics.stats(source.pending());
    }

    public Map<String, String> checkpoints() {
        return source.checkpoints();
    }

    public DeliveryStreamConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
        metrics.flush();
        destinations.close();
        source.close();
        staging.clear();
    }

    /** Buffers one record for the processor, invoking it first when the record would not fit the hints. */
    private void add(SourceRecord r) {
        long requestBytes = (r.data().length + 2L) / 3 * 4 + REQUEST_BYTES_PER_RECORD;
        if (!batch.isEmpty() && (batchBytes + r.data().length > config.processorBufferBytes()
                || batchRequestBytes + requestBytes > config.maxRequestBytes())) {
            invokeProcessor();
        }
        if (batch.isEmpty()) {
            batchStarted = clock.instant();
        }
        batch.add(r);
        batchBytes += r.data().length;
        batchRequestBytes += requestBytes;
    }

    private void invokeProcessor() {
        List<SourceRecord> records = new ArrayList<>(batch);
        batch.clear();
        batchBytes = 0;
        batchRequestBytes = 0;
        if (executor == null) {
            destinations.accept(execute(records));
            return;
        }
        inFlight.add(executor.submit(() -> execute(records)));
        collect(false);
        while (inFlight.size() > config.concurrentInvocations()) {
            destinations.accept(Tasks.await(inFlight.poll(), "a processor invocation"));
        }
    }

    /** Routes finished invocations in the order they were made (all of them when {@code all}). */
    private void collect(boolean all) {
        while (!inFlight.isEmpty() && (all || inFlight.peek().isDone())) {
            destinations.accept(Tasks.await(inFlight.poll(), "a processor invocation"));
        }
    }

    /** One invocation with its retries, and the conversion of its Ok records; runs on an invocation thread. */
    private Invocation execute(List<SourceRecord> records) {
        Processor processor = processors.get();
        byte[] request = protocol.request(records);
        int attempts = 0;
        while (true) {
            attempts++;
            long started = System.nanoTime();
            ProcessorProtocol.Outcome outcome;
            try {
                outcome = protocol.parse(records, processor.invoke(request));
            } catch (Exception e) {
                outcome = new ProcessorProtocol.Outcome.Failed(ProcessorProtocol.FUNCTION_ERROR,
                        "The Lambda function failed: " + e);
            } catch (StackOverflowError | OutOfMemoryError e) {
                outcome = new ProcessorProtocol.Outcome.Failed(ProcessorProtocol.FUNCTION_ERROR,
                        "The Lambda function failed: " + e);
            }
            metrics.invoked(started, outcome instanceof ProcessorProtocol.Outcome.Succeeded);
            if (outcome instanceof ProcessorProtocol.Outcome.Succeeded s) {
                List<ProcessedRecord> processed = new ArrayList<>(s.records().size());
                for (ProcessorProtocol.RecordResult r : s.records()) {
                    processed.add(new ProcessedRecord(r,
                            r.result() == ProcessorProtocol.Result.OK ? deserializer.deserialize(r.data()) : null));
                }
                return new Invocation.Answered(processed, attempts, clock.instant());
            }
            if (attempts > config.processorRetries()) {
                ProcessorProtocol.Outcome.Failed failed = (ProcessorProtocol.Outcome.Failed) outcome;
                return new Invocation.Failed(records, attempts, failed.errorCode(), failed.message(), clock.instant());
            }
            Tasks.sleep(config.retryBackoff().multipliedBy(attempts));
        }
    }
}
