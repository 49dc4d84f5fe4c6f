package io.firelake.producer.send;

import java.util.Set;

/**
 * The per-entry error codes of a PutRecords partial failure, split into those worth sending again and those that
 * will fail again.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html">PutRecords: ErrorCode</a>
 */
public final class EntryErrors {

    public static final String THROUGHPUT_EXCEEDED = "ProvisionedThroughputExceededException";
    public static final String INTERNAL_FAILURE = "InternalFailure";
    public static final String KMS_THROTTLING = "KMSThrottlingException";

    private static final Set<String> RETRYABLE = Set.of(THROUGHPUT_EXCEEDED, INTERNAL_FAILURE, KMS_THROTTLING);
    private static final Set<String> THROTTLING = Set.of(THROUGHPUT_EXCEEDED, KMS_THROTTLING);

    private EntryErrors() {
    }

    public static boolean retryable(String errorCode) {
        return RETRYABLE.contains(errorCode);
    }

    public static boolean throttling(String errorCode) {
        return THROTTLING.contains(errorCode);
    }
}
