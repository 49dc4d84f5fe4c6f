package io.firelake.local.endpoint;

import io.firelake.aws.firehose.DeliveryStreamWait;
import io.firelake.aws.wait.ResourceWaitException;
import io.firelake.config.layout.DataLayout;
import io.firelake.local.config.PipelineSettings;
import io.firelake.local.engines.LocalAws;
import io.firelake.local.firehose.FirehoseRunner;
import io.firelake.local.runtime.EndpointPipeline;
import io.firelake.producer.ProducerRun;
import io.firelake.producer.generate.FaultRates;
import io.firelake.producer.generate.SimulationSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CreateDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamFailureType;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.ResourceInUseException;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A delivery stream's life cycle on the local endpoint, with the local Firehose behind it (kinesalite, S3Proxy, the
 * Glue catalog): CREATING while the stream reads its table, checks its bucket and warms up, ACTIVE once it takes
 * records, CREATING_FAILED with the reason when it cannot start, DELETING while it delivers its buffers and stops,
 * then gone; records refused whenever it is not ACTIVE. The local Firehose starts and stops a stream while holding its
 * own lock, so the test holds that lock to see the stream in CREATING and DELETING for as long as it needs.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_CreateDeliveryStream.html">CreateDeliveryStream</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_DeleteDeliveryStream.html">DeleteDeliveryStream</a>
 */
class DeliveryStreamLifecycleTest {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final Record RECORD = Record.builder().data(SdkBytes.fromUtf8String("{\"event_id\":\"x\"}\n"))
            .build();

    @TempDir
    static Path data;
    static EndpointPipeline local;

    @BeforeAll
    static void start() {
        local = EndpointPipeline.start(data, c -> c);
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    private static FirehoseClient firehose() {
        return local.firehose();
    }

    private static CreateDeliveryStreamRequest directPut(String name) {
        PipelineSettings settings = local.pipeline().options().settings();
        return TemplateDeliveryStream.directPutRequest(settings, DataLayout.of(data).bucket(), name);
    }

    private static DeliveryStreamDescription describe(String name) {
        return firehose().describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription();
    }

    private static void awaitGone(String name) {
        DeliveryStreamWait.awaitDeleted(firehose(), name, WAIT);
    }

    @Test
    void aNewStreamIsCreatingUntilTheLocalFirehoseRunsThenActiveUntilDeletedThenGone() {
        String name = "lifecycle-direct";
        LocalDeliveryStreams streams = local.pipeline().endpoint().deliveryStreams();
        synchronized (streams) {
            firehose().createDeliveryStream(directPut(name));
            assertThat(describe(name).deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.CREATING);
            assertThat(firehose().listDeliveryStreams(b -> b.limit(100)).deliveryStreamNames()).contains(name);
            assertThatThrownBy(() -> firehose().putRecordBatch(b -> b.deliveryStreamName(name).records(RECORD)))
                    .isInstanceOf(ResourceNotFoundException.class)
                    .hasMessageContaining("Firehose stream " + name + " under account 000000000000 is not ACTIVE: "
                            + "it is CREATING; wait until DescribeDeliveryStream says ACTIVE.");
            assertThatThrownBy(() -> firehose().deleteDeliveryStream(b -> b.deliveryStreamName(name)))
                    .isInstanceOf(ResourceInUseException.class).hasMessageContaining("is CREATING");
            assertThat(streams.runner(name)).isEmpty();
        }
        assertThat(DeliveryStreamWait.awaitActive(firehose(), name, WAIT).deliveryStreamStatus())
                .isEqualTo(DeliveryStreamStatus.ACTIVE);
        assertThat(streams.runner(name)).as("ACTIVE means running").isPresent();
        assertThat(firehose().putRecordBatch(b -> b.deliveryStreamName(name).records(RECORD)).failedPutCount())
                .isZero();

        synchronized (streams) {
            firehose().deleteDeliveryStream(b -> b.deliveryStreamName(name));
            assertThat(describe(name).deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.DELETING);
            assertThatThrownBy(() -> firehose().putRecordBatch(b -> b.deliveryStreamName(name).records(RECORD)))
                    .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("it is DELETING");
            assertThatThrownBy(() -> firehose().createDeliveryStream(directPut(name)))
                    .isInstanceOf(ResourceInUseException.class);
        }
        awaitGone(name);
        assertThat(streams.runner(name)).isEmpty();
        assertThatThrownBy(() -> describe(name)).isInstanceOf(ResourceNotFoundException.class);
    }

    /** As on AWS, a delete takes the stream's data with it; the objects it delivered stay in the bucket. */
    @Test
    void aStreamCreatedAgainUnderTheSameNameStartsFreshAndTheOldOnesObjectsStay() throws Exception {
        String name = "lifecycle-again";
        Path work = DataLayout.of(data).deliveryStreamDir(name);
        firehose().createDeliveryStream(directPut(name));
        DeliveryStreamDescription first = DeliveryStreamWait.awaitActive(firehose(), name, WAIT);
        List<String> before = objects();
        assertThat(firehose().putRecordBatch(b -> b.deliveryStreamName(name).records(RECORD, RECORD, RECORD))
                .failedPutCount()).isZero();
        assertThat(Files.size(work.resolve("directput.log"))).isPositive();

        firehose().deleteDeliveryStream(b -> b.deliveryStreamName(name));
        awaitGone(name);
        assertThat(work).as("the checkpoint, Direct PUT log and buffers go with the stream").doesNotExist();
        List<String> delivered = objects();
        assertThat(delivered).as("the delete delivered what the stream buffered").hasSizeGreaterThan(before.size());

        firehose().createDeliveryStream(directPut(name));
        DeliveryStreamDescription again = DeliveryStreamWait.awaitActive(firehose(), name, WAIT);
        assertThat(again.createTimestamp()).isAfter(first.createTimestamp());
        assertThat(again.versionId()).isEqualTo("1");
        FirehoseRunner runner = local.pipeline().endpoint().deliveryStreams().runner(name).orElseThrow();
        assertThat(runner.firehose().checkpoints()).as("no checkpoint of the old stream").isEmpty();
        assertThat(Files.size(work.resolve("directput.log"))).as("no record of the old stream").isZero();
        assertThat(runner.drain(WAIT)).as("nothing read again").isZero();
        assertThat(objects()).as("the old stream's objects stay, none delivered twice")
                .containsExactlyInAnyOrderElementsOf(delivered);
        assertThat(DataLayout.of(data).undeliveredDir().toFile().list((dir, file) -> file.startsWith(name + "-")))
                .as("nothing was left undelivered").isNullOrEmpty();

        firehose().deleteDeliveryStream(b -> b.deliveryStreamName(name));
        awaitGone(name);
        assertThat(work).doesNotExist();
    }

    /**
     * A stream deleted while it is not running (its delivery failed, or the endpoint stopped while it was DELETING) may
     * hold records it never delivered: they are moved aside, not thrown away, and the name starts fresh.
     */
    @Test
    void whatAStreamNoLongerRunningHeldIsMovedAsideNotThrownAway() throws Exception {
        String name = "lifecycle-stopped";
        DataLayout layout = DataLayout.of(data);
        Path work = Files.createDirectories(layout.deliveryStreamDir(name));
        Files.writeString(work.resolve("directput.log"), "records never delivered");

        local.pipeline().endpoint().deliveryStreams().delete(name);

        assertThat(work).doesNotExist();
        try (var kept = Files.list(layout.undeliveredDir())) {
            Path moved = kept.filter(p -> p.getFileName().toString().startsWith(name + "-")).findFirst()
                    .orElseThrow();
            assertThat(moved.resolve("directput.log")).hasContent("records never delivered");
        }
    }

    private static List<String> objects() {
        try (S3Client s3 = LocalAws.s3(local.pipeline().s3Endpoint())) {
            return s3.listObjectsV2Paginator(b -> b.bucket(DataLayout.of(data).bucket())).contents().stream()
                    .map(S3Object::key).toList();
        }
    }

    @Test
    void aStreamWhoseBucketIsMissingIsCreatingFailedWithTheReasonUntilDeleted() {
        String name = "lifecycle-no-bucket";
        CreateDeliveryStreamRequest request = directPut(name);
        firehose().createDeliveryStream(request.toBuilder().extendedS3DestinationConfiguration(request
                .extendedS3DestinationConfiguration().toBuilder().bucketARN("arn:aws:s3:::no-such-bucket").build())
                .build());
        assertThatThrownBy(() -> DeliveryStreamWait.awaitActive(firehose(), name, WAIT))
                .isInstanceOf(ResourceWaitException.class)
                .hasMessageContaining("delivery stream " + name + " could not be created (CREATING_FAILED: "
                        + "UNKNOWN_ERROR, The S3 bucket no-such-bucket (BucketARN arn:aws:s3:::no-such-bucket) does "
                        + "not exist")
                .hasMessageContaining("aws firehose delete-delivery-stream --delivery-stream-name " + name);
        DeliveryStreamDescription failed = describe(name);
        assertThat(failed.deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.CREATING_FAILED);
        assertThat(failed.failureDescription().type()).isEqualTo(DeliveryStreamFailureType.UNKNOWN_ERROR);
        assertThat(failed.failureDescription().details()).startsWith("The S3 bucket no-such-bucket");
        assertThatThrownBy(() -> firehose().putRecordBatch(b -> b.deliveryStreamName(name).records(RECORD)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("it is CREATING_FAILED");

        ProducerRun.ProducerResult producer = produce(name, 10);
        assertThat(producer.abortReason()).as("the producer stops before sending, with the reason")
                .contains("delivery stream " + name + " could not be created (CREATING_FAILED");
        assertThat(producer.summary().delivered()).isZero();

        firehose().deleteDeliveryStream(b -> b.deliveryStreamName(name));
        awaitGone(name);
    }

    @Test
    void theProducerWaitsForAStreamCreatingAndThenDeliversEveryRecord() throws Exception {
        String name = "lifecycle-producer";
        LocalDeliveryStreams streams = local.pipeline().endpoint().deliveryStreams();
        CompletableFuture<ProducerRun.ProducerResult> producer;
        synchronized (streams) {
            firehose().createDeliveryStream(directPut(name));
            producer = CompletableFuture.supplyAsync(() -> produce(name, 20));
            Thread.sleep(500);
            assertThat(producer).as("waiting while the stream is CREATING").isNotDone();
            assertThat(describe(name).deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.CREATING);
        }
        ProducerRun.ProducerResult result = producer.get(2, TimeUnit.MINUTES);
        assertThat(result.abortReason()).isNull();
        assertThat(result.summary().delivered()).isEqualTo(20);
        firehose().deleteDeliveryStream(b -> b.deliveryStreamName(name));
        awaitGone(name);
    }

    private static ProducerRun.ProducerResult produce(String name, int events) {
        try {
            return ProducerRun.builder().endpoint(local.pipeline().awsEndpoint()).deliveryStream(name)
                    .simulate(SimulationSettings.live(5, events).withFaults(FaultRates.none())).build().run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void localUpsEnsureRollsACreatingFailedStreamBackAndCreatesItAgain() {
        String name = "lifecycle-late-bucket";
        String bucket = "lifecycle-late-bucket";
        CreateDeliveryStreamRequest request = directPut(name).toBuilder().extendedS3DestinationConfiguration(
                directPut(name).extendedS3DestinationConfiguration().toBuilder().bucketARN("arn:aws:s3:::" + bucket)
                        .build()).build();
        LocalAwsEndpoint endpoint = local.pipeline().endpoint();
        assertThatThrownBy(() -> endpoint.ensureDeliveryStream(request, WAIT))
                .isInstanceOf(ResourceWaitException.class).hasMessageContaining("CREATING_FAILED")
                .hasMessageContaining("The S3 bucket " + bucket);
        assertThat(describe(name).deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.CREATING_FAILED);

        try (S3Client s3 = LocalAws.s3(local.pipeline().s3Endpoint())) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        endpoint.ensureDeliveryStream(request, WAIT);
        assertThat(describe(name).deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.ACTIVE);
        assertThat(describe(name).failureDescription()).isNull();
        firehose().deleteDeliveryStream(b -> b.deliveryStreamName(name));
        awaitGone(name);
    }

    @Test
    void aStreamWhoseGlueTableIsMissingIsCreatingFailedNamingTheTable() {
        String name = "lifecycle-no-table";
        CreateDeliveryStreamRequest request = directPut(name);
        var s3 = request.extendedS3DestinationConfiguration();
        firehose().createDeliveryStream(request.toBuilder().extendedS3DestinationConfiguration(s3.toBuilder()
                .dataFormatConversionConfiguration(s3.dataFormatConversionConfiguration().toBuilder()
                        .schemaConfiguration(s3.dataFormatConversionConfiguration().schemaConfiguration().toBuilder()
                                .tableName("no_such_table").build()).build()).build()).build());
        assertThatThrownBy(() -> DeliveryStreamWait.awaitActive(firehose(), name, WAIT))
                .isInstanceOf(ResourceWaitException.class).hasMessageContaining("CREATING_FAILED")
                .hasMessageContaining("no_such_table");
        firehose().deleteDeliveryStream(b -> b.deliveryStreamName(name));
        awaitGone(name);
    }

    @Test
    void anUnknownLambdaFunctionIsRefusedByTheCreateItself() {
        CreateDeliveryStreamRequest request = directPut("lifecycle-no-function");
        var s3 = request.extendedS3DestinationConfiguration();
        assertThatThrownBy(() -> firehose().createDeliveryStream(request.toBuilder().extendedS3DestinationConfiguration(
                s3.toBuilder().processingConfiguration(p -> p.enabled(true).processors(r -> r.type("Lambda")
                        .parameters(q -> q.parameterName("LambdaArn").parameterValue(
                                "arn:aws:lambda:us-east-1:000000000000:function:nobody"))))
                        .build()).build()))
                .isInstanceOf(software.amazon.awssdk.services.firehose.model.InvalidArgumentException.class)
                .hasMessageContaining("No local Lambda function is named nobody");
        assertThat(firehose().listDeliveryStreams(b -> b.limit(100)).deliveryStreamNames())
                .doesNotContain("lifecycle-no-function");
    }
}
