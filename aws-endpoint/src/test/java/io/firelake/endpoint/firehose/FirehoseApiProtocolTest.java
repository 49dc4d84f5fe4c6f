package io.firelake.endpoint.firehose;

import io.firelake.aws.firehose.DeliveryStreamWait;
import io.firelake.aws.wait.ResourceWait;
import io.firelake.aws.wait.ResourceWaitException;
import io.firelake.endpoint.AwsEndpoint;
import io.firelake.endpoint.store.JsonFileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamFailureType;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.ResourceInUseException;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static io.firelake.endpoint.EndpointClientsAccess.firehose;
import static io.firelake.endpoint.EndpointClientsAccess.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Firehose API's shapes, limits, errors and life cycle through the real SDK client. The backend here only records
 * what it is handed (a start can be held, or refused for a stream named {@code broken...}, to see each status): delivery
 * itself (Parquet in the lake) and a real start are proven against the local Firehose in local-runtime.
 */
class FirehoseApiProtocolTest {

    @TempDir
    Path dir;
    private final List<String> started = Collections.synchronizedList(new ArrayList<>());
    private final List<SdkBytes> accepted = Collections.synchronizedList(new ArrayList<>());
    private volatile CompletableFuture<Void> starting = CompletableFuture.completedFuture(null);
    private volatile CompletableFuture<Void> stopping = CompletableFuture.completedFuture(null);
    private volatile boolean stopsFail;
    private AwsEndpoint endpoint;
    private DeliveryStreamRegistry registry;
    private FirehoseClient firehose;

    @BeforeEach
    void start() {
        endpoint = start(dir);
        firehose = firehose(endpoint.uri());
    }

    private AwsEndpoint start(Path data) {
        DeliveryStreamBackend backend = new DeliveryStreamBackend() {
            @Override
            public void start(DeliveryStreamDescription stream) {
                starting.join();
                if (stream.deliveryStreamName().startsWith("broken")) {
                    throw new IllegalStateException("The S3 bucket firelake-lake does not exist.");
                }
                started.add(stream.deliveryStreamName());
            }

            @Override
            public void stop(String name) {
                stopping.join();
                if (stopsFail) {
                    throw new IllegalStateException("The buffers of " + name + " could not be delivered.");
                }
                started.remove(name);
            }

            @Override
            public List<PutRecordBatchResponseEntry> put(String name, List<SdkBytes> records) {
                accepted.addAll(records);
                return records.stream().map(r -> PutRecordBatchResponseEntry.builder()
                        .recordId("id-" + accepted.size()).build()).toList();
            }
        };
        registry = new DeliveryStreamRegistry(new JsonFileStore(data), backend, Clock.systemUTC());
        AwsEndpoint started = AwsEndpoint.builder().port(0).serve(FirehoseApi.service(registry)).start();
        registry.restore();
        return started;
    }

    @AfterEach
    void stop() {
        starting.complete(null);
        stopping.complete(null);
        firehose.close();
        endpoint.close();
        registry.close();
    }

    private void restart() {
        stop();
        started.clear();
        endpoint = start(dir);
        firehose = firehose(endpoint.uri());
    }

    private DeliveryStreamDescription awaitActive(String name) {
        return DeliveryStreamWait.awaitActive(firehose, name, Duration.ofSeconds(30));
    }

    private DeliveryStreamStatus status(String name) {
        return firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription()
                .deliveryStreamStatus();
    }

    private void awaitGone(String name) {
        DeliveryStreamWait.awaitDeleted(firehose, name, Duration.ofSeconds(30));
        assertThat(firehose.listDeliveryStreams(b -> { }).deliveryStreamNames()).doesNotContain(name);
    }

    private void createDirectPut(String name) {
        firehose.createDeliveryStream(b -> b.deliveryStreamName(name).deliveryStreamType("DirectPut")
                .extendedS3DestinationConfiguration(s3 -> s3.bucketARN("arn:aws:s3:::firelake-lake")
                        .roleARN("arn:aws:iam::000000000000:role/firehose").prefix("direct/")));
    }

    @Test
    void createDescribeListDeleteAndSurviveARestart() {
        createDirectPut("orders");
        DeliveryStreamDescription d = awaitActive("orders");
        assertThat(d.deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.ACTIVE);
        assertThat(d.deliveryStreamARN()).isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/orders");
        assertThat(d.destinations().get(0).extendedS3DestinationDescription().bufferingHints().sizeInMBs())
                .isEqualTo(5);
        assertThat(d.destinations().get(0).extendedS3DestinationDescription().prefix()).isEqualTo("direct/");
        assertThatThrownBy(() -> createDirectPut("orders")).isInstanceOf(ResourceInUseException.class);

        restart();
        assertThat(firehose.listDeliveryStreams(b -> { }).deliveryStreamNames()).containsExactly("orders");
        awaitActive("orders");
        assertThat(started).containsExactly("orders");

        firehose.deleteDeliveryStream(b -> b.deliveryStreamName("orders"));
        awaitGone("orders");
        assertThat(started).isEmpty();
        assertThatThrownBy(() -> firehose.describeDeliveryStream(b -> b.deliveryStreamName("orders")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("orders");
    }

    @Test
    void aNewStreamIsCreatingTakesNoRecordsAndCannotBeDeletedUntilItRuns() {
        starting = new CompletableFuture<>();
        createDirectPut("orders");
        assertThat(status("orders")).isEqualTo(DeliveryStreamStatus.CREATING);
        assertThat(firehose.listDeliveryStreams(b -> { }).deliveryStreamNames()).containsExactly("orders");
        Record record = Record.builder().data(SdkBytes.fromUtf8String("{\"a\":1}\n")).build();
        assertThatThrownBy(() -> firehose.putRecord(b -> b.deliveryStreamName("orders").record(record)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Firehose stream orders under account 000000000000 is not ACTIVE: it is CREATING");
        assertThatThrownBy(() -> firehose.putRecordBatch(b -> b.deliveryStreamName("orders").records(record)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("is not ACTIVE");
        assertThatThrownBy(() -> firehose.deleteDeliveryStream(b -> b.deliveryStreamName("orders")))
                .isInstanceOf(ResourceInUseException.class).hasMessageContaining("is CREATING and cannot be deleted");
        assertThat(started).isEmpty();
        assertThat(accepted).isEmpty();

        starting.complete(null);
        assertThat(awaitActive("orders").deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.ACTIVE);
        assertThat(started).containsExactly("orders");
        assertThat(firehose.putRecord(b -> b.deliveryStreamName("orders").record(record)).recordId()).isNotNull();
    }

    @Test
    void aDeletedStreamIsDeletingTakesNoRecordsAndThenIsGone() {
        createDirectPut("orders");
        awaitActive("orders");
        stopping = new CompletableFuture<>();
        firehose.deleteDeliveryStream(b -> b.deliveryStreamName("orders"));
        assertThat(status("orders")).isEqualTo(DeliveryStreamStatus.DELETING);
        assertThat(firehose.listDeliveryStreams(b -> { }).deliveryStreamNames()).containsExactly("orders");
        assertThatThrownBy(() -> firehose.putRecord(b -> b.deliveryStreamName("orders")
                .record(r -> r.data(SdkBytes.fromUtf8String("x")))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("is not ACTIVE: it is DELETING");
        firehose.deleteDeliveryStream(b -> b.deliveryStreamName("orders"));
        assertThatThrownBy(() -> createDirectPut("orders")).isInstanceOf(ResourceInUseException.class);
        assertThatThrownBy(() -> awaitActive("orders")).isInstanceOf(ResourceWaitException.class)
                .hasMessageContaining("is being deleted (DELETING)");

        stopping.complete(null);
        awaitGone("orders");
        assertThat(started).isEmpty();
        assertThatThrownBy(() -> status("orders")).isInstanceOf(ResourceNotFoundException.class);
        createDirectPut("orders");
        assertThat(awaitActive("orders").deliveryStreamStatus()).as("the name is free again")
                .isEqualTo(DeliveryStreamStatus.ACTIVE);
    }

    @Test
    void aStreamThatCannotStopIsDeletingFailedWithTheReasonAndASecondDeleteTriesAgain() {
        createDirectPut("orders");
        awaitActive("orders");
        stopsFail = true;
        firehose.deleteDeliveryStream(b -> b.deliveryStreamName("orders"));
        DeliveryStreamDescription failed = ResourceWait.polling().until("delivery stream orders",
                Duration.ofSeconds(30), () -> firehose.describeDeliveryStream(b -> b.deliveryStreamName("orders"))
                        .deliveryStreamDescription(), d -> d.deliveryStreamStatus() == DeliveryStreamStatus.DELETING
                        ? new ResourceWait.Pending("DELETING") : new ResourceWait.Ready());
        assertThat(failed.deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.DELETING_FAILED);
        assertThat(failed.failureDescription().details()).isEqualTo("The buffers of orders could not be delivered.");
        assertThatThrownBy(() -> awaitActive("orders")).isInstanceOf(ResourceWaitException.class)
                .hasMessageContaining("could not be deleted (DELETING_FAILED: UNKNOWN_ERROR, The buffers of orders");

        stopsFail = false;
        firehose.deleteDeliveryStream(b -> b.deliveryStreamName("orders"));
        awaitGone("orders");
        assertThat(started).isEmpty();
    }

    @Test
    void aStreamThatCannotStartIsCreatingFailedWithTheReasonUntilDeleted() {
        createDirectPut("broken-orders");
        assertThatThrownBy(() -> awaitActive("broken-orders")).isInstanceOf(ResourceWaitException.class)
                .hasMessageContaining("delivery stream broken-orders could not be created (CREATING_FAILED: "
                        + "UNKNOWN_ERROR, The S3 bucket firelake-lake does not exist.)");
        DeliveryStreamDescription failed = firehose.describeDeliveryStream(b -> b.deliveryStreamName("broken-orders"))
                .deliveryStreamDescription();
        assertThat(failed.deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.CREATING_FAILED);
        assertThat(failed.failureDescription().type()).isEqualTo(DeliveryStreamFailureType.UNKNOWN_ERROR);
        assertThat(failed.failureDescription().details()).isEqualTo("The S3 bucket firelake-lake does not exist.");
        assertThatThrownBy(() -> firehose.putRecord(b -> b.deliveryStreamName("broken-orders")
                .record(r -> r.data(SdkBytes.fromUtf8String("x")))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("it is CREATING_FAILED");
        assertThatThrownBy(() -> createDirectPut("broken-orders")).isInstanceOf(ResourceInUseException.class);

        restart();
        assertThat(status("broken-orders")).as("a failed stream stays failed across a restart")
                .isEqualTo(DeliveryStreamStatus.CREATING_FAILED);

        firehose.deleteDeliveryStream(b -> b.deliveryStreamName("broken-orders"));
        awaitGone("broken-orders");
    }

    @Test
    void listingPagesByName() {
        IntStream.range(0, 12).forEach(i -> createDirectPut("s" + (char) ('a' + i)));
        var first = firehose.listDeliveryStreams(b -> { });
        assertThat(first.deliveryStreamNames()).hasSize(10);
        assertThat(first.hasMoreDeliveryStreams()).isTrue();
        var rest = firehose.listDeliveryStreams(b -> b.exclusiveStartDeliveryStreamName("sj"));
        assertThat(rest.deliveryStreamNames()).containsExactly("sk", "sl");
        assertThat(rest.hasMoreDeliveryStreams()).isFalse();
    }

    @Test
    void putRecordBatchAnswersPerRecord() {
        createDirectPut("orders");
        awaitActive("orders");
        PutRecordBatchResponse answer = firehose.putRecordBatch(b -> b.deliveryStreamName("orders")
                .records(Record.builder().data(SdkBytes.fromUtf8String("{\"a\":1}\n")).build(),
                        Record.builder().data(SdkBytes.fromUtf8String("{\"a\":2}\n")).build()));
        assertThat(answer.failedPutCount()).isZero();
        assertThat(answer.requestResponses()).hasSize(2).allSatisfy(e -> assertThat(e.recordId()).isNotNull());
        assertThat(accepted).hasSize(2);
    }

    @Test
    void limitsAreFirehoses() {
        createDirectPut("orders");
        awaitActive("orders");
        Record small = Record.builder().data(SdkBytes.fromUtf8String("x")).build();
        assertThatThrownBy(() -> firehose.putRecordBatch(b -> b.deliveryStreamName("orders")
                .records(Collections.nCopies(501, small))))
                .isInstanceOf(FirehoseException.class)
                .hasMessageContaining("Value '[501 members]' at 'records' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 500");
        Record big = Record.builder().data(SdkBytes.fromByteArray(new byte[1_024_001])).build();
        assertThatThrownBy(() -> firehose.putRecord(b -> b.deliveryStreamName("orders").record(big)))
                .isInstanceOf(FirehoseException.class)
                .hasMessageContaining("at 'record.data' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 1024000");
        Record large = Record.builder().data(SdkBytes.fromByteArray(new byte[1_000_000])).build();
        assertThatThrownBy(() -> firehose.putRecordBatch(b -> b.deliveryStreamName("orders")
                .records(Collections.nCopies(5, large))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("exceeds 4 MB");
        assertThatThrownBy(() -> firehose.putRecord(b -> b.deliveryStreamName("nope").record(small)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(accepted).isEmpty();
    }

    @Test
    void aKinesisSourcedStreamRefusesDirectPut() {
        firehose.createDeliveryStream(b -> b.deliveryStreamName("from-stream")
                .deliveryStreamType("KinesisStreamAsSource")
                .kinesisStreamSourceConfiguration(k -> k.kinesisStreamARN(
                        "arn:aws:kinesis:us-east-1:000000000000:stream/events").roleARN("arn:aws:iam::000000000000:role/r"))
                .extendedS3DestinationConfiguration(s3 -> s3.bucketARN("arn:aws:s3:::lake").roleARN("arn:aws:iam::000000000000:role/r")));
        awaitActive("from-stream");
        assertThatThrownBy(() -> firehose.putRecord(b -> b.deliveryStreamName("from-stream")
                .record(r -> r.data(SdkBytes.fromUtf8String("x")))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("not permitted on KinesisStreamAsSource delivery stream type");
    }

    @Test
    void createIsCheckedAsFirehoseChecksIt() throws Exception {
        assertThatThrownBy(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad name!")
                .extendedS3DestinationConfiguration(s3 -> s3.bucketARN("arn:aws:s3:::lake").roleARN("arn:aws:iam::000000000000:role/r"))))
                .isInstanceOf(FirehoseException.class)
                .hasMessageContaining("Member must satisfy regular expression pattern");
        assertThatThrownBy(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("no-destination")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("Exactly one destination");
        assertThatThrownBy(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("no-source")
                .deliveryStreamType("KinesisStreamAsSource")
                .extendedS3DestinationConfiguration(s3 -> s3.bucketARN("arn:aws:s3:::lake").roleARN("arn:aws:iam::000000000000:role/r"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("KinesisStreamSourceConfiguration is required");
        assertThatThrownBy(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("splunk")
                .splunkDestinationConfiguration(s -> s.hecEndpoint("https://x").hecToken("t")
                        .hecEndpointType("Raw").s3Configuration(s3 -> s3.bucketARN("arn:aws:s3:::l").roleARN("arn:aws:iam::000000000000:role/r")))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("Amazon S3 only");
        String answer = raw(endpoint.uri(), "localhost", "X-Amz-Target: Firehose_20150804.UpdateDestination\r\n",
                "{}");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("UnknownOperationException")
                .contains("does not serve Firehose UpdateDestination");
        assertThat(started).isEmpty();
    }
}
