package io.firelake.aws.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How often, and after which waits, an operation is tried again: for what the SDK's own retry strategies do not cover
 * (they retry one whole request): the entries of a partial failure, a function invocation, a shard read that has to
 * back off without blocking its thread, an S3 write after the SDK gave up.
 *
 * <p>The blocking forms ({@link #call}, {@link #repeat}) sleep between attempts; a poll loop that must not block
 * keeps a {@link RetryState} instead and asks it when the next attempt is due.
 *
 * @param maxRetries retries after the first attempt, or {@link #UNLIMITED}
 * @param backoff    the wait before each retry
 */
public record RetryPolicy(int maxRetries, Backoff backoff) {

    public static final int UNLIMITED = -1;

    public RetryPolicy {
        Objects.requireNonNull(backoff, "backoff");
        if (maxRetries < UNLIMITED) {
            throw new IllegalArgumentException("maxRetries must be -1 (unlimited) or more, not " + maxRetries);
        }
    }

    public static RetryPolicy retries(int maxRetries, Backoff backoff) {
        return new RetryPolicy(maxRetries, backoff);
    }

    /** At most {@code maxAttempts} attempts in all, the first one included. */
    public static RetryPolicy attempts(int maxAttempts, Backoff backoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt, not " + maxAttempts);
        }
        return new RetryPolicy(maxAttempts - 1, backoff);
    }

    public static RetryPolicy unlimited(Backoff backoff) {
        return new RetryPolicy(UNLIMITED, backoff);
    }

    /** Whether retry number {@code retry} (1 for the first retry, after the first attempt failed) may go out. */
    public boolean allowsRetry(int retry) {
        return maxRetries == UNLIMITED || retry <= maxRetries;
    }

    public Duration delayBefore(int retry) {
        return backoff.delay(retry);
    }

    /** One attempt of {@link #call}: the attempt number starts at 1. */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        T run(int attempt) throws E;
    }

    /** One step of {@link #repeat}: takes what the previous attempt left (the initial value first). */
    @FunctionalInterface
    public interface Step<S, E extends Exception> {
        S run(S previous) throws E;
    }

    /** What {@link #repeat} ended with, and after how many attempts. */
    public record Attempted<S>(S value, int attempts) {
    }

    /**
     * Runs {@code attempt} until it returns, retrying the exceptions {@code retryable} accepts while the policy
     * allows; the last exception is thrown as it is (a non-retryable one at once).
     */
    public <T, E extends Exception> T call(Attempt<T, E> attempt, Predicate<? super Exception> retryable,
                                           Sleeper sleeper) throws E, InterruptedException {
        for (int n = 1; ; n++) {
            try {
                return attempt.run(n);
            } catch (Exception e) {
                if (e instanceof InterruptedException || !retryable.test(e) || !allowsRetry(n)) {
                    throw rethrow(e);
                }
            }
            sleeper.sleep(delayBefore(n));
        }
    }

    /**
     * Runs {@code step} on what the previous attempt left until {@code done} holds or no retry is left: for partial
     * failures, where an attempt returns the part still to do. Exceptions of the step end it at once.
     */
    public <S, E extends Exception> Attempted<S> repeat(S initial, Step<S, E> step, Predicate<? super S> done,
                                                        Sleeper sleeper) throws E, InterruptedException {
        S value = step.run(initial);
        int attempts = 1;
        while (!done.test(value) && allowsRetry(attempts)) {
            sleeper.sleep(delayBefore(attempts));
            value = step.run(value);
            attempts++;
        }
        return new Attempted<>(value, attempts);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrow(Exception e) throws E {
        throw (E) e;
    }
}
