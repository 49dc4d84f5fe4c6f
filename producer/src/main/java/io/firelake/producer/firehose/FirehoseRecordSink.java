package io.firelake.producer.firehose;

import io.firelake.aws.firehose.DeliveryStreamWait;
import io.firelake.aws.retry.Backoff;
import io.firelake.aws.wait.ResourceWaitException;
import io.firelake.producer.sdk.SdkRecordSink;
import io.firelake.producer.sdk.SinkClient;
import io.firelake.producer.sdk.SinkErrors;
import io.firelake.producer.send.KinesisRecord;
import io.firelake.producer.send.PutApi;
import io.firelake.producer.send.PutOutcome;
import io.firelake.producer.send.PutRecordsErrorClassifier;
import io.firelake.producer.send.PutResult;
import io.firelake.producer.send.SenderSettings;
import io.firelake.producer.send.ShardRange;
import io.firelake.producer.send.SinkException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseAsyncClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * The Firehose adapter of the sender: {@code PutRecordBatch} into a Direct PUT delivery stream through the async SDK
 * client, whole calls retried by the SDK ({@link SdkRecordSink}), the records whose {@code ErrorCode} a call
 * answers (such as {@code ServiceUnavailableException}) left to the sender to resubmit. Records go as they are: no
 * partition keys, no KPL aggregation (Firehose stores a Direct PUT record whole), within
 * {@link PutApi#FIREHOSE_PUT_RECORD_BATCH}'s limits.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecordBatch.html">PutRecordBatch</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/writing-with-sdk.html">Writing to Firehose with the AWS SDK</a>
 */
public final class FirehoseRecordSink extends SdkRecordSink<FirehoseAsyncClient> {

    /** How long a run waits for a delivery stream CREATING to become ACTIVE (a few minutes on AWS). */
    public static final Duration ACTIVE_TIMEOUT = DeliveryStreamWait.DEFAULT_TIMEOUT;

    private final String deliveryStream;

    /** Sends through the caller's client, which the caller closes, retrying whole calls with this backoff. */
    public FirehoseRecordSink(FirehoseAsyncClient client, String deliveryStream, Backoff backoff) {
        this(SinkClient.borrowed(client), deliveryStream, backoff);
    }

    private FirehoseRecordSink(SinkClient<FirehoseAsyncClient> sdk, String deliveryStream, Backoff backoff) {
        super(sdk, backoff);
        this.deliveryStream = deliveryStream;
    }

    /**
     * A sink with its own client for this endpoint (null on AWS; firelake's local endpoint serves Firehose) and region
     * (null for the default chain), with connections for the sender's in-flight window and its backoff.
     */
    public static FirehoseRecordSink open(URI endpoint, String region, String deliveryStream,
                                          SenderSettings settings) {
        return new FirehoseRecordSink(SinkClient.open(FirehoseAsyncClient.builder(), endpoint, region, settings),
                deliveryStream, settings.backoff());
    }

    @Override
    public PutApi api() {
        return PutApi.FIREHOSE_PUT_RECORD_BATCH;
    }

    @Override
    public CompletableFuture<PutResult> putRecords(List<KinesisRecord> records, int maxAttempts) {
        List<Record> entries = new ArrayList<>(records.size());
        for (KinesisRecord record : records) {
            entries.add(Record.builder().data(SdkBytes.fromByteArrayUnsafe(record.data())).build());
        }
        return send(maxAttempts, plugin -> client().putRecordBatch(b -> b.deliveryStreamName(deliveryStream)
                .records(entries).overrideConfiguration(o -> o.addPlugin(plugin))), response -> {
                    List<PutOutcome> outcomes = new ArrayList<>(response.requestResponses().size());
                    for (PutRecordBatchResponseEntry entry : response.requestResponses()) {
                        outcomes.add(entry.errorCode() == null ? PutOutcome.recordId(entry.recordId())
                                : PutOutcome.failure(entry.errorCode(), entry.errorMessage()));
                    }
                    return outcomes;
                });
    }

    /** A delivery stream has no shards to group records by. */
    @Override
    public List<ShardRange> openShards() {
        return List.of();
    }

    /**
     * {@code DescribeDeliveryStream}: a missing stream, or one that reads a Kinesis stream (Firehose refuses
     * PutRecordBatch there), stops the run before anything is sent. A stream still {@code CREATING} (CreateDeliveryStream
     * answers before the stream takes records) is waited for, up to {@link #ACTIVE_TIMEOUT}; one that failed
     * ({@code CREATING_FAILED}) or is being deleted stops the run with the reason. A role allowed to put records but not
     * to describe the stream is common: then the first call tells.
     */
    @Override
    public void verify() {
        DeliveryStreamDescription stream;
        try {
            stream = DeliveryStreamWait.awaitActive(client(), deliveryStream, ACTIVE_TIMEOUT);
        } catch (ResourceWaitException e) {
            throw new SinkException("ResourceNotFoundException", 400, e.getMessage(), 1, e);
        } catch (RuntimeException e) {
            SinkException error = SinkErrors.classify(e, 1);
            if (error.code().equals("UnknownOperationException")) {
                // Firehose always knows DescribeDeliveryStream: the endpoint is another service (kinesalite, most
                // likely), which would refuse every PutRecordBatch the same way.
                throw new SinkException(error.code(), 400, "the endpoint does not serve Firehose (it refused "
                        + "DescribeDeliveryStream): --delivery-stream needs an endpoint that does, such as the AWS "
                        + "endpoint of 'firelake local up' (http://127.0.0.1:4566), not kinesalite's", 1, null);
            }
            if (error.code().equals("AccessDeniedException")
                    || error.verdict() != PutRecordsErrorClassifier.Verdict.ABORT) {
                return;
            }
            throw error;
        }
        if (stream.deliveryStreamType() == DeliveryStreamType.KINESIS_STREAM_AS_SOURCE) {
            String arn = stream.source() == null || stream.source().kinesisStreamSourceDescription() == null ? null
                    : stream.source().kinesisStreamSourceDescription().kinesisStreamARN();
            String source = arn == null ? "NAME" : arn.substring(arn.lastIndexOf('/') + 1);
            throw new SinkException("InvalidArgumentException", 400, "delivery stream " + deliveryStream
                    + " reads a Kinesis stream (KinesisStreamAsSource" + (arn == null ? "" : ", " + arn)
                    + "): only a Direct PUT delivery stream takes PutRecordBatch. Send to its stream instead: --stream "
                    + source, 1, null);
        }
    }

}
