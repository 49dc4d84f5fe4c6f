package io.firelake.local.runtime;

import io.firelake.aws.firehose.DeliveryStreamWait;
import io.firelake.config.layout.DataLayout;
import io.firelake.local.config.PipelineSettings;
import io.firelake.local.endpoint.LocalAwsEndpoint;
import io.firelake.local.endpoint.LocalDeliveryStreams;
import io.firelake.local.endpoint.TemplateAlarms;
import io.firelake.local.endpoint.TemplateAthena;
import io.firelake.local.endpoint.TemplateDeliveryStream;
import io.firelake.local.endpoint.TemplateGlueJobs;
import io.firelake.local.engines.DynamoDbLocalServer;
import io.firelake.local.engines.Kinesalite;
import io.firelake.local.engines.LocalAws;
import io.firelake.local.engines.S3ProxyServer;
import io.firelake.local.firehose.DeliveryStreamConfig;
import io.firelake.local.firehose.FirehoseRunner;
import io.firelake.local.firehose.aws.S3ObjectStore;
import io.firelake.local.firehose.lambda.RequestStreamHandlerProcessor;
import io.firelake.local.eventsource.EventSourceMappingConfig;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole local pipeline in one process: kinesalite, S3Proxy and (optionally) DynamoDB Local on loopback, the
 * Kinesis stream and the lake bucket, and the local Firehose with the transform handler in process. Everything the
 * engines keep lives under the data directory, where {@link DataLayout} says: the stream, the lake as plain files,
 * DynamoDB Local's tables, the local Firehose's checkpoints, staging, metrics and dropped records, and the logs.
 */
public final class LocalPipeline implements AutoCloseable {

    public static final String TRANSFORM_HANDLER = "io.firelake.transform.FirehoseTransformHandler";
    /** Concurrent transform invocations: one per core, at least two, so conversion and transform overlap. */
    public static final int CONCURRENT_INVOCATIONS = Math.max(2, Runtime.getRuntime().availableProcessors());
    /** Where the template's artifacts (the Glue jobs' jar and script) would be uploaded. */
    static final String ARTIFACTS_BUCKET = "firelake-artifacts";

    private final Options options;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final Kinesalite kinesalite;
    private final S3ProxyServer s3proxy;
    private final DynamoDbLocalServer dynamoDb;
    private final KinesisClient kinesis;
    private final S3Client s3;
    private final LocalAwsEndpoint endpoint;
    private final FirehoseRunner firehose;
    private final SpeedLayer speedLayer;
    private final BufferedWriter lambdaLog;
    private int warmUpRecords;
    private double warmUpSeconds;

    /**
     * @param dataDir        where every engine keeps its state
     * @param settings       the SAM template's parameters
     * @param kinesisPort    0 for a free port
     * @param s3Port         0 for a free port
     * @param dynamoDbPort   0 for a free port, -1 to not start DynamoDB Local
     * @param awsPort        the one AWS endpoint's port, 0 for a free one
     * @param configure      adjusts the delivery stream (tests shorten buffers); identity otherwise
     * @param speedLayer     adjusts the speed layer's event source mapping (tests shorten its window); null to not run
     *                       the speed layer (it needs DynamoDB Local)
     */
    public record Options(Path dataDir, PipelineSettings settings, int kinesisPort, int s3Port, int dynamoDbPort,
                         int awsPort, java.util.function.UnaryOperator<DeliveryStreamConfig> configure,
                         java.util.function.UnaryOperator<EventSourceMappingConfig> speedLayer) {

        /** The speed layer runs, with the SAM template's settings, whenever DynamoDB Local does. */
        public Options(Path dataDir, PipelineSettings settings, int kinesisPort, int s3Port, int dynamoDbPort,
                       java.util.function.UnaryOperator<DeliveryStreamConfig> configure) {
            this(dataDir, settings, kinesisPort, s3Port, dynamoDbPort, 0, configure,
                    dynamoDbPort < 0 ? null : c -> c);
        }

        /** The AWS endpoint on a free port. */
        public Options(Path dataDir, PipelineSettings settings, int kinesisPort, int s3Port, int dynamoDbPort,
                       java.util.function.UnaryOperator<DeliveryStreamConfig> configure,
                       java.util.function.UnaryOperator<EventSourceMappingConfig> speedLayer) {
            this(dataDir, settings, kinesisPort, s3Port, dynamoDbPort, 0, configure, speedLayer);
        }

        public Options {
            if (speedLayer != null && dynamoDbPort < 0) {
                throw new IllegalArgumentException("the speed layer needs DynamoDB Local (dynamoDbPort >= 0)");
            }
        }
    }

    private LocalPipeline(Options options) {
        this.options = options;
        DataLayout data = DataLayout.of(options.dataDir()).requireWritable();
        if (options.speedLayer() != null) {
            // A broken speed-layer.yaml stops the start here, not after every engine started and half the setup ran.
            io.firelake.speed.core.spec.SpeedLayerContracts.selectedAndChecked();
        }
        // So does a taken port, by its engine's name: the AWS endpoint's used to fail only once the engines were up.
        java.util.Map.of(Kinesalite.ENGINE, options.kinesisPort(), S3ProxyServer.ENGINE, options.s3Port(),
                DynamoDbLocalServer.ENGINE, options.dynamoDbPort(), "the AWS endpoint", options.awsPort())
                .forEach((engine, port) -> {
                    if (port > 0 || port < -1) { // -1: DynamoDB Local not started
                        io.firelake.local.engines.Loopback.resolvePort(port, engine);
                    }
                });
        int warmUp = FirehoseWarmUp.records();
        try {
            kinesalite = track(Kinesalite.builder().port(options.kinesisPort()).dataDir(data.kinesisDir()).start());
            s3proxy = track(S3ProxyServer.start(data.s3Dir(), options.s3Port()));
            dynamoDb = options.dynamoDbPort() < 0 ? null
                    : track(DynamoDbLocalServer.start(data.dynamoDbDir(), options.dynamoDbPort()));
            kinesis = track(LocalAws.kinesis(kinesalite.endpoint()));
            s3 = track(LocalAws.s3(s3proxy.endpoint()));
            new S3ObjectStore(s3, data.bucket()).ensureBucket(); // the template's lake bucket, before any stream
            PipelineSettings settings = options.settings();
            ensureStream(settings.streamName(), settings.shardCount());
            Files.createDirectories(data.logsDir());
            lambdaLog = Files.newBufferedWriter(data.logFile(TemplateDeliveryStream.TRANSFORM_FUNCTION),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            opened.add(lambdaLog);
            endpoint = track(LocalAwsEndpoint.start(options.awsPort(), data,
                    new LocalAwsEndpoint.Engines(kinesalite.endpoint(), s3proxy.endpoint(),
                            dynamoDb == null ? null : dynamoDb.endpoint()),
                    schemas -> new LocalDeliveryStreams(new LocalDeliveryStreams.Environment(data,
                            kinesis, s3, this::function, schemas,
                            config -> options.configure().apply(config.toBuilder()
                                    .concurrentInvocations(CONCURRENT_INVOCATIONS).droppedLog(data.droppedFile())
                                    .build()),
                            () -> FirehoseWarmUp.payloads(warmUp), data.metricsFile(), Clock.systemUTC()),
                            LocalDeliveryStreams.DEFAULT_SCHEMA_CHECK)));
            endpoint.createCatalog(settings.glueDatabaseName(), data.bucket(),
                    TemplateGlueJobs.requests(TemplateGlueJobs.LOCAL_STACK, data.bucket(), ARTIFACTS_BUCKET));
            com.fasterxml.jackson.databind.JsonNode template = io.firelake.config.sam.SamTemplate.resources(); // parsed once
            endpoint.ensureAthena(TemplateAthena.of(template, settings.parameters(), TemplateGlueJobs.LOCAL_STACK,
                    data.bucket()));
            endpoint.ensureAlarms(TemplateAlarms.of(template, settings.parameters(), TemplateGlueJobs.LOCAL_STACK));
            // The delivery stream warms up while the speed layer starts; it reads only once it is done.
            long warmUpStarted = System.nanoTime();
            java.util.concurrent.CompletableFuture<Void> created = java.util.concurrent.CompletableFuture.runAsync(
                    () -> endpoint.ensureDeliveryStream(TemplateDeliveryStream.request(settings, data.bucket()),
                            DeliveryStreamWait.DEFAULT_TIMEOUT));
            speedLayer = options.speedLayer() == null ? null
                    : track(SpeedLayer.start(dynamoDb.endpoint(), kinesis, settings, data, options.speedLayer()));
            try {
                created.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            warmUpSeconds = (System.nanoTime() - warmUpStarted) / 1e9;
            warmUpRecords = endpoint.deliveryStreams().warmedUp(settings.deliveryStreamName());
            firehose = endpoint.deliveryStreams().runner(settings.deliveryStreamName()).orElseThrow(() ->
                    new IllegalStateException("the delivery stream " + settings.deliveryStreamName()
                            + " is described but not running: see " + data.logsDir()));
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The local Lambda functions a delivery stream may name in its processor: the transform. */
    private java.util.Optional<java.util.function.Supplier<io.firelake.local.firehose.Processor>> function(String name) {
        if (!name.equals(TemplateDeliveryStream.TRANSFORM_FUNCTION)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(() -> new RequestStreamHandlerProcessor(
                RequestStreamHandlerProcessor.load(TRANSFORM_HANDLER), name, this::logLambda));
    }

    /** How many sample records each invocation thread of the local Firehose ran through before reading. */
    public int warmUpRecords() {
        return warmUpRecords;
    }

    /** Wall time of the warm-up (it overlaps with the speed layer's start). */
    public double warmUpSeconds() {
        return warmUpSeconds;
    }

    public static LocalPipeline start(Options options) {
        return new LocalPipeline(options);
    }

    /** The one AWS endpoint: every service of the local pipeline, for any AWS client. */
    public URI awsEndpoint() {
        return endpoint.uri();
    }

    public LocalAwsEndpoint endpoint() {
        return endpoint;
    }

    public URI kinesisEndpoint() {
        return kinesalite.endpoint();
    }

    public URI s3Endpoint() {
        return s3proxy.endpoint();
    }

    public URI dynamoDbEndpoint() {
        return dynamoDb == null ? null : dynamoDb.endpoint();
    }

    /** The speed layer, when it runs (with DynamoDB Local). */
    public java.util.Optional<SpeedLayer> speedLayer() {
        return java.util.Optional.ofNullable(speedLayer);
    }

    public KinesisClient kinesis() {
        return kinesis;
    }

    /**
     * The running delivery stream; after a new version of its Glue table it is another runner (the stream restarted to
     * convert with the new schema), so ask again rather than keep it.
     */
    public FirehoseRunner firehose() {
        return endpoint.deliveryStreams().runner(options.settings().deliveryStreamName()).orElse(firehose);
    }

    /** The lake on disk: {@code <data>/s3/firelake-lake}. */
    public Path lakeDir() {
        return DataLayout.of(options.dataDir()).lakeDir();
    }

    public Options options() {
        return options;
    }

    private void ensureStream(String name, int shards) {
        try {
            kinesis.describeStreamSummary(b -> b.streamName(name));
        } catch (ResourceNotFoundException e) {
            kinesis.createStream(b -> b.streamName(name).shardCount(shards));
        }
        Streams.awaitActive(kinesis, name);
    }

    private synchronized void logLambda(String line) {
        try {
            lambdaLog.write(line.endsWith("\n") ? line : line + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        opened.add(resource);
        return resource;
    }

    /** Stops the Firehose (what is not delivered stays behind its checkpoint) and the engines, newest first. */
    @Override
    public void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception ignored) {
                // keep closing the others
            }
        }
        opened.clear();
    }
}
