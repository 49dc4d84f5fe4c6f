package io.firelake.local.firehose;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One S3 object being filled: a lake partition's Parquet object ({@link LakeBuffer}) or the JSON error documents of
 * one error output type ({@link ErrorBuffer}). It is written when it reaches the S3 buffering hints' size or
 * interval, whichever comes first
 * (<a href="https://docs.aws.amazon.com/firehose/latest/dev/buffering.html">buffering hints</a>).
 */
abstract sealed class ObjectBuffer permits LakeBuffer, ErrorBuffer {

    private final Instant created;
    private final String contentType;
    private final List<SourceRecord> records = new ArrayList<>();
    private Instant oldestArrival;

    ObjectBuffer(Instant created, String contentType) {
        this.created = created;
        this.contentType = contentType;
    }

    /** Bytes buffered: the size hint counts these. */
    abstract long bytes();

    /** Its S3 key, rendered by the router. */
    abstract String objectKey(Router router);

    /** Completes the staged file and returns it, to be written; nothing may be added afterwards. */
    abstract Path finish();

    /** Gives up the staged file without writing it (the delivery stream is closing). */
    abstract void discard();

    final String contentType() {
        return contentType;
    }

    /** When the buffer was opened: the interval hint counts from here. */
    final Instant created() {
        return created;
    }

    /** The approximate arrival time of the oldest record in it: the prefix's timestamps and the object name use it. */
    final Instant oldestArrival() {
        return oldestArrival;
    }

    /** The records in it, as coordinates: they are complete once the object is written. */
    final List<SourceRecord> records() {
        return records;
    }

    /** Whether the buffering hints say it is to be written now. */
    final boolean due(Instant now, long sizeHint, Duration intervalHint) {
        return bytes() >= sizeHint || !now.isBefore(created.plus(intervalHint));
    }

    /** Keeps the record's coordinates (its payload lives in the staged object) and its arrival time. */
    final void track(SourceRecord record) {
        records.add(record.withoutPayload());
        if (oldestArrival == null || record.arrival().isBefore(oldestArrival)) {
            oldestArrival = record.arrival();
        }
    }
}
