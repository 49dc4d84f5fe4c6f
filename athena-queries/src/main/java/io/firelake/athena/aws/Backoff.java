package io.firelake.athena.aws;

import java.time.Duration;

/**
 * Polling delays for a query that is still QUEUED or RUNNING: exponential from {@code initial} up to {@code max}.
 * Athena's GetQueryExecution is throttled per account, so a long query must not be polled at a fixed fast rate.
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/service-limits.html">Athena API quotas</a>
 */
public record Backoff(Duration initial, Duration max, double multiplier) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), 2.0);
    /**
     * For an endpoint on this machine (the local endpoint's Athena, DuckDB over the lake): it has no API quota, and its
     * queries take tens or hundreds of milliseconds, which a first wait of 200 ms would multiply.
     */
    public static final Backoff LOCAL = new Backoff(Duration.ofMillis(10), Duration.ofMillis(50), 1.5);

    public Duration next(Duration previous) {
        long next = (long) (previous.toMillis() * multiplier);
        return Duration.ofMillis(Math.min(next, max.toMillis()));
    }
}
