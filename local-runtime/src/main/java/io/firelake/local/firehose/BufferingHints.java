package io.firelake.local.firehose;

import java.time.Duration;

/**
 * A buffering hint: a buffer is handed on once it holds this many bytes or is this old, whichever comes first.
 * Firehose has two, one before the Lambda processor ({@code BufferSizeInMBs}, {@code BufferIntervalInSeconds}) and one
 * before S3 ({@code BufferingHints}).
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/buffering.html">Firehose buffering hints</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html">Firehose data transformation</a>
 */
public record BufferingHints(long bytes, Duration interval) {

    /** Firehose's default processor buffer size hint, 1 MB (0.2 to 3 MB; data-transformation page). */
    public static final long DEFAULT_PROCESSOR_BYTES = 1024 * 1024;
    /** Firehose's default processor buffer interval hint, 60 s (60 to 900 s). */
    public static final Duration DEFAULT_PROCESSOR_INTERVAL = Duration.ofSeconds(60);
    /** Firehose's S3 buffering hints with dynamic partitioning: at least 64 MB, 300 s by default (buffering page). */
    public static final long DEFAULT_S3_BYTES = 64L * 1024 * 1024;
    public static final Duration DEFAULT_S3_INTERVAL = Duration.ofSeconds(300);
    public static final BufferingHints DEFAULT_PROCESSOR =
            new BufferingHints(DEFAULT_PROCESSOR_BYTES, DEFAULT_PROCESSOR_INTERVAL);
    public static final BufferingHints DEFAULT_S3 = new BufferingHints(DEFAULT_S3_BYTES, DEFAULT_S3_INTERVAL);
}
