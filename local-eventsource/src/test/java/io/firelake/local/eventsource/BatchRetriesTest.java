package io.firelake.local.eventsource;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Lambda's retry rules for a failing batch, on the retry policy: backoff, limits, bisection. */
class BatchRetriesTest {

    @Test
    void retriesBackOffFrom100MillisDoublingTo2SecondsUntilTheLimit() {
        BatchRetries retries = new BatchRetries(3);
        assertThat(retries.pending()).isFalse();

        assertThat(retries.retry(10, 0)).isTrue();
        assertThat(retries.notBeforeMillis()).isEqualTo(100);
        assertThat(retries.pending()).as("a retry goes out without a batching window").isTrue();
        assertThat(retries.retry(10, 1_000)).isTrue();
        assertThat(retries.notBeforeMillis()).isEqualTo(1_200);
        assertThat(retries.retry(10, 2_000)).isTrue();
        assertThat(retries.due(2_399)).isFalse();
        assertThat(retries.due(2_400)).isTrue();
        assertThat(retries.retry(10, 3_000)).as("MaximumRetryAttempts 3: the fourth failure is discarded").isFalse();

        retries.completed();
        assertThat(retries.pending()).isFalse();
        assertThat(retries.due(0)).isTrue();
        BatchRetries unlimited = new BatchRetries(-1);
        for (int i = 0; i < 50; i++) {
            assertThat(unlimited.retry(1, 0)).isTrue();
        }
        assertThat(unlimited.notBeforeMillis()).isEqualTo(2_000);
    }

    @Test
    void bisectionTriesHalvesOfHalvesFromAFirstAttempt() {
        BatchRetries retries = new BatchRetries(0);
        assertThat(retries.nextBatchSize(100)).isEqualTo(100);

        retries.bisect(7);
        assertThat(retries.nextBatchSize(100)).isEqualTo(4);
        retries.bisect(4);
        assertThat(retries.nextBatchSize(100)).isEqualTo(2);
        retries.completed();
        assertThat(retries.nextBatchSize(100)).as("the other half of 4").isEqualTo(2);
        retries.completed();
        assertThat(retries.nextBatchSize(100)).as("the other half of 7").isEqualTo(3);
        assertThat(retries.retry(1, 0)).as("no retries: a failing part is discarded").isFalse();
        retries.completed();
        assertThat(retries.nextBatchSize(100)).isEqualTo(100);
        assertThat(retries.pending()).isFalse();
    }
}
