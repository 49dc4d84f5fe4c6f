package io.firelake.producer.sdk;

import io.firelake.aws.retry.Backoff;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * Whole-request retries of PutRecords (Kinesis) and PutRecordBatch (Firehose) by the SDK's standard retry strategy
 * (throttling, 5xx, timeouts and broken connections), with the sender's backoff (exponential, full jitter) and as many
 * attempts as the records of the request have left. It is set on each request (a request-level plugin), so the
 * producer's {@code --max-attempts} and {@code --backoff-base} rule the requests whatever the client's own strategy. The retry token bucket (circuit breaker)
 * is off: the sender's in-flight window already bounds the load, and a record must not fail because other requests
 * were throttled. The plugin also counts how many times its request was sent, for the sender's retry counters.
 *
 * @see <a href="https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/retry-strategy.html">SDK for Java 2.x: retry strategies</a>
 */
public final class PutRecordsRetries {

    /** One request's retries: the plugin to put on it, and how many times it was sent so far. */
    public static final class Attempts implements ExecutionInterceptor {
        private final AtomicInteger sent = new AtomicInteger();
        private final SdkPlugin plugin;

        private Attempts(RetryStrategy strategy) {
            this.plugin = config -> config.overrideConfiguration(config.overrideConfiguration().toBuilder()
                    .retryStrategy(strategy).addExecutionInterceptor(this).build());
        }

        public SdkPlugin plugin() {
            return plugin;
        }

        public int sent() {
            return sent.get();
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            sent.incrementAndGet();
        }
    }

    private final BackoffStrategy backoff;
    private final Map<Integer, RetryStrategy> byMaxAttempts = new ConcurrentHashMap<>();

    public PutRecordsRetries(Backoff backoff) {
        this.backoff = BackoffStrategy.exponentialDelay(backoff.first(), backoff.cap());
    }

    /** The retries of one request that may be sent {@code maxAttempts} times in all. */
    public Attempts forRequest(int maxAttempts) {
        return new Attempts(byMaxAttempts.computeIfAbsent(Math.max(1, maxAttempts), attempts ->
                AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(attempts)
                        .backoffStrategy(backoff)
                        .throttlingBackoffStrategy(backoff)
                        .circuitBreakerEnabled(false)
                        .build()));
    }
}
