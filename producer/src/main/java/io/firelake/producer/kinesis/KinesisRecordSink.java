package io.firelake.producer.kinesis;

import io.firelake.aws.retry.Backoff;
import io.firelake.producer.sdk.SdkRecordSink;
import io.firelake.producer.sdk.SinkClient;
import io.firelake.producer.sdk.SinkErrors;
import io.firelake.producer.send.KinesisRecord;
import io.firelake.producer.send.PutOutcome;
import io.firelake.producer.send.PutRecordsErrorClassifier;
import io.firelake.producer.send.PutResult;
import io.firelake.producer.send.SenderSettings;
import io.firelake.producer.send.ShardRange;
import io.firelake.producer.send.SinkException;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The Kinesis adapter of the sender: PutRecords through the async SDK client, whole requests retried by the SDK
 * ({@link SdkRecordSink}), and ListShards for the shard map. A failed request becomes a {@link SinkException}
 * with its error code and HTTP status, which the {@link PutRecordsErrorClassifier} judges.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html">PutRecords</a>
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html">ListShards</a>
 */
public final class KinesisRecordSink extends SdkRecordSink<KinesisAsyncClient> {

    private final String stream;

    /** Sends through the caller's client, which the caller closes, retrying whole requests with this backoff. */
    public KinesisRecordSink(KinesisAsyncClient client, String stream, Backoff backoff) {
        this(SinkClient.borrowed(client), stream, backoff);
    }

    private KinesisRecordSink(SinkClient<KinesisAsyncClient> sdk, String stream, Backoff backoff) {
        super(sdk, backoff);
        this.stream = stream;
    }

    /**
     * A sink with its own client for this endpoint (null on AWS) and region (null for the default chain), with
     * connections for the sender's in-flight window and its backoff.
     */
    public static KinesisRecordSink open(URI endpoint, String region, String stream, SenderSettings settings) {
        return new KinesisRecordSink(SinkClient.open(KinesisAsyncClient.builder(), endpoint, region, settings), stream,
                settings.backoff());
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
        return send(maxAttempts, plugin -> client().putRecords(b -> b.streamName(stream).records(entries)
                .overrideConfiguration(o -> o.addPlugin(plugin))), response -> {
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
                        ? client().listShards(b -> b.streamName(stream)).join()
                        : client().listShards(b -> b.nextToken(next)).join();
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
            SinkException error = SinkErrors.classify(e, 1);
            if (error.verdict() == PutRecordsErrorClassifier.Verdict.ABORT) {
                throw error;
            }
            return List.of();
        }
    }

}
