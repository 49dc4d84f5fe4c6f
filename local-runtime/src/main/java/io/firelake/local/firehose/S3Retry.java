package io.firelake.local.firehose;

import java.time.Duration;

/**
 * How the S3 destination rides out an S3 that refuses its writes. Firehose keeps retrying a failed delivery to S3 for
 * up to 24 hours and pauses the stream's delivery meanwhile (it reads no further: the source backs up), and it
 * publishes {@code DeliveryToS3.DataFreshness}, the age of the oldest record not yet in S3, every minute whether an
 * object was written or not. Locally the same, with one difference: when the retry duration ends Firehose discards
 * the data, the local stream stops instead, its records behind the checkpoint, read again at the next start.
 *
 * @param interval        the wait between two attempts to write an object
 * @param duration        how long an object is retried before the stream gives up on it
 * @param freshnessPeriod how often DataFreshness is published while records wait (Firehose: every minute)
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/retry.html">Handle data delivery failures (Amazon S3)</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/monitoring-with-cloudwatch-metrics.html">Firehose CloudWatch metrics</a>
 */
public record S3Retry(Duration interval, Duration duration, Duration freshnessPeriod) {

    /** Firehose retried a failed S3 delivery every 5 seconds (the data delivery page's former wording). */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    /** Firehose keeps retrying S3 for up to 24 hours, its maximum data storage time. */
    public static final Duration DEFAULT_DURATION = Duration.ofHours(24);
    /** Firehose publishes its metrics, DataFreshness included, at one-minute resolution. */
    public static final Duration DEFAULT_FRESHNESS_PERIOD = Duration.ofMinutes(1);
    public static final S3Retry DEFAULT = new S3Retry(DEFAULT_INTERVAL, DEFAULT_DURATION, DEFAULT_FRESHNESS_PERIOD);

    public S3Retry {
        if (!positive(interval) || duration.isNegative() || !positive(freshnessPeriod)) {
            throw new IllegalArgumentException("the S3 retry interval and the freshness period must be over 0 and the "
                    + "retry duration at least 0: " + interval + ", " + freshnessPeriod + ", " + duration);
        }
    }

    /**
     * The attempts an object gets: the first, then one after each interval that starts within the duration. Counted
     * from the waits rather than the clock, so a slow PutObject does not cut the retries short.
     */
    public int attempts() {
        return (int) Math.min(Integer.MAX_VALUE, 1 + duration.toMillis() / Math.max(1, interval.toMillis()));
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }
}
