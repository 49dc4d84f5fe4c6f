package io.firelake.endpoint.firehose;

import io.firelake.endpoint.json.AwsServiceException;
import io.firelake.endpoint.json.SdkJson;
import io.firelake.endpoint.store.JsonFileStore;
import software.amazon.awssdk.services.firehose.model.BufferingHints;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.CreateDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamFailureType;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.DestinationDescription;
import software.amazon.awssdk.services.firehose.model.EncryptionConfiguration;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationDescription;
import software.amazon.awssdk.services.firehose.model.FailureDescription;
import software.amazon.awssdk.services.firehose.model.NoEncryptionConfig;
import software.amazon.awssdk.services.firehose.model.SourceDescription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The delivery streams of the local endpoint, kept in the data directory as Firehose describes them, with Firehose's
 * life cycle: {@code CreateDeliveryStream} answers at once with the stream {@code CREATING} and the backend starts it
 * on a thread of its own, after which it is {@code ACTIVE}, or {@code CREATING_FAILED} with a
 * {@code FailureDescription} saying why (it stays so until deleted); {@code DeleteDeliveryStream} marks it
 * {@code DELETING} while the backend delivers what it buffered, stops it and removes its local state, then the stream
 * is gone (or {@code DELETING_FAILED}, its state kept, and a second delete tries again). Records are taken only while it is {@code ACTIVE}. When the endpoint restarts, the streams
 * that were {@code ACTIVE} or {@code CREATING} start again the same way, and deletions in progress finish.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_CreateDeliveryStream.html">CreateDeliveryStream</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_DeleteDeliveryStream.html">DeleteDeliveryStream</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_DescribeDeliveryStream.html">DescribeDeliveryStream</a>
 */
public final class DeliveryStreamRegistry implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeliveryStreamRegistry.class);

    /** Delivery streams per account and Region: Firehose's default quota. */
    public static final int DEFAULT_MAX_DELIVERY_STREAMS = 5_000;
    /** Firehose's buffering defaults for an S3 destination: 5 MiB or 300 seconds. */
    public static final int DEFAULT_BUFFER_SIZE_MB = 5;
    public static final int DEFAULT_BUFFER_INTERVAL_SECONDS = 300;
    public static final String ACCOUNT_ID = "000000000000";
    public static final String REGION = "us-east-1";
    /** How long closing the endpoint waits for starts and deletions in progress (a deletion delivers its buffers). */
    private static final Duration CLOSE_TIMEOUT = Duration.ofMinutes(3);

    private final JsonFileStore store;
    private final DeliveryStreamBackend backend;
    private final Clock clock;
    private final List<DeliveryStreamDescription> streams;
    private final ExecutorService lifecycle = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "firehose-lifecycle-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });

    public DeliveryStreamRegistry(JsonFileStore store, DeliveryStreamBackend backend, Clock clock) {
        this.store = store;
        this.backend = backend;
        this.clock = clock;
        this.streams = new CopyOnWriteArrayList<>(store.load("delivery-streams", DeliveryStreamDescription::builder));
    }

    /**
     * Starts again every delivery stream kept from an earlier run that was {@code ACTIVE} or {@code CREATING} (it is
     * {@code CREATING} until it runs), and finishes the deletions in progress, once the endpoint answers (a stream
     * reads its Glue table through it). Failed streams stay as they are, as on AWS.
     */
    public synchronized void restore() {
        for (DeliveryStreamDescription stream : streams) {
            switch (stream.deliveryStreamStatus()) {
                case ACTIVE, CREATING -> startInBackground(replace(stream.toBuilder()
                        .deliveryStreamStatus(DeliveryStreamStatus.CREATING).build()));
                case DELETING -> deleteInBackground(stream.deliveryStreamName());
                default -> LOG.info("delivery stream {} stays {}", stream.deliveryStreamName(),
                        stream.deliveryStreamStatusAsString());
            }
        }
    }

    /** Checks the request, keeps the stream {@code CREATING} and starts it in the background. */
    public synchronized DeliveryStreamDescription create(CreateDeliveryStreamRequest request) {
        String name = request.deliveryStreamName();
        if (find(name).isPresent()) {
            throw AwsServiceException.of("ResourceInUseException",
                    "Firehose stream " + name + " under account " + ACCOUNT_ID + " already exists.");
        }
        if (streams.size() >= DEFAULT_MAX_DELIVERY_STREAMS) {
            throw AwsServiceException.of("LimitExceededException", "You have already reached the limit of "
                    + DEFAULT_MAX_DELIVERY_STREAMS + " Firehose streams in this account and Region.");
        }
        DeliveryStreamDescription stream = describe(request, clock.instant());
        backend.check(stream);
        streams.add(stream);
        store.save("delivery-streams", streams);
        startInBackground(stream);
        return stream;
    }

    public DeliveryStreamDescription describe(String name) {
        return find(name).orElseThrow(() -> notFound(name));
    }

    /**
     * The stream, if it takes records now. Firehose refuses records for a stream that is not {@code ACTIVE} with an
     * exception it does not name; of the errors PutRecord and PutRecordBatch declare, it can only be this one.
     */
    public DeliveryStreamDescription requireActive(String name) {
        DeliveryStreamDescription stream = describe(name);
        if (stream.deliveryStreamStatus() != DeliveryStreamStatus.ACTIVE) {
            throw AwsServiceException.of("ResourceNotFoundException", "Firehose stream " + name + " under account "
                    + ACCOUNT_ID + " is not ACTIVE: it is " + stream.deliveryStreamStatusAsString()
                    + (stream.deliveryStreamStatus() == DeliveryStreamStatus.CREATING
                    ? "; wait until DescribeDeliveryStream says ACTIVE." : "."));
        }
        return stream;
    }

    public List<DeliveryStreamDescription> all() {
        return streams.stream().sorted(Comparator.comparing(DeliveryStreamDescription::deliveryStreamName)).toList();
    }

    /**
     * Marks the stream {@code DELETING} and stops it in the background (delivering what it buffered); a stream
     * {@code CREATING} cannot be deleted, a second delete of one {@code DELETING} changes nothing.
     */
    public synchronized void delete(String name) {
        DeliveryStreamDescription stream = describe(name);
        switch (stream.deliveryStreamStatus()) {
            case CREATING -> throw AwsServiceException.of("ResourceInUseException", "Firehose stream " + name
                    + " under account " + ACCOUNT_ID + " is CREATING and cannot be deleted until it is ACTIVE or "
                    + "CREATING_FAILED.");
            case DELETING -> {
                return;
            }
            default -> {
                replace(stream.toBuilder().deliveryStreamStatus(DeliveryStreamStatus.DELETING)
                        .failureDescription((FailureDescription) null).build());
                deleteInBackground(name);
            }
        }
    }

    public DeliveryStreamBackend backend() {
        return backend;
    }

    /** Waits for the starts and deletions in progress, so that none outlives the backend. */
    @Override
    public void close() {
        lifecycle.shutdown();
        try {
            if (!lifecycle.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("delivery streams still starting or stopping after {}", CLOSE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startInBackground(DeliveryStreamDescription stream) {
        String name = stream.deliveryStreamName();
        lifecycle.execute(() -> {
            try {
                backend.start(stream);
                transition(name, DeliveryStreamStatus.CREATING, DeliveryStreamStatus.ACTIVE, null);
            } catch (RuntimeException e) {
                LOG.warn("delivery stream {} could not start: {}", name, e.getMessage());
                transition(name, DeliveryStreamStatus.CREATING, DeliveryStreamStatus.CREATING_FAILED, failure(e));
            }
        });
    }

    private void deleteInBackground(String name) {
        lifecycle.execute(() -> {
            try {
                backend.delete(name);
                synchronized (this) {
                    streams.removeIf(s -> s.deliveryStreamName().equals(name));
                    store.save("delivery-streams", streams);
                }
            } catch (RuntimeException e) {
                LOG.warn("delivery stream {} could not be deleted: {}", name, e.getMessage());
                transition(name, DeliveryStreamStatus.DELETING, DeliveryStreamStatus.DELETING_FAILED, failure(e));
            }
        });
    }

    /** Moves the stream on from {@code from}, unless something else (a delete) moved it meanwhile. */
    private synchronized void transition(String name, DeliveryStreamStatus from, DeliveryStreamStatus to,
                                         FailureDescription failure) {
        find(name).filter(s -> s.deliveryStreamStatus() == from).ifPresent(s -> replace(s.toBuilder()
                .deliveryStreamStatus(to).failureDescription(failure).build()));
    }

    private synchronized DeliveryStreamDescription replace(DeliveryStreamDescription stream) {
        streams.replaceAll(s -> s.deliveryStreamName().equals(stream.deliveryStreamName()) ? stream : s);
        store.save("delivery-streams", streams);
        return stream;
    }

    /** Firehose's failure types name KMS and VPC causes; a local one (a missing bucket or table) is UNKNOWN_ERROR. */
    private static FailureDescription failure(RuntimeException e) {
        String details = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                : e.getMessage();
        return FailureDescription.builder().type(DeliveryStreamFailureType.UNKNOWN_ERROR).details(details).build();
    }

    static AwsServiceException notFound(String name) {
        return AwsServiceException.of("ResourceNotFoundException",
                "Firehose stream " + name + " under account " + ACCOUNT_ID + " not found.");
    }

    private Optional<DeliveryStreamDescription> find(String name) {
        return streams.stream().filter(s -> s.deliveryStreamName().equals(name)).findFirst();
    }

    /** The description Firehose answers for a new stream: {@code CREATING}, its configuration with the defaults. */
    public static DeliveryStreamDescription describe(CreateDeliveryStreamRequest request, Instant now) {
        CreateRules.check(request);
        DeliveryStreamType type = request.deliveryStreamType() == null
                ? DeliveryStreamType.DIRECT_PUT : request.deliveryStreamType();
        Object destination = request.extendedS3DestinationConfiguration() != null
                ? request.extendedS3DestinationConfiguration() : request.s3DestinationConfiguration();
        ExtendedS3DestinationDescription s3 = SdkJson.read(
                SdkJson.write((software.amazon.awssdk.core.SdkPojo) destination),
                ExtendedS3DestinationDescription.builder());
        ExtendedS3DestinationDescription.Builder withDefaults = s3.toBuilder();
        if (s3.bufferingHints() == null) {
            withDefaults.bufferingHints(BufferingHints.builder().sizeInMBs(DEFAULT_BUFFER_SIZE_MB)
                    .intervalInSeconds(DEFAULT_BUFFER_INTERVAL_SECONDS).build());
        }
        if (s3.compressionFormat() == null) {
            withDefaults.compressionFormat(CompressionFormat.UNCOMPRESSED);
        }
        if (s3.encryptionConfiguration() == null) {
            withDefaults.encryptionConfiguration(EncryptionConfiguration.builder()
                    .noEncryptionConfig(NoEncryptionConfig.NO_ENCRYPTION).build());
        }
        SourceDescription.Builder source = SourceDescription.builder();
        if (type == DeliveryStreamType.KINESIS_STREAM_AS_SOURCE) {
            source.kinesisStreamSourceDescription(k -> k
                    .kinesisStreamARN(request.kinesisStreamSourceConfiguration().kinesisStreamARN())
                    .roleARN(request.kinesisStreamSourceConfiguration().roleARN()).deliveryStartTimestamp(now));
        }
        return DeliveryStreamDescription.builder()
                .deliveryStreamName(request.deliveryStreamName())
                .deliveryStreamARN("arn:aws:firehose:" + REGION + ":" + ACCOUNT_ID + ":deliverystream/"
                        + request.deliveryStreamName())
                .deliveryStreamStatus(DeliveryStreamStatus.CREATING)
                .deliveryStreamType(type)
                .versionId("1")
                .createTimestamp(now)
                .source(source.build())
                .destinations(DestinationDescription.builder().destinationId("destinationId-000000000001")
                        .extendedS3DestinationDescription(withDefaults.build()).build())
                .hasMoreDestinations(false)
                .build();
    }
}
