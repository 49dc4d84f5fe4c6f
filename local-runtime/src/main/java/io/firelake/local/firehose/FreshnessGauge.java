package io.firelake.local.firehose;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * {@code DeliveryToS3.DataFreshness} between objects: Firehose publishes the age of the oldest record not yet in S3
 * every minute, whether an object was written or not, so freshness keeps growing while delivery is stalled. Each
 * written object publishes it too ({@link DeliveryMetrics#put}); this publishes it once a period while records wait.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/monitoring-with-cloudwatch-metrics.html">Firehose CloudWatch metrics</a>
 */
final class FreshnessGauge {

    private final DeliveryMetrics metrics;
    private final Duration period;
    private Instant published;

    FreshnessGauge(DeliveryMetrics metrics, Duration period, Instant start) {
        this.metrics = metrics;
        this.period = period;
        this.published = start;
    }

    /**
     * Publishes the age of the oldest waiting record when a period has passed since the last point; asks for it only
     * then (null: nothing waits, and nothing is published).
     */
    synchronized void publishIfDue(Supplier<Instant> oldestWaiting, Instant now) {
        if (now.isBefore(published.plus(period))) {
            return;
        }
        Instant oldest = oldestWaiting.get();
        if (oldest != null) {
            metrics.freshness(oldest, now);
            published = now;
        }
    }
}
