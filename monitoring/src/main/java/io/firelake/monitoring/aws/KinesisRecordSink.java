package io.firelake.monitoring.aws;

import io.firelake.monitoring.replay.RecordSink;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sends replayed records with PutRecords, retrying only the entries that came back with an ErrorCode
 * (ProvisionedThroughputExceededException, InternalFailure), with exponential backoff. A missing stream or bad request
 * is not retried.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html">PutRecords</a>
 */
public final class KinesisRecordSink implements RecordSink {
    /** PutRecords: at most 500 entries per request. */
    public static final int DEFAULT_MAX_ENTRIES = 500;
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final long DEFAULT_BASE_BACKOFF_MILLIS = 100;

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
            List<Integer> pending = new ArrayList<>();
            for (int i = start; i < Math.min(records.size(), start + DEFAULT_MAX_ENTRIES); i++) {
                pending.add(i);
            }
            for (int attempt = 1; attempt <= DEFAULT_MAX_ATTEMPTS && !pending.isEmpty(); attempt++) {
                if (attempt > 1) {
                    backoff(attempt);
                }
                pending = put(records, pending, accepted);
            }
        }
        return Arrays.asList(accepted);
    }

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
        } catch (KinesisException | SdkClientException retryable) {
            if (retryable instanceof KinesisException k && k.statusCode() >= 400 && k.statusCode() < 500
                    && !k.isThrottlingException()) {
                throw new IOException("PutRecords rejected: " + k.getMessage(), k);
            }
            return positions;
        }
        List<Integer> failed = new ArrayList<>();
        List<PutRecordsResultEntry> results = response.records();
        for (int j = 0; j < positions.size(); j++) {
            if (results.get(j).errorCode() == null) {
                accepted[positions.get(j)] = Boolean.TRUE;
            } else {
                failed.add(positions.get(j));
            }
        }
        return failed;
    }

    private static void backoff(int attempt) throws IOException {
        long ceiling = DEFAULT_BASE_BACKOFF_MILLIS << Math.min(attempt, 10);
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while backing off", e);
        }
    }
}
