package io.firelake.local.eventsource;

import io.firelake.aws.retry.Backoff;
import io.firelake.aws.retry.RetryPolicy;
import io.firelake.aws.retry.RetryState;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Lambda's retries of a failing batch on one shard: {@code MaximumRetryAttempts} retries (-1: until it succeeds or its
 * records expire) after a backoff from 100 ms doubling to 2 s, and with {@code BisectBatchOnFunctionError} the batch
 * split in two before it is retried, halves of halves down to single records. A retry or a bisected half goes out as
 * soon as its backoff is over, without waiting for a batching window.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html">Error handling</a>
 */
final class BatchRetries {

    static final Backoff BACKOFF = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(2));

    private final RetryState retries;
    /** Batch sizes forced by bisection: the head is the next batch's size. */
    private final Deque<Integer> bisected = new ArrayDeque<>();

    BatchRetries(int maximumRetryAttempts) {
        this.retries = new RetryState(RetryPolicy.retries(
                maximumRetryAttempts < 0 ? RetryPolicy.UNLIMITED : maximumRetryAttempts, BACKOFF));
    }

    /** The size of the next batch: a bisected part's, else the configured one. */
    int nextBatchSize(int batchSize) {
        return bisected.isEmpty() ? batchSize : bisected.peekFirst();
    }

    /** Whether the next batch is a retry or a bisected part, which goes out at once. */
    boolean pending() {
        return !bisected.isEmpty() || retries.failures() > 0;
    }

    boolean due(long nowMillis) {
        return retries.due(nowMillis);
    }

    long notBeforeMillis() {
        return retries.notBeforeMillis();
    }

    /** Splits the failing batch of {@code size} records in two; the halves are tried next, from a first attempt. */
    void bisect(int size) {
        if (!bisected.isEmpty()) {
            bisected.removeFirst();
        }
        int firstHalf = (size + 1) / 2;
        bisected.addFirst(size - firstHalf);
        bisected.addFirst(firstHalf);
        retries.reset();
    }

    /** The head of the batch succeeded: what is left of it starts over at its first retry. */
    void progressed() {
        retries.reset();
    }

    /**
     * The batch (its {@code remaining} records) failed at {@code nowMillis}: returns whether it is retried, after the
     * backoff; false when the retries are exhausted (the caller discards it, then calls {@link #completed()}).
     */
    boolean retry(int remaining, long nowMillis) {
        if (!retries.failed(nowMillis)) {
            return false;
        }
        if (!bisected.isEmpty()) {
            bisected.removeFirst();
            bisected.addFirst(remaining);
        }
        return true;
    }

    /** The batch is done (processed or discarded): the next one is a first attempt. */
    void completed() {
        retries.reset();
        if (!bisected.isEmpty()) {
            bisected.removeFirst();
        }
    }
}
