package io.firelake.aws.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before retry number n (1 for the first retry): constant, growing linearly or doubling from
 * {@code first}, never above {@code cap}, optionally jittered so that many clients do not retry in step.
 *
 * @param first  the wait before the first retry (the step of a linear backoff)
 * @param cap    the longest wait
 * @param growth how the wait grows with the retry number
 * @param jitter how much of the wait is random
 * @see <a href="https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/">Exponential backoff and jitter</a>
 */
public record Backoff(Duration first, Duration cap, Growth growth, Jitter jitter) {

    public enum Growth { CONSTANT, LINEAR, EXPONENTIAL }

    /** NONE: the ceiling itself; EQUAL: uniformly between half the ceiling and the ceiling; FULL: between 0 and it. */
    public enum Jitter { NONE, EQUAL, FULL }

    public Backoff {
        Objects.requireNonNull(growth, "growth");
        Objects.requireNonNull(jitter, "jitter");
        if (first.isNegative() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("a backoff needs 0 <= first <= cap, not " + first + " and " + cap);
        }
    }

    public static Backoff constant(Duration delay) {
        return new Backoff(delay, delay, Growth.CONSTANT, Jitter.NONE);
    }

    public static Backoff linear(Duration step, Duration cap) {
        return new Backoff(step, cap, Growth.LINEAR, Jitter.NONE);
    }

    public static Backoff exponential(Duration first, Duration cap) {
        return new Backoff(first, cap, Growth.EXPONENTIAL, Jitter.NONE);
    }

    public Backoff withJitter(Jitter value) {
        return new Backoff(first, cap, growth, value);
    }

    /** The longest wait before retry number {@code retry} (1 for the first retry), in milliseconds. */
    public long ceilingMillis(int retry) {
        long base = first.toMillis();
        int n = Math.max(1, retry);
        long grown = switch (growth) {
            case CONSTANT -> base;
            case LINEAR -> n > Long.MAX_VALUE / Math.max(1, base) ? Long.MAX_VALUE : base * n;
            case EXPONENTIAL -> n - 1 >= 62 || base > (Long.MAX_VALUE >> (n - 1)) ? Long.MAX_VALUE : base << (n - 1);
        };
        return Math.min(cap.toMillis(), grown);
    }

    /** The wait before retry number {@code retry}, jitter applied. */
    public Duration delay(int retry) {
        long ceiling = ceilingMillis(retry);
        long millis = switch (jitter) {
            case NONE -> ceiling;
            case EQUAL -> ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling - ceiling / 2 + 1);
            case FULL -> ThreadLocalRandom.current().nextLong(ceiling + 1);
        };
        return Duration.ofMillis(millis);
    }
}
