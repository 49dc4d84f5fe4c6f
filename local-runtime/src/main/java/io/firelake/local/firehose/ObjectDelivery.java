package io.firelake.local.firehose;

import io.firelake.aws.retry.Backoff;
import io.firelake.aws.retry.RetryPolicy;
import io.firelake.aws.retry.Sleeper;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes finished buffers to the S3 destination: one PutObject per object, the one place S3 is written and retried.
 * Firehose retries S3 for up to 24 hours; locally a write that fails {@value #ATTEMPTS} times stops the delivery
 * stream, and the checkpoint has not moved past the object's records, so they are read again at the next start.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/basic-deliver.html">Firehose data delivery (failure handling)</a>
 */
final class ObjectDelivery {

    static final int ATTEMPTS = 5;
    /** Before retry n, n times 200 ms: a local S3 that hiccups is back within a second. */
    private static final RetryPolicy RETRIES = RetryPolicy.attempts(ATTEMPTS,
            Backoff.linear(Duration.ofMillis(200), Duration.ofSeconds(1)));

    private final ObjectStore store;
    private final Router router;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final BufferGauges gauges;

    ObjectDelivery(ObjectStore store, Router router, DeliveryMetrics metrics, Clock clock, BufferGauges gauges) {
        this.store = store;
        this.router = router;
        this.metrics = metrics;
        this.clock = clock;
        this.gauges = gauges;
    }

    /** Finishes the buffer, writes it and deletes its staged file; its records are then complete. */
    void write(ObjectBuffer buffer) {
        Path file = buffer.finish();
        String key = buffer.objectKey(router);
        int[] attempts = {0};
        try {
            RETRIES.call(attempt -> {
                attempts[0] = attempt;
                try {
                    store.put(key, file, buffer.contentType());
                    return null;
                } catch (RuntimeException e) {
                    metrics.putFailed();
                    throw e;
                }
            }, e -> e instanceof RuntimeException, Sleeper.THREAD);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot write s3://" + store.bucket() + "/" + key + " after "
                    + attempts[0] + " attempts: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing s3://" + store.bucket() + "/" + key, e);
        }
        long bytes = StagingDir.size(file);
        Instant now = clock.instant();
        metrics.put(buffer.records().size(), bytes, buffer.oldestArrival(), now, buffer instanceof LakeBuffer);
        gauges.flushed(new BufferGauges.Flush(now, buffer instanceof LakeBuffer ? "lake" : "error", key,
                buffer.records().size(), bytes));
        StagingDir.delete(file);
    }
}
