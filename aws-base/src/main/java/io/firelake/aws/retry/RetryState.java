package io.firelake.aws.retry;

/**
 * The retries of one operation in a loop that must not block (a shard's poll loop): counts failures and says when the
 * next attempt is due, by the policy's backoff. Not thread-safe: one loop owns it.
 */
public final class RetryState {

    private final RetryPolicy policy;
    private int failures;
    private long notBeforeMillis;

    public RetryState(RetryPolicy policy) {
        this.policy = policy;
    }

    /**
     * Counts a failed attempt at {@code nowMillis}. Returns whether the policy allows another one; if so it is due
     * after the backoff for this failure.
     */
    public boolean failed(long nowMillis) {
        failures++;
        if (!policy.allowsRetry(failures)) {
            return false;
        }
        notBeforeMillis = nowMillis + policy.delayBefore(failures).toMillis();
        return true;
    }

    /** The operation succeeded (or was given up): the next failure is a first one again, and nothing waits. */
    public void reset() {
        failures = 0;
        notBeforeMillis = 0;
    }

    /** Failures since the last reset. */
    public int failures() {
        return failures;
    }

    public boolean due(long nowMillis) {
        return nowMillis >= notBeforeMillis;
    }

    public long notBeforeMillis() {
        return notBeforeMillis;
    }
}
