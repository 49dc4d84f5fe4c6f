package io.firelake.producer.kinesis;

import io.firelake.aws.client.AsyncHttp;
import io.firelake.aws.client.AwsClientFactory;
import io.firelake.aws.client.ClientSettings;
import io.firelake.producer.send.KinesisRecord;
import io.firelake.producer.send.PutOutcome;
import io.firelake.producer.send.RecordSink;
import io.firelake.producer.send.ShardRange;
import io.firelake.producer.send.SinkException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * The Kinesis adapter of the sender: PutRecords through the async SDK client, and ListShards for the shard map.
 * Whole-request errors are sorted into retryable (throttling, 5xx, network) and not (missing stream, access, input).
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html">PutRecords</a>
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html">ListShards</a>
 */
public final class KinesisRecordSink implements RecordSink {

    private static final Set<String> THROTTLING = Set.of("ProvisionedThroughputExceededException",
            "LimitExceededException", "ThrottlingException", "KMSThrottlingException", "SlowDown",
            "RequestLimitExceeded", "TooManyRequestsException");

    private final KinesisAsyncClient client;
    private final String stream;
    private final boolean ownsClient;
    private final SdkEventLoopGroup eventLoops;

    /** Sends through the caller's client, which the caller closes. */
    public KinesisRecordSink(KinesisAsyncClient client, String stream) {
        this(client, stream, false, null);
    }

    private KinesisRecordSink(KinesisAsyncClient client, String stream, boolean ownsClient,
                              SdkEventLoopGroup eventLoops) {
        this.client = client;
        this.stream = stream;
        this.ownsClient = ownsClient;
        this.eventLoops = eventLoops;
    }

    /** A sink with its own client for this endpoint (null on AWS) and region (null for the default chain). */
    public static KinesisRecordSink open(URI endpoint, String region, String stream, int maxConcurrency) {
        SdkEventLoopGroup eventLoops = SdkEventLoopGroup.builder().numberOfThreads(2).build();
        // No SDK retries: the sender retries only the failed entries, with its own backoff, and counts them.
        KinesisAsyncClient client = AwsClientFactory.of(ClientSettings.forEndpoint(endpoint, region).withoutSdkRetries()
                .withApiCallAttemptTimeout(Duration.ofSeconds(30))).async(KinesisAsyncClient.builder(),
                AsyncHttp.netty(Math.max(2, maxConcurrency)).withEventLoops(eventLoops)).build();
        return new KinesisRecordSink(client, stream, true, eventLoops);
    }

    public KinesisAsyncClient client() {
        return client;
    }

    public String stream() {
        return stream;
    }

    @Override
    public CompletableFuture<List<PutOutcome>> putRecords(List<KinesisRecord> records) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(records.size());
        for (KinesisRecord record : records) {
            entries.add(PutRecordsRequestEntry.builder()
                    .data(SdkBytes.fromByteArrayUnsafe(record.data()))
                    .partitionKey(record.partitionKey())
                    .explicitHashKey(record.explicitHashKey())
                    .build());
        }
        return client.putRecords(b -> b.streamName(stream).records(entries))
                .handle((response, error) -> {
                    if (error != null) {
                        throw new CompletionException(classify(error));
                    }
                    List<PutOutcome> outcomes = new ArrayList<>(response.records().size());
                    for (PutRecordsResultEntry entry : response.records()) {
                        outcomes.add(entry.errorCode() == null
                                ? PutOutcome.success(entry.shardId(), entry.sequenceNumber())
                                : PutOutcome.failure(entry.errorCode(), entry.errorMessage()));
                    }
                    return outcomes;
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
            SinkException error = classify(e);
            if (!error.retryable()) {
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
            eventLoops.eventLoopGroup().shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    static SinkException classify(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() != null && service.awsErrorDetails().errorCode() != null
                    ? service.awsErrorDetails().errorCode() : "HTTP" + service.statusCode();
            String message = service.awsErrorDetails() != null && service.awsErrorDetails().errorMessage() != null
                    ? service.awsErrorDetails().errorMessage() : String.valueOf(service.getMessage());
            boolean throttled = THROTTLING.contains(code) || service.isThrottlingException()
                    || service.statusCode() == 429;
            boolean retryable = throttled || service.statusCode() >= 500 || "InternalFailure".equals(code)
                    || "ServiceUnavailable".equals(code);
            return new SinkException(code, message, retryable, throttled, service);
        }
        if (cause instanceof SdkClientException client && String.valueOf(client.getMessage())
                .contains("Unable to load credentials")) {
            return new SinkException("NoCredentials", "the default credential provider chain found no AWS "
                    + "credentials. Configure them (aws configure, AWS_PROFILE, AWS_ACCESS_KEY_ID..., an instance "
                    + "role), or point --endpoint at a local emulator", false, false, client);
        }
        if (cause instanceof SdkClientException client) {
            // Timeouts, refused or reset connections: the request may not have reached Kinesis; sending it again is
            // safe for delivery (at worst a duplicate, which consumers de-duplicate by event_id).
            return new SinkException("ClientError", String.valueOf(client.getMessage()), true, false, client);
        }
        return new SinkException(cause.getClass().getSimpleName(), String.valueOf(cause.getMessage()), true, false,
                cause);
    }
}
