package io.firelake.local.firehose;

import io.firelake.aws.retry.Backoff;
import io.firelake.aws.retry.RetryPolicy;
import io.firelake.aws.retry.Sleeper;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Writes finished buffers to the S3 destination: one PutObject per object, the one place S3 is written and retried.
 * A refused write is retried as Firehose does ({@link S3Retry}: every 5 s for up to 24 hours), on the delivery thread,
 * so delivery pauses and the source is not read meanwhile (Kinesis keeps the records; a Direct PUT backlog fills
 * until PutRecordBatch throttles). While it waits, DataFreshness keeps being published and grows. When the retry
 * duration ends the stream stops (Firehose would discard the data): the checkpoint has not moved past the object's
 * records, so they are read again at the next start.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/retry.html">Handle data delivery failures (Amazon S3)</a>
 */
final class ObjectDelivery {

    private final ObjectStore store;
    private final Router router;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final BufferGauges gauges;
    private final FreshnessGauge freshness;
    private final RetryPolicy retries;

    ObjectDelivery(ObjectStore store, Router router, DeliveryMetrics metrics, Clock clock, BufferGauges gauges,
                   S3Retry retry, FreshnessGauge freshness) {
        this.store = store;
        this.router = router;
        this.metrics = metrics;
        this.clock = clock;
        this.gauges = gauges;
        this.freshness = freshness;
        this.retries = RetryPolicy.attempts(retry.attempts(), Backoff.constant(retry.interval()));
    }

    /**
     * Finishes the buffer, writes it and deletes its staged file; its records are then complete. {@code oldestWaiting}
     * is the arrival of the oldest record not yet in S3, published as freshness while a refused write waits.
     */
    void write(ObjectBuffer buffer, Supplier<Instant> oldestWaiting) {
        Path file = buffer.finish();
        String key = buffer.objectKey(router);
        int[] attempts = {0};
        Sleeper waiting = delay -> {
            freshness.publishIfDue(oldestWaiting, clock.instant());
            metrics.flushIfDue();
            Sleeper.THREAD.sleep(delay);
        };
        try {
            retries.call(attempt -> {
                attempts[0] = attempt;
                try {
                    store.put(key, file, buffer.contentType());
                    return null;
                } catch (RuntimeException e) {
                    metrics.putFailed();
                    throw e;
                }
            }, e -> e instanceof RuntimeException, waiting);
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
