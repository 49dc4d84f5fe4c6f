package io.firelake.local.firehose;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Writes finished buffers to the S3 destination: one PutObject per object, the one place S3 is written and retried.
 * Firehose retries S3 for up to 24 hours; locally a write that fails {@value #ATTEMPTS} times stops the delivery
 * stream, and the checkpoint has not moved past the object's records, so they are read again at the next start.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/basic-deliver.html">Firehose data delivery (failure handling)</a>
 */
final class ObjectDelivery {

    static final int ATTEMPTS = 5;
    /** Before retry n, n times this. */
    private static final Duration BACKOFF = Duration.ofMillis(200);

    private final ObjectStore store;
    private final Router router;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    ObjectDelivery(ObjectStore store, Router router, DeliveryMetrics metrics, Clock clock) {
        this.store = store;
        this.router = router;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Finishes the buffer, writes it and deletes its staged file; its records are then complete. */
    void write(ObjectBuffer buffer) {
        Path file = buffer.finish();
        String key = buffer.objectKey(router);
        for (int attempt = 1; ; attempt++) {
            try {
                store.put(key, file, buffer.contentType());
                break;
            } catch (RuntimeException e) {
                metrics.putFailed();
                if (attempt >= ATTEMPTS) {
                    throw new IllegalStateException("cannot write s3://" + store.bucket() + "/" + key + " after "
                            + attempt + " attempts: " + e.getMessage(), e);
                }
                Tasks.sleep(BACKOFF.multipliedBy(attempt));
            }
        }
        metrics.put(buffer.records().size(), buffer.bytes(), buffer.oldestArrival(), clock.instant(),
                buffer instanceof LakeBuffer);
        StagingDir.delete(file);
    }
}
