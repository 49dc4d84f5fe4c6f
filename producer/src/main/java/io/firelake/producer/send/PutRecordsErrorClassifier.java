package io.firelake.producer.send;

import java.util.Set;

/**
 * What a PutRecords (Kinesis) or PutRecordBatch (Firehose) failure means for the records it hit, for the per-entry
 * {@code ErrorCode}s of a partial failure and for a whole request that failed alike: send again (throttling, a service
 * error, a timeout: it may pass next time), fail the records (they would fail again), or stop the run (no stream, no
 * access, a KMS key that cannot be used: every request would fail). Firehose answers {@code ServiceUnavailableException}
 * (per record, or for the call) when a delivery stream takes more than its throughput quota: it is throttling.
 * Retrying a whole request is the SDK's retry strategy's job; when one reaches the sender its attempts are spent, and
 * {@link Verdict#RETRY} only tells the sender to report its records as given up rather than refused.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html">PutRecords: Errors</a>
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecordsResultEntry.html">PutRecordsResultEntry: ErrorCode</a>
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/CommonErrors.html">Common errors</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecordBatch.html">PutRecordBatch: Errors</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecordBatchResponseEntry.html">PutRecordBatchResponseEntry: ErrorCode</a>
 */
public final class PutRecordsErrorClassifier {

    public enum Verdict {
        /** Sending the same records again may succeed. */
        RETRY,
        /** These records would fail again: report them failed. */
        FAIL,
        /** Every request would fail the same way: stop sending. */
        ABORT
    }

    public static final String THROUGHPUT_EXCEEDED = "ProvisionedThroughputExceededException";
    public static final String INTERNAL_FAILURE = "InternalFailure";
    public static final String KMS_THROTTLING = "KMSThrottlingException";
    /** Firehose's throttling: "Back off and retry the operation" (per record of PutRecordBatch, or the whole call). */
    public static final String SERVICE_UNAVAILABLE = "ServiceUnavailableException";
    /** The code of a request that may not have reached the service: a refused or reset connection, a timeout. */
    public static final String CLIENT_ERROR = "ClientError";
    /** The code of a request that could not be signed: no AWS credentials were found. */
    public static final String NO_CREDENTIALS = "NoCredentials";

    /** The per-entry codes worth another attempt; the KMS codes other than throttling fail again. */
    private static final Set<String> RETRYABLE_ENTRY = Set.of(THROUGHPUT_EXCEEDED, INTERNAL_FAILURE, KMS_THROTTLING,
            SERVICE_UNAVAILABLE);
    private static final Set<String> THROTTLING = Set.of(THROUGHPUT_EXCEEDED, KMS_THROTTLING, SERVICE_UNAVAILABLE,
            "LimitExceededException", "ThrottlingException", "SlowDown", "RequestLimitExceeded",
            "TooManyRequestsException");
    private static final Set<String> TRANSIENT = Set.of(INTERNAL_FAILURE, "ServiceUnavailable", "InternalError",
            "RequestTimeout", "RequestTimeoutException", CLIENT_ERROR);
    private static final Set<String> ABORTING = Set.of("ResourceNotFoundException", "AccessDeniedException",
            "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException",
            "MissingAuthenticationToken", "IncompleteSignature", "InvalidClientTokenId", "ResourceInUseException",
            "InvalidKMSResourceException", "InvalidSourceException", NO_CREDENTIALS);

    private PutRecordsErrorClassifier() {
    }

    /** An entry of a partial failure, by its {@code ErrorCode}. */
    public static Verdict entry(String errorCode) {
        return RETRYABLE_ENTRY.contains(errorCode) ? Verdict.RETRY : Verdict.FAIL;
    }

    /** A whole request, by its error code and HTTP status (0 when no response came back). */
    public static Verdict request(String errorCode, int httpStatus) {
        if (ABORTING.contains(errorCode)) {
            return Verdict.ABORT;
        }
        if (throttling(errorCode, httpStatus) || httpStatus >= 500 || TRANSIENT.contains(errorCode)) {
            return Verdict.RETRY;
        }
        return Verdict.FAIL;
    }

    /** Whether the stream (or its KMS key) refused for throughput rather than for what was sent. */
    public static boolean throttling(String errorCode, int httpStatus) {
        return httpStatus == 429 || THROTTLING.contains(errorCode);
    }
}
