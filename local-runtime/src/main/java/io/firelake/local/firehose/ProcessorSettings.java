package io.firelake.local.firehose;

import java.time.Duration;
import java.util.Objects;

/**
 * How a delivery stream invokes its Lambda processor: which function, the buffer it fills before an invocation, the
 * retries of a failed one, how many run at a time, and the payload and time limits each runs within
 * ({@link ProcessorLimits}).
 *
 * @param functionName          the processor's Lambda function name (its ARN goes into error documents)
 * @param buffer                processor buffering hints ({@code BufferSizeInMBs}, {@code BufferIntervalInSeconds})
 * @param retries               retries of a failed invocation ({@code NumberOfRetries})
 * @param retryBackoff          wait before retry n of an invocation is n times this
 * @param concurrentInvocations invocations at a time; 1 runs each on the delivery thread
 * @param maxRequestBytes       largest invocation request (a batch is invoked before it would grow past this)
 * @param maxResponseBytes      largest invocation response; a larger one fails the invocation
 * @param timeout               the function's timeout: an invocation still running then has failed
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html">Firehose data transformation</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation-failure-handling.html">failure handling</a>
 */
public record ProcessorSettings(String functionName, BufferingHints buffer, int retries, Duration retryBackoff,
                                int concurrentInvocations, int maxRequestBytes, int maxResponseBytes,
                                Duration timeout) {

    /** Firehose's default for retries of a failed invocation (failure handling page). */
    public static final int DEFAULT_RETRIES = 3;
    /** Firehose's back-off between retries is not documented: 200 ms times the attempt keeps local retries short. */
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(200);
    /** Firehose scales its invocations itself; locally one at a time unless the runtime asks for more. */
    public static final int DEFAULT_CONCURRENT_INVOCATIONS = 1;
    public static final String DEFAULT_FUNCTION_NAME = "firelake-firehose-transform";

    public ProcessorSettings {
        Objects.requireNonNull(buffer, "buffer");
        if (retries < 0) {
            throw new IllegalArgumentException("processor retries must be >= 0");
        }
        ProcessorLimits.checkTimeout(timeout);
    }
}
