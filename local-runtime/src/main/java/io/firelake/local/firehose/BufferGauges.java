package io.firelake.local.firehose;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * What a running delivery stream's buffers hold and what it last wrote, for the local console: the delivery thread
 * publishes an immutable view after each round while someone looks (the first look sees the buffers as of the round
 * before it started looking), any thread reads it. Firehose itself shows none of this; the console
 * shows it so that a person can watch the buffering hints at work
 * (<a href="https://docs.aws.amazon.com/firehose/latest/dev/buffering.html">buffering hints</a>).
 */
public final class BufferGauges {

    /** Flushes kept for the console's list. */
    static final int RECENT_FLUSHES = 50;

    /** One buffer being filled: {@code kind} is processor, lake or error; {@code name} its partition or output type. */
    public record Fill(String kind, String name, long records, long bytes, Instant opened) {
    }

    /** One object written: {@code kind} lake or error. */
    public record Flush(Instant at, String kind, String key, long records, long bytes) {
    }

    /** How long after the last look the delivery thread keeps publishing: nobody watching costs nothing. */
    static final long WATCHED_NANOS = 10_000_000_000L;

    private volatile Fill processor;
    private volatile long lookedAtNanos = System.nanoTime() - 2 * WATCHED_NANOS;
    private volatile List<Fill> objects = List.of();
    private final Deque<Flush> recent = new ArrayDeque<>();
    private long flushes;

    /** Whether someone looked at the buffers lately, so that the delivery thread should publish them. */
    boolean watched() {
        return System.nanoTime() - lookedAtNanos < WATCHED_NANOS;
    }

    void publish(Fill processorBuffer, List<Fill> objectBuffers) {
        processor = processorBuffer;
        objects = List.copyOf(objectBuffers);
    }

    synchronized void flushed(Flush flush) {
        flushes++;
        recent.addFirst(flush);
        if (recent.size() > RECENT_FLUSHES) {
            recent.removeLast();
        }
    }

    /** The processor's buffer, while it holds records. */
    public Optional<Fill> processor() {
        lookedAtNanos = System.nanoTime();
        return Optional.ofNullable(processor);
    }

    /** The S3 buffers being filled: a lake partition's Parquet object or an error output type's JSON. */
    public List<Fill> objects() {
        lookedAtNanos = System.nanoTime();
        return objects;
    }

    /** The newest objects written, newest first. */
    public synchronized List<Flush> recentFlushes() {
        return new ArrayList<>(recent);
    }

    /** Objects written since the delivery stream started. */
    public synchronized long flushes() {
        return flushes;
    }
}
