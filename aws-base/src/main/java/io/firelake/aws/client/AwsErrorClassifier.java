package io.firelake.aws.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Sorts what an SDK call threw into worth retrying (throttled, or transient: a 5xx, a timeout, a dropped connection)
 * and not (a missing resource, denied access, an invalid request, missing credentials: trying again fails again), in
 * the manner of Flink's {@code AWSExceptionClassifierUtil} and the Kinesis Client Library. The SDK's retry strategy
 * has already retried a whole request by the same rules; a caller asks this when it decides about its own retries.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/CommonErrors.html">Common errors</a>
 * @see <a href="https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html">SDK retry behavior</a>
 */
public final class AwsErrorClassifier {

    /** What kind of failure it is. */
    public enum Kind {
        /** The service asked to slow down: retry after a backoff. */
        THROTTLED,
        /** The request may succeed if sent again: server errors, timeouts, connections lost. */
        TRANSIENT,
        /** Sending it again fails again. */
        NOT_RETRYABLE;

        public boolean retryable() {
            return this != NOT_RETRYABLE;
        }
    }

    static final Set<String> THROTTLING_CODES = Set.of("ProvisionedThroughputExceededException",
            "LimitExceededException", "ThrottlingException", "Throttling", "ThrottledException", "KMSThrottlingException",
            "SlowDown", "RequestLimitExceeded", "TooManyRequestsException", "RequestThrottled",
            "RequestThrottledException", "BandwidthLimitExceeded");
    static final Set<String> TRANSIENT_CODES = Set.of("InternalFailure", "InternalError", "InternalServerError",
            "ServiceUnavailable", "ServiceUnavailableException", "RequestTimeout", "RequestTimeoutException",
            "PriorRequestNotComplete", "KMSInternalException", "TransactionInProgressException");

    private AwsErrorClassifier() {
    }

    public static Kind classify(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null || service.awsErrorDetails().errorCode() == null ? ""
                    : service.awsErrorDetails().errorCode();
            if (service.isThrottlingException() || service.statusCode() == 429) {
                return Kind.THROTTLED;
            }
            Kind byCode = classifyErrorCode(code);
            return byCode == Kind.NOT_RETRYABLE && service.statusCode() >= 500 ? Kind.TRANSIENT : byCode;
        }
        if (cause instanceof SdkClientException client) {
            // Timeouts, refused or reset connections: the request may not have arrived. Missing credentials or region
            // are configuration, which no retry fixes.
            String message = String.valueOf(client.getMessage());
            return message.contains("Unable to load credentials") || message.contains("Unable to load region")
                    ? Kind.NOT_RETRYABLE : Kind.TRANSIENT;
        }
        return cause instanceof IOException || cause instanceof UncheckedIOException ? Kind.TRANSIENT
                : Kind.NOT_RETRYABLE;
    }

    /**
     * An error code without an exception: the ErrorCode of one entry of a partial failure (PutRecords: throttling and
     * InternalFailure are worth sending again, KMS access or state errors are not).
     *
     * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecordsResultEntry.html">PutRecordsResultEntry</a>
     */
    public static Kind classifyErrorCode(String errorCode) {
        if (errorCode == null) {
            return Kind.NOT_RETRYABLE;
        }
        if (THROTTLING_CODES.contains(errorCode)) {
            return Kind.THROTTLED;
        }
        return TRANSIENT_CODES.contains(errorCode) ? Kind.TRANSIENT : Kind.NOT_RETRYABLE;
    }

    public static boolean retryable(Throwable error) {
        return classify(error).retryable();
    }

    public static boolean throttled(Throwable error) {
        return classify(error) == Kind.THROTTLED;
    }

    /** The AWS error code (as the service sent it), "HTTP n" without one, else the exception's simple name. */
    public static String errorCode(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            return code != null ? code : "HTTP " + service.statusCode();
        }
        return cause.getClass().getSimpleName();
    }

    /** The SDK's exception inside the wrappers of an async call. */
    public static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
