package io.firelake.local.firehose;

import java.time.Duration;

/**
 * The limits a Lambda processor runs within: Lambda's payload quotas and the function's timeout, which Firehose caps.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html">Lambda quotas</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html">Firehose data transformation</a>
 */
public final class ProcessorLimits {

    /**
     * Lambda's limit on a synchronous response payload: 6 MB
     * (<a href="https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html">Lambda quotas</a>).
     */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
    /** Lambda's limit on a synchronous request payload: 6 MB, as for the response. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 6 * 1024 * 1024;
    /**
     * The transform function's {@code Timeout} in sam/template.yaml (a property of the function, not a template
     * parameter, so the template's value is the default here); Firehose accepts functions of up to
     * {@link #MAX_PROCESSOR_TIMEOUT}. A timed-out invocation is a failed one: retried, then {@code processing-failed}
     * (<a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation-failure-handling.html">failure handling</a>).
     */
    public static final Duration DEFAULT_PROCESSOR_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Firehose supports Lambda invocations of up to 5 minutes
     * (<a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html">Lambda invocation duration</a>).
     */
    public static final Duration MAX_PROCESSOR_TIMEOUT = Duration.ofMinutes(5);

    private ProcessorLimits() {
    }

    /** Rejects a timeout Firehose would not accept for its processor. */
    static void checkTimeout(Duration processorTimeout) {
        if (processorTimeout.isNegative() || processorTimeout.isZero()
                || processorTimeout.compareTo(MAX_PROCESSOR_TIMEOUT) > 0) {
            throw new IllegalArgumentException("the processor timeout must be over 0 and at most "
                    + MAX_PROCESSOR_TIMEOUT.toMinutes() + " minutes (Firehose's limit for a Lambda invocation): "
                    + processorTimeout);
        }
    }
}
