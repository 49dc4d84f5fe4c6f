package io.firelake.local.firehose;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One S3 object being filled: a lake partition's Parquet object ({@link LakeBuffer}) or the JSON error documents of
 * one error output type ({@link ErrorBuffer}). It is written when it reaches the S3 buffering hints' size or
 * interval, whichever comes first
 * (<a href="https://docs.aws.amazon.com/firehose/latest/dev/buffering.html">buffering hints</a>).
 */
sealed interface ObjectBuffer permits LakeBuffer, ErrorBuffer {

    /** When the buffer was opened: the interval hint counts from here. */
    Instant created();

    /** The approximate arrival time of the oldest record in it: the prefix's timestamps and the object name use it. */
    Instant oldestArrival();

    /** Bytes buffered: the size hint counts these. */
    long bytes();

    /** The records in it, as coordinates: they are complete once the object is written. */
    List<SourceRecord> records();

    String contentType();

    /** Its S3 key, rendered by the router. */
    String objectKey(Router router);

    /** Whether the buffering hints say it is to be written now. */
    default boolean due(Instant now, long sizeHint, Duration intervalHint) {
        return bytes() >= sizeHint || !now.isBefore(created().plus(intervalHint));
    }

    /** Completes the staged file and returns it, to be written; nothing may be added afterwards. */
    Path finish();

    /** Gives up the staged file without writing it (the delivery stream is closing). */
    void discard();
}
