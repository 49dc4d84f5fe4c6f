package io.firelake.aws.client;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

import static io.firelake.aws.client.AwsErrorClassifier.Kind.NOT_RETRYABLE;
import static io.firelake.aws.client.AwsErrorClassifier.Kind.THROTTLED;
import static io.firelake.aws.client.AwsErrorClassifier.Kind.TRANSIENT;
import static org.assertj.core.api.Assertions.assertThat;

class AwsErrorClassifierTest {

    private static AwsServiceException service(String code, int status) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    @Test
    void throttlingIsRetryableAndSaysSo() {
        assertThat(AwsErrorClassifier.classify(ProvisionedThroughputExceededException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build())
                .build())).isEqualTo(THROTTLED);
        assertThat(AwsErrorClassifier.classify(service("KMSThrottlingException", 400))).isEqualTo(THROTTLED);
        assertThat(AwsErrorClassifier.classify(service("SlowDown", 503))).isEqualTo(THROTTLED);
        assertThat(AwsErrorClassifier.classify(service(null, 429))).isEqualTo(THROTTLED);
        assertThat(AwsErrorClassifier.throttled(service("LimitExceededException", 400))).isTrue();
    }

    @Test
    void serverErrorsTimeoutsAndLostConnectionsAreTransient() {
        assertThat(AwsErrorClassifier.classify(service("InternalFailure", 500))).isEqualTo(TRANSIENT);
        assertThat(AwsErrorClassifier.classify(service(null, 503))).isEqualTo(TRANSIENT);
        assertThat(AwsErrorClassifier.classify(SdkClientException.create("Unable to execute HTTP request: Connection refused")))
                .isEqualTo(TRANSIENT);
        assertThat(AwsErrorClassifier.classify(new IOException("reset"))).isEqualTo(TRANSIENT);
    }

    @Test
    void whatFailsAgainIsNotRetryable() {
        assertThat(AwsErrorClassifier.classify(ResourceNotFoundException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException").build()).build()))
                .isEqualTo(NOT_RETRYABLE);
        assertThat(AwsErrorClassifier.classify(service("AccessDeniedException", 400))).isEqualTo(NOT_RETRYABLE);
        assertThat(AwsErrorClassifier.classify(service("ValidationException", 400))).isEqualTo(NOT_RETRYABLE);
        assertThat(AwsErrorClassifier.classify(ExpiredIteratorException.builder().statusCode(400).build()))
                .as("an expired iterator is renewed, not retried").isEqualTo(NOT_RETRYABLE);
        assertThat(AwsErrorClassifier.classify(SdkClientException.create("Unable to load credentials from any of the "
                + "providers in the chain"))).isEqualTo(NOT_RETRYABLE);
        assertThat(AwsErrorClassifier.classify(new IllegalStateException("a bug"))).isEqualTo(NOT_RETRYABLE);
    }

    @Test
    void theErrorCodesOfAPartialFailureAreClassifiedByTheSameRules() {
        assertThat(AwsErrorClassifier.classifyErrorCode("ProvisionedThroughputExceededException")).isEqualTo(THROTTLED);
        assertThat(AwsErrorClassifier.classifyErrorCode("KMSThrottlingException")).isEqualTo(THROTTLED);
        assertThat(AwsErrorClassifier.classifyErrorCode("InternalFailure")).isEqualTo(TRANSIENT);
        assertThat(AwsErrorClassifier.classifyErrorCode("KMSAccessDeniedException")).isEqualTo(NOT_RETRYABLE);
        assertThat(AwsErrorClassifier.classifyErrorCode(null)).isEqualTo(NOT_RETRYABLE);
    }

    @Test
    void asyncWrappersAreSeenThrough() {
        CompletionException wrapped = new CompletionException(service("InternalFailure", 500));
        assertThat(AwsErrorClassifier.retryable(wrapped)).isTrue();
        assertThat(AwsErrorClassifier.errorCode(wrapped)).isEqualTo("InternalFailure");
        assertThat(AwsErrorClassifier.errorCode(service(null, 502))).isEqualTo("HTTP 502");
        assertThat(AwsErrorClassifier.errorCode(new CompletionException(SdkClientException.create("x"))))
                .isEqualTo("SdkClientException");
    }
}
