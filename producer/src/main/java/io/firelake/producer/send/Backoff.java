package io.firelake.producer.send;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: the n-th retry waits a uniformly random time between 0 and
 * min(cap, base * 2^(n-1)), which spreads retries of many clients instead of synchronising them.
 *
 * @see <a href="https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/">Exponential backoff and jitter</a>
 */
public record Backoff(Duration base, Duration cap) {

    public static final Duration DEFAULT_BASE = Duration.ofMillis(100);
    public static final Duration DEFAULT_CAP = Duration.ofSeconds(5);

    public static Backoff defaults() {
        return new Backoff(DEFAULT_BASE, DEFAULT_CAP);
    }

    /** The longest wait before retry number {@code retry} (1 for the first retry). */
    public long ceilingMillis(int retry) {
        long base = Math.max(1, this.base.toMillis());
        int shift = Math.min(30, Math.max(0, retry - 1));
        long exponential = base << shift;
        return Math.min(cap.toMillis(), exponential < 0 ? Long.MAX_VALUE : exponential);
    }

    public long delayMillis(int retry) {
        return ThreadLocalRandom.current().nextLong(ceilingMillis(retry) + 1);
    }
}
