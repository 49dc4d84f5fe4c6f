package io.firelake.producer.send;

import static io.firelake.producer.send.PutRecordsErrorClassifier.Verdict.ABORT;
import static io.firelake.producer.send.PutRecordsErrorClassifier.Verdict.FAIL;
import static io.firelake.producer.send.PutRecordsErrorClassifier.Verdict.RETRY;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PutRecordsErrorClassifierTest {

    @Test
    void entryErrorCodesOfAPartialFailure() {
        assertThat(PutRecordsErrorClassifier.entry("ProvisionedThroughputExceededException")).isEqualTo(RETRY);
        assertThat(PutRecordsErrorClassifier.entry("InternalFailure")).isEqualTo(RETRY);
        assertThat(PutRecordsErrorClassifier.entry("KMSThrottlingException")).isEqualTo(RETRY);
        assertThat(PutRecordsErrorClassifier.entry("KMSAccessDeniedException")).isEqualTo(FAIL);
        assertThat(PutRecordsErrorClassifier.entry("KMSDisabledException")).isEqualTo(FAIL);
    }

    @Test
    void firehoseThrottlesWithServiceUnavailableException() {
        assertThat(PutRecordsErrorClassifier.entry("ServiceUnavailableException")).isEqualTo(RETRY);
        assertThat(PutRecordsErrorClassifier.throttling("ServiceUnavailableException", 0)).isTrue();
        assertThat(PutRecordsErrorClassifier.request("ServiceUnavailableException", 503)).isEqualTo(RETRY);
        assertThat(PutRecordsErrorClassifier.request("InvalidKMSResourceException", 400)).isEqualTo(ABORT);
        assertThat(PutRecordsErrorClassifier.request("InvalidArgumentException", 400)).isEqualTo(FAIL);
    }

    @Test
    void wholeRequestErrors() {
        assertThat(PutRecordsErrorClassifier.request("ResourceNotFoundException", 400)).isEqualTo(ABORT);
        assertThat(PutRecordsErrorClassifier.request("AccessDeniedException", 400)).isEqualTo(ABORT);
        assertThat(PutRecordsErrorClassifier.request(PutRecordsErrorClassifier.NO_CREDENTIALS, 0)).isEqualTo(ABORT);
        assertThat(PutRecordsErrorClassifier.request("ProvisionedThroughputExceededException", 400)).isEqualTo(RETRY);
        assertThat(PutRecordsErrorClassifier.request("HTTP503", 503)).isEqualTo(RETRY);
        assertThat(PutRecordsErrorClassifier.request("Whatever", 429)).isEqualTo(RETRY);
        assertThat(PutRecordsErrorClassifier.request(PutRecordsErrorClassifier.CLIENT_ERROR, 0)).isEqualTo(RETRY);
        assertThat(PutRecordsErrorClassifier.request("ValidationException", 400)).isEqualTo(FAIL);
        assertThat(PutRecordsErrorClassifier.throttling("LimitExceededException", 400)).isTrue();
        assertThat(PutRecordsErrorClassifier.throttling("InternalFailure", 500)).isFalse();
    }
}
