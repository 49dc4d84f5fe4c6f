package io.firelake.local.eventsource;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The settings of a Kinesis event source mapping, with Lambda's names, defaults and limits.
 *
 * @param streamName              the stream to read
 * @param functionName            the function's name (for ARNs and logs)
 * @param batchSize               BatchSize: records per invocation, 1-10,000 (default 100)
 * @param maximumBatchingWindow   MaximumBatchingWindowInSeconds: how long to gather records before invoking, 0-300 s
 * @param tumblingWindow          TumblingWindowInSeconds: 0 (none) to 900 s; with a window the event carries
 *                                window, state and isFinalInvokeForWindow
 * @param bisectBatchOnFunctionError BisectBatchOnFunctionError: split a failing batch in two before retrying
 * @param maximumRetryAttempts    MaximumRetryAttempts: -1 (retry until it succeeds) to 10,000; a batch that still
 *                                fails goes to the on-failure destination and the shard moves on
 * @param maximumRecordAge        MaximumRecordAgeInSeconds: older records go to the on-failure destination unread by
 *                                the function (RecordAgeExceeded); null means no limit (Lambda's -1)
 * @param startingPosition        where a shard without checkpoint starts: TRIM_HORIZON or LATEST
 * @param pollInterval            how often an idle shard is polled (a local choice; Lambda polls about once a second)
 * @param checkpointFile          where checkpoints and window state are persisted, or null for memory only
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html">Using Lambda with Kinesis</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html">CreateEventSourceMapping</a>
 */
public record EventSourceMappingConfig(String streamName, String functionName, int batchSize,
                                       Duration maximumBatchingWindow, Duration tumblingWindow,
                                       boolean bisectBatchOnFunctionError, int maximumRetryAttempts,
                                       Duration maximumRecordAge, StartingPosition startingPosition, Duration pollInterval, Path checkpointFile) {

    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final int MAX_BATCH_SIZE = 10_000;
    public static final Duration MAX_BATCHING_WINDOW = Duration.ofSeconds(300);
    public static final Duration MAX_TUMBLING_WINDOW = Duration.ofSeconds(900);
    public static final int DEFAULT_MAXIMUM_RETRY_ATTEMPTS = -1;
    public static final int MAX_RETRY_ATTEMPTS = 10_000;
    public static final Duration MIN_RECORD_AGE = Duration.ofSeconds(60);
    public static final Duration MAX_RECORD_AGE = Duration.ofSeconds(604_800);
    /** A synchronous invocation's request payload limit. */
    public static final long MAX_PAYLOAD_BYTES = 6L * 1024 * 1024;
    /** A tumbling window's state limit per shard; past it Lambda ends the window early. */
    public static final int MAX_STATE_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);

    public enum StartingPosition { TRIM_HORIZON, LATEST }

    public EventSourceMappingConfig {
        require(streamName != null && !streamName.isBlank(), "a stream name is required");
        require(functionName != null && !functionName.isBlank(), "a function name is required");
        require(batchSize >= 1 && batchSize <= MAX_BATCH_SIZE, "BatchSize must be 1-10000, not " + batchSize);
        require(!maximumBatchingWindow.isNegative() && maximumBatchingWindow.compareTo(MAX_BATCHING_WINDOW) <= 0,
                "MaximumBatchingWindowInSeconds must be 0-300, not " + maximumBatchingWindow.toSeconds());
        require(!tumblingWindow.isNegative() && tumblingWindow.compareTo(MAX_TUMBLING_WINDOW) <= 0,
                "TumblingWindowInSeconds must be 0-900, not " + tumblingWindow.toSeconds());
        require(maximumRetryAttempts >= -1 && maximumRetryAttempts <= MAX_RETRY_ATTEMPTS,
                "MaximumRetryAttempts must be -1-10000, not " + maximumRetryAttempts);
        require(maximumRecordAge == null || (maximumRecordAge.compareTo(MIN_RECORD_AGE) >= 0
                        && maximumRecordAge.compareTo(MAX_RECORD_AGE) <= 0),
                "MaximumRecordAgeInSeconds must be -1 or 60-604800, not " + maximumRecordAge);
        require(pollInterval.toMillis() > 0, "the poll interval must be positive");
        require(startingPosition != null, "a starting position is required");
    }

    /** Lambda's defaults for a stream and function: batch 100, no batching window, no tumbling window, no bisect. */
    public static EventSourceMappingConfig defaults(String streamName, String functionName) {
        return new EventSourceMappingConfig(streamName, functionName, DEFAULT_BATCH_SIZE, Duration.ZERO, Duration.ZERO,
                false, DEFAULT_MAXIMUM_RETRY_ATTEMPTS, null, StartingPosition.TRIM_HORIZON, DEFAULT_POLL_INTERVAL, null);
    }

    public EventSourceMappingConfig withBatchSize(int value) {
        return new EventSourceMappingConfig(streamName, functionName, value, maximumBatchingWindow, tumblingWindow,
                bisectBatchOnFunctionError, maximumRetryAttempts, maximumRecordAge, startingPosition, pollInterval, checkpointFile);
    }

    public EventSourceMappingConfig withMaximumBatchingWindow(Duration value) {
        return new EventSourceMappingConfig(streamName, functionName, batchSize, value, tumblingWindow,
                bisectBatchOnFunctionError, maximumRetryAttempts, maximumRecordAge, startingPosition, pollInterval, checkpointFile);
    }

    public EventSourceMappingConfig withTumblingWindow(Duration value) {
        return new EventSourceMappingConfig(streamName, functionName, batchSize, maximumBatchingWindow, value,
                bisectBatchOnFunctionError, maximumRetryAttempts, maximumRecordAge, startingPosition, pollInterval, checkpointFile);
    }

    public EventSourceMappingConfig withBisectBatchOnFunctionError(boolean value) {
        return new EventSourceMappingConfig(streamName, functionName, batchSize, maximumBatchingWindow, tumblingWindow,
                value, maximumRetryAttempts, maximumRecordAge, startingPosition, pollInterval, checkpointFile);
    }

    public EventSourceMappingConfig withMaximumRetryAttempts(int value) {
        return new EventSourceMappingConfig(streamName, functionName, batchSize, maximumBatchingWindow, tumblingWindow,
                bisectBatchOnFunctionError, value, maximumRecordAge, startingPosition, pollInterval, checkpointFile);
    }

    /** Null for no limit (Lambda's -1). */
    public EventSourceMappingConfig withMaximumRecordAge(Duration value) {
        return new EventSourceMappingConfig(streamName, functionName, batchSize, maximumBatchingWindow, tumblingWindow,
                bisectBatchOnFunctionError, maximumRetryAttempts, value, startingPosition, pollInterval, checkpointFile);
    }

    public EventSourceMappingConfig withStartingPosition(StartingPosition value) {
        return new EventSourceMappingConfig(streamName, functionName, batchSize, maximumBatchingWindow, tumblingWindow,
                bisectBatchOnFunctionError, maximumRetryAttempts, maximumRecordAge, value, pollInterval, checkpointFile);
    }

    public EventSourceMappingConfig withPollInterval(Duration value) {
        return new EventSourceMappingConfig(streamName, functionName, batchSize, maximumBatchingWindow, tumblingWindow,
                bisectBatchOnFunctionError, maximumRetryAttempts, maximumRecordAge, startingPosition, value, checkpointFile);
    }

    public EventSourceMappingConfig withCheckpointFile(Path value) {
        return new EventSourceMappingConfig(streamName, functionName, batchSize, maximumBatchingWindow, tumblingWindow,
                bisectBatchOnFunctionError, maximumRetryAttempts, maximumRecordAge, startingPosition, pollInterval, value);
    }

    boolean windowed() {
        return !tumblingWindow.isZero();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
