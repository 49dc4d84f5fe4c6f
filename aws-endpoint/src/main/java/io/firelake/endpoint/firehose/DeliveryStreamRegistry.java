package io.firelake.endpoint.firehose;

import io.firelake.endpoint.json.AwsServiceException;
import io.firelake.endpoint.json.SdkJson;
import io.firelake.endpoint.store.JsonFileStore;
import software.amazon.awssdk.services.firehose.model.BufferingHints;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.CreateDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.DestinationDescription;
import software.amazon.awssdk.services.firehose.model.EncryptionConfiguration;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationDescription;
import software.amazon.awssdk.services.firehose.model.NoEncryptionConfig;
import software.amazon.awssdk.services.firehose.model.SourceDescription;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The delivery streams of the local endpoint, kept in the data directory as Firehose describes them, and started on
 * the backend again when the endpoint restarts.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_CreateDeliveryStream.html">CreateDeliveryStream</a>
 */
public final class DeliveryStreamRegistry {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeliveryStreamRegistry.class);

    /** Delivery streams per account and Region: Firehose's default quota. */
    public static final int DEFAULT_MAX_DELIVERY_STREAMS = 5_000;
    /** Firehose's buffering defaults for an S3 destination: 5 MiB or 300 seconds. */
    public static final int DEFAULT_BUFFER_SIZE_MB = 5;
    public static final int DEFAULT_BUFFER_INTERVAL_SECONDS = 300;
    public static final String ACCOUNT_ID = "000000000000";
    public static final String REGION = "us-east-1";

    private final JsonFileStore store;
    private final DeliveryStreamBackend backend;
    private final Clock clock;
    private final List<DeliveryStreamDescription> streams;

    public DeliveryStreamRegistry(JsonFileStore store, DeliveryStreamBackend backend, Clock clock) {
        this.store = store;
        this.backend = backend;
        this.clock = clock;
        this.streams = new CopyOnWriteArrayList<>(store.load("delivery-streams", DeliveryStreamDescription::builder));
    }

    /**
     * Starts every delivery stream kept from an earlier run, once the endpoint answers (a stream reads its Glue table
     * through it). A stream that cannot start is logged and left described, as a failed stream stays on AWS.
     */
    public void restore() {
        for (DeliveryStreamDescription stream : streams) {
            try {
                backend.start(stream);
            } catch (RuntimeException e) {
                LOG.warn("delivery stream {} could not start again: {}", stream.deliveryStreamName(), e.getMessage());
            }
        }
    }

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
        backend.start(stream);
        streams.add(stream);
        store.save("delivery-streams", streams);
        return stream;
    }

    public DeliveryStreamDescription describe(String name) {
        return find(name).orElseThrow(() -> notFound(name));
    }

    public List<DeliveryStreamDescription> all() {
        return streams.stream().sorted(Comparator.comparing(DeliveryStreamDescription::deliveryStreamName)).toList();
    }

    public synchronized void delete(String name) {
        DeliveryStreamDescription stream = describe(name);
        backend.stop(name);
        streams.remove(stream);
        store.save("delivery-streams", streams);
    }

    public DeliveryStreamBackend backend() {
        return backend;
    }

    static AwsServiceException notFound(String name) {
        return AwsServiceException.of("ResourceNotFoundException",
                "Firehose stream " + name + " under account " + ACCOUNT_ID + " not found.");
    }

    private Optional<DeliveryStreamDescription> find(String name) {
        return streams.stream().filter(s -> s.deliveryStreamName().equals(name)).findFirst();
    }

    /** The description Firehose answers for a created stream: its configuration with the service's defaults. */
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
                .deliveryStreamStatus(DeliveryStreamStatus.ACTIVE)
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
