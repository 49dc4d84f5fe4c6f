package io.firelake.monitoring.aws;

import io.firelake.aws.client.AwsErrorClassifier;
import io.firelake.aws.retry.Backoff;
import io.firelake.aws.retry.RetryPolicy;
import io.firelake.aws.retry.Sleeper;
import io.firelake.monitoring.replay.RecordSink;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sends replayed records with PutRecords, retrying only the entries that came back with a retryable ErrorCode
 * (ProvisionedThroughputExceededException, InternalFailure), and whole requests that failed for a retryable reason,
 * by {@link #DEFAULT_RETRY_POLICY} and {@link AwsErrorClassifier}. A missing stream or a bad request is not retried.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html">PutRecords</a>
 */
public final class KinesisRecordSink implements RecordSink {
    /** PutRecords: at most 500 entries per request. */
    public static final int DEFAULT_MAX_ENTRIES = 500;
    /** Five attempts, waiting 200-400 ms before the first retry and doubling (equal jitter). */
    public static final RetryPolicy DEFAULT_RETRY_POLICY = RetryPolicy.attempts(5,
            Backoff.exponential(Duration.ofMillis(400), Duration.ofSeconds(100)).withJitter(Backoff.Jitter.EQUAL));

    private final KinesisClient kinesis;
    private final String streamName;

    public KinesisRecordSink(KinesisClient kinesis, String streamName) {
        this.kinesis = kinesis;
        this.streamName = streamName;
    }

    @Override
    public List<Boolean> send(List<Outgoing> records) throws IOException {
        Boolean[] accepted = new Boolean[records.size()];
        Arrays.fill(accepted, Boolean.FALSE);
        for (int start = 0; start < records.size(); start += DEFAULT_MAX_ENTRIES) {
            List<Integer> positions = new ArrayList<>();
            for (int i = start; i < Math.min(records.size(), start + DEFAULT_MAX_ENTRIES); i++) {
                positions.add(i);
            }
            try {
                DEFAULT_RETRY_POLICY.repeat(positions, pending -> put(records, pending, accepted), List::isEmpty,
                        Sleeper.THREAD);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while backing off", e);
            }
        }
        return Arrays.asList(accepted);
    }

    /** Sends the entries at {@code positions}; returns those to send again (a KMS access error is not sent again). */
    private List<Integer> put(List<Outgoing> records, List<Integer> positions, Boolean[] accepted) throws IOException {
        List<PutRecordsRequestEntry> entries = positions.stream().map(i -> PutRecordsRequestEntry.builder()
                .data(SdkBytes.fromByteArray(records.get(i).data()))
                .partitionKey(records.get(i).partitionKey())
                .build()).toList();
        PutRecordsResponse response;
        try {
            response = kinesis.putRecords(b -> b.streamName(streamName).records(entries));
        } catch (ResourceNotFoundException e) {
            throw new IOException("stream " + streamName + " not found: " + e.awsErrorDetails().errorMessage(), e);
        } catch (SdkException e) {
            if (!AwsErrorClassifier.retryable(e)) {
                throw new IOException("PutRecords rejected: " + e.getMessage(), e);
            }
            return positions;
        }
        List<Integer> failed = new ArrayList<>();
        List<PutRecordsResultEntry> results = response.records();
        for (int j = 0; j < positions.size(); j++) {
            String errorCode = results.get(j).errorCode();
            if (errorCode == null) {
                accepted[positions.get(j)] = Boolean.TRUE;
            } else if (AwsErrorClassifier.classifyErrorCode(errorCode).retryable()) {
                failed.add(positions.get(j));
            }
        }
        return failed;
    }
}
