package io.firelake.producer.kinesis;

import io.firelake.aws.client.AsyncHttp;
import io.firelake.aws.client.AwsClientFactory;
import io.firelake.aws.client.ClientSettings;
import io.firelake.aws.retry.Backoff;
import io.firelake.producer.send.KinesisRecord;
import io.firelake.producer.send.PutOutcome;
import io.firelake.producer.send.PutRecordsErrorClassifier;
import io.firelake.producer.send.PutResult;
import io.firelake.producer.send.RecordSink;
import io.firelake.producer.send.SenderSettings;
import io.firelake.producer.send.ShardRange;
import io.firelake.producer.send.SinkException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The Kinesis adapter of the sender: PutRecords through the async SDK client, whole requests retried by the SDK
 * ({@link PutRecordsRetries}), and ListShards for the shard map. A failed request becomes a {@link SinkException}
 * with its error code and HTTP status, which the {@link PutRecordsErrorClassifier} judges.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html">PutRecords</a>
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html">ListShards</a>
 */
public final class KinesisRecordSink implements RecordSink {

    private final KinesisAsyncClient client;
    private final String stream;
    private final PutRecordsRetries retries;
    private final boolean ownsClient;
    private final SdkEventLoopGroup eventLoops;

    /** Sends through the caller's client, which the caller closes, retrying whole requests with this backoff. */
    public KinesisRecordSink(KinesisAsyncClient client, String stream, Backoff backoff) {
        this(client, stream, backoff, false, null);
    }

    private KinesisRecordSink(KinesisAsyncClient client, String stream, Backoff backoff, boolean ownsClient,
                              SdkEventLoopGroup eventLoops) {
        this.client = client;
        this.stream = stream;
        this.retries = new PutRecordsRetries(backoff);
        this.ownsClient = ownsClient;
        this.eventLoops = eventLoops;
    }

    /**
     * A sink with its own client for this endpoint (null on AWS) and region (null for the default chain), with
     * connections for the sender's in-flight window and its backoff.
     */
    public static KinesisRecordSink open(URI endpoint, String region, String stream, SenderSettings settings) {
        SdkEventLoopGroup eventLoops = SdkEventLoopGroup.builder().numberOfThreads(2).build();
        // No client-wide SDK retries: each PutRecords request carries its own strategy (PutRecordsRetries), tied to
        // the sender's attempts and backoff, so that every attempt of a record is counted.
        KinesisAsyncClient client = AwsClientFactory.of(ClientSettings.forEndpoint(endpoint, region).withoutSdkRetries()
                .withApiCallAttemptTimeout(Duration.ofSeconds(30))).async(KinesisAsyncClient.builder(),
                AsyncHttp.netty(settings.maxInFlight() + 2).withEventLoops(eventLoops)).build();
        return new KinesisRecordSink(client, stream, settings.backoff(), true, eventLoops);
    }

    public KinesisAsyncClient client() {
        return client;
    }

    public String stream() {
        return stream;
    }

    @Override
    public CompletableFuture<PutResult> putRecords(List<KinesisRecord> records, int maxAttempts) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(records.size());
        for (KinesisRecord record : records) {
            entries.add(PutRecordsRequestEntry.builder()
                    .data(SdkBytes.fromByteArrayUnsafe(record.data()))
                    .partitionKey(record.partitionKey())
                    .explicitHashKey(record.explicitHashKey())
                    .build());
        }
        PutRecordsRetries.Attempts attempts = retries.forRequest(maxAttempts);
        return client.putRecords(b -> b.streamName(stream).records(entries)
                        .overrideConfiguration(o -> o.addPlugin(attempts.plugin())))
                .handle((response, error) -> {
                    if (error != null) {
                        throw new CompletionException(classify(error, attempts.sent()));
                    }
                    List<PutOutcome> outcomes = new ArrayList<>(response.records().size());
                    for (PutRecordsResultEntry entry : response.records()) {
                        outcomes.add(entry.errorCode() == null
                                ? PutOutcome.success(entry.shardId(), entry.sequenceNumber())
                                : PutOutcome.failure(entry.errorCode(), entry.errorMessage()));
                    }
                    return new PutResult(outcomes, attempts.sent());
                });
    }

    @Override
    public List<ShardRange> openShards() {
        try {
            List<ShardRange> shards = new ArrayList<>();
            String token = null;
            do {
                String next = token;
                ListShardsResponse response = next == null
                        ? client.listShards(b -> b.streamName(stream)).join()
                        : client.listShards(b -> b.nextToken(next)).join();
                for (Shard shard : response.shards()) {
                    if (shard.sequenceNumberRange().endingSequenceNumber() == null) {
                        shards.add(new ShardRange(shard.shardId(),
                                new BigInteger(shard.hashKeyRange().startingHashKey()),
                                new BigInteger(shard.hashKeyRange().endingHashKey())));
                    }
                }
                token = response.nextToken();
            } while (token != null);
            return shards;
        } catch (CompletionException e) {
            SinkException error = classify(e, 1);
            if (error.verdict() == PutRecordsErrorClassifier.Verdict.ABORT) {
                throw error;
            }
            return List.of();
        }
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
        if (eventLoops != null) {
            // Every request has completed by now: no quiet period is needed.
            eventLoops.eventLoopGroup().shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** The SDK's exception as the sender's: error code and HTTP status (0 when no response came back). */
    static SinkException classify(Throwable error, int attempts) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() != null && service.awsErrorDetails().errorCode() != null
                    ? service.awsErrorDetails().errorCode() : "HTTP" + service.statusCode();
            String message = service.awsErrorDetails() != null && service.awsErrorDetails().errorMessage() != null
                    ? service.awsErrorDetails().errorMessage() : String.valueOf(service.getMessage());
            return new SinkException(code, service.statusCode(), message, attempts, service);
        }
        if (cause instanceof SdkClientException client && String.valueOf(client.getMessage())
                .contains("Unable to load credentials")) {
            return new SinkException(PutRecordsErrorClassifier.NO_CREDENTIALS, 0, "the default credential provider "
                    + "chain found no AWS credentials. Configure them (aws configure, AWS_PROFILE, "
                    + "AWS_ACCESS_KEY_ID..., an instance role), or point --endpoint at a local emulator", attempts,
                    client);
        }
        if (cause instanceof SdkClientException client) {
            // Timeouts, refused or reset connections: the request may not have reached Kinesis; the SDK sent it
            // again as often as it could (at worst a duplicate, which consumers de-duplicate by event_id).
            return new SinkException(PutRecordsErrorClassifier.CLIENT_ERROR, 0, String.valueOf(client.getMessage()),
                    attempts, client);
        }
        return new SinkException(cause.getClass().getSimpleName(), 0, String.valueOf(cause.getMessage()), attempts,
                cause);
    }
}
