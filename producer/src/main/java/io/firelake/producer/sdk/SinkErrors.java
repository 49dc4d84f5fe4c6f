package io.firelake.producer.sdk;

import io.firelake.producer.send.PutRecordsErrorClassifier;
import io.firelake.producer.send.SinkException;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** What an SDK call threw, as the sender's {@link SinkException}: the service's error code and the HTTP status. */
public final class SinkErrors {

    private SinkErrors() {
    }

    /**
     * The SDK's exception as the sender's: error code and HTTP status (0 when no response came back).
     *
     * @param attempts how many times the request was sent
     */
    public static SinkException classify(Throwable error, int attempts) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof SinkException sink) {
            return sink;
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
            // Timeouts, refused or reset connections: the request may not have reached the service; the SDK sent it
            // again as often as it could (at worst a duplicate, which consumers de-duplicate by event_id).
            return new SinkException(PutRecordsErrorClassifier.CLIENT_ERROR, 0, String.valueOf(client.getMessage()),
                    attempts, client);
        }
        return new SinkException(cause.getClass().getSimpleName(), 0, String.valueOf(cause.getMessage()), attempts,
                cause);
    }
}
