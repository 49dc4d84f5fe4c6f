package io.firelake.local.endpoint;

import io.firelake.config.layout.DataLayout;
import io.firelake.endpoint.firehose.DeliveryStreamBackend;
import io.firelake.endpoint.json.AwsServiceException;
import io.firelake.lake.format.LakeSchema;
import io.firelake.local.firehose.DeliveryStreamConfig;
import io.firelake.local.firehose.FirehoseMetrics;
import io.firelake.local.firehose.FirehoseRunner;
import io.firelake.local.firehose.LocalFirehose;
import io.firelake.local.firehose.PrefetchingStreamSource;
import io.firelake.local.firehose.Processor;
import io.firelake.local.firehose.StreamSource;
import io.firelake.local.firehose.aws.KinesisStreamSource;
import io.firelake.local.firehose.aws.S3ObjectStore;
import io.firelake.local.firehose.directput.DirectPutLog;
import io.firelake.local.firehose.directput.DirectPutQuota;
import io.firelake.local.firehose.lambda.PassThroughProcessor;
import io.firelake.monitoring.metrics.FirehoseMetric;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The local Firehose behind the Firehose API: each delivery stream {@code CreateDeliveryStream} made (or the registry
 * restored) is started on the registry's thread while it is {@code CREATING} and runs as a {@link LocalFirehose} on its
 * own thread, reading its Kinesis stream or, for Direct PUT, the
 * {@link DirectPutLog} that {@code PutRecordBatch} appends to.
 */
public final class LocalDeliveryStreams implements DeliveryStreamBackend, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalDeliveryStreams.class);

    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);
    /** Firehose's answer to a record it cannot take now: back off and send it again. */
    static final String SERVICE_UNAVAILABLE = "ServiceUnavailableException";

    /**
     * What a delivery stream runs with locally.
     *
     * @param functions  the local Lambda functions by name: each answers a supplier of handlers
     * @param schemas    the Parquet schema of a stream's Glue table (read through the Glue API)
     * @param configure  adjusts each stream's configuration (concurrency, the dropped-records log; tests shorten buffers)
     * @param warmUp     sample records each stream runs through before it reads (none: no warm-up)
     */
    public record Environment(DataLayout layout, KinesisClient kinesis, S3Client s3,
                              Function<String, Optional<Supplier<Processor>>> functions,
                              GlueTableSchemas schemas,
                              UnaryOperator<DeliveryStreamConfig> configure, Supplier<List<byte[]>> warmUp,
                              Path metricsFile, Clock clock) {
    }

    private record Running(DeliveryStreamDescription stream, DeliveryStreamConfig config, String tableVersion,
                           FirehoseRunner runner, DirectPutLog directPut, DirectPutQuota quota,
                           FirehoseMetrics metrics, int warmedUp) {
    }

    /** How often a stream's Glue table is checked for a new version, which the stream then converts with. */
    public static final Duration DEFAULT_SCHEMA_CHECK = Duration.ofSeconds(5);

    private final Environment env;
    private final Map<String, Running> streams = new ConcurrentHashMap<>();
    private final ScheduledExecutorService schemaChecks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-firehose-schema-check");
        t.setDaemon(true);
        return t;
    });

    public LocalDeliveryStreams(Environment env, Duration schemaCheck) {
        this.env = env;
        schemaChecks.scheduleWithFixedDelay(this::checkSchemas, schemaCheck.toMillis(), schemaCheck.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Restarts each stream whose table has a newer version (after delivering what it buffered with the old schema),
     * so the next objects are converted with the new one.
     */
    private void checkSchemas() {
        for (Running running : List.copyOf(streams.values())) {
            try {
                String now = env.schemas().latest(running.config().glueDatabase(), running.config().glueTable())
                        .versionId();
                if (!now.equals(running.tableVersion())) {
                    synchronized (this) {
                        stop(running.config().name());
                        start(running.stream());
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("cannot check the Glue table of delivery stream {}: {}", running.config().name(),
                        e.getMessage());
            }
        }
    }

    /** The rules CreateDeliveryStream answers at once: Firehose's (DeliveryStreamDescriptions), a known function. */
    @Override
    public void check(DeliveryStreamDescription stream) {
        handlers(stream, DeliveryStreamDescriptions.toConfig(stream));
    }

    /**
     * Reads the Glue table, checks the bucket, warms up and starts reading: what CREATING stands for locally. A
     * missing bucket or table ends it (the registry then describes the stream CREATING_FAILED with the reason).
     */
    @Override
    public synchronized void start(DeliveryStreamDescription stream) {
        DeliveryStreamConfig config = env.configure().apply(DeliveryStreamDescriptions.toConfig(stream));
        Supplier<Processor> handlers = handlers(stream, config);
        S3ObjectStore store = new S3ObjectStore(env.s3(),
                bucket(stream.destinations().get(0).extendedS3DestinationDescription().bucketARN())).requireBucket();
        var table = env.schemas().latest(config.glueDatabase(), config.glueTable());
        LakeSchema schema = LakeSchema.of(GlueTableSchemas.definition(table));
        Path work = env.layout().deliveryStreamDir(config.name());
        DirectPutLog directPut = stream.deliveryStreamType() == DeliveryStreamType.DIRECT_PUT
                ? new DirectPutLog(work.resolve("directput.log"), env.clock()) : null;
        StreamSource source = directPut != null ? directPut : new PrefetchingStreamSource(new KinesisStreamSource(
                env.kinesis(), config.sourceStreamName(), config.region(), config.accountId()), 3, Duration.ofMillis(200));
        FirehoseMetrics metrics = new FirehoseMetrics(env.metricsFile(), config.name(), env.clock());
        LocalFirehose firehose = new LocalFirehose(config, source, handlers, store, schema, work, metrics,
                env.clock());
        int warmedUp = firehose.warmUp(env.warmUp().get());
        streams.put(config.name(), new Running(stream, config, table.versionId(),
                new FirehoseRunner(firehose, Duration.ofMillis(200)).start(), directPut,
                new DirectPutQuota(config.directPut(), env.clock()), metrics, warmedUp));
    }

    private Supplier<Processor> handlers(DeliveryStreamDescription stream, DeliveryStreamConfig config) {
        return DeliveryStreamDescriptions
                .processor(stream.destinations().get(0).extendedS3DestinationDescription())
                .map(p -> env.functions().apply(config.processor().functionName()).orElseThrow(() ->
                        DeliveryStreamDescriptions.invalid("No local Lambda function is named "
                                + config.processor().functionName() + " (from LambdaArn " + p.get("LambdaArn")
                                + "): the local runtime runs " + TemplateDeliveryStream.TRANSFORM_FUNCTION + ".")))
                .orElse(PassThroughProcessor::new);
    }

    /**
     * Delivers what the stream buffered and stops it (records read ahead, or in the Direct PUT log, are read again at
     * the next start); if that fails, it stops all the same, its records kept.
     */
    @Override
    public synchronized void stop(String name) {
        Running running = streams.remove(name);
        if (running != null) {
            try {
                running.runner().flush(STOP_TIMEOUT);
            } finally {
                close(running);
            }
        }
    }

    /**
     * Stops the stream after delivering what it holds: its buffers and, for Direct PUT, every record it accepted (a
     * Kinesis source keeps the records not read yet itself). If it cannot, this throws, the stream is DELETING_FAILED
     * and its directory stays; else its directory goes ({@link DeletedStreamState}).
     */
    @Override
    public synchronized void delete(String name) {
        Running running = streams.remove(name);
        if (running != null) {
            try {
                deliverAll(running);
            } finally {
                close(running);
            }
        }
        DeletedStreamState.remove(env.layout(), name, running != null, env.clock().instant());
    }

    private static void deliverAll(Running running) {
        if (running.directPut() == null) {
            running.runner().flush(STOP_TIMEOUT);
            return;
        }
        running.runner().drain(STOP_TIMEOUT);
        if (running.directPut().unreadBytes() > 0) {
            throw new IllegalStateException("records of " + running.config().name()
                    + " accepted while it was being deleted are not delivered yet; delete it again.");
        }
    }

    @Override
    public List<PutRecordBatchResponseEntry> put(String name, List<SdkBytes> records) {
        Running running = streams.get(name);
        if (running == null || running.directPut() == null) {
            throw AwsServiceException.of("ResourceNotFoundException", "Firehose stream " + name + " is not running.");
        }
        DirectPutLog log = running.directPut();
        List<byte[]> data = records.stream().map(SdkBytes::asByteArrayUnsafe).toList();
        // As Firehose past its throughput quota: the records that fit are taken, the others refused one by one, for
        // the client to send again, and counted as ThrottledRecords. The backlog bound always takes a record of its
        // own into an idle stream, however large.
        int fit = 0;
        if (running.runner().isRunning()) {
            int quota = running.quota().admit(data);
            long room = running.config().directPut().backlogBytes() - log.unreadBytes();
            while (fit < quota && (room >= data.get(fit).length || log.unreadBytes() == 0 && fit == 0)) {
                room -= data.get(fit).length;
                fit++;
            }
        }
        List<PutRecordBatchResponseEntry> answers = new ArrayList<>(records.size());
        for (String id : fit == 0 ? List.<String>of() : log.append(data.subList(0, fit))) {
            answers.add(PutRecordBatchResponseEntry.builder().recordId(id).build());
        }
        for (int i = fit; i < data.size(); i++) {
            answers.add(PutRecordBatchResponseEntry.builder().errorCode(SERVICE_UNAVAILABLE)
                    .errorMessage("Slow down.").build());
        }
        if (fit < data.size()) {
            running.metrics().record(FirehoseMetric.THROTTLED_RECORDS, data.size() - fit);
        }
        return answers;
    }

    /** The running delivery stream, for the runtime's own drains and status. */
    public synchronized Optional<FirehoseRunner> runner(String name) {
        return Optional.ofNullable(streams.get(name)).map(Running::runner);
    }

    /** Sample records the stream ran through before it started reading. */
    public int warmedUp(String name) {
        return Optional.ofNullable(streams.get(name)).map(Running::warmedUp).orElse(0);
    }

    private static String bucket(String bucketArn) {
        return bucketArn.startsWith("arn:aws:s3:::") ? bucketArn.substring("arn:aws:s3:::".length()) : bucketArn;
    }

    private static void close(Running running) {
        running.runner().close();
        running.metrics().close();
        if (running.directPut() != null) {
            running.directPut().close();
        }
    }

    /** Stops every stream; what is not delivered stays behind its checkpoint. */
    @Override
    public void close() {
        schemaChecks.shutdownNow();
        streams.values().forEach(LocalDeliveryStreams::close);
        streams.clear();
    }
}
