package io.firelake.local.runtime;

import io.firelake.producer.model.ProducerRecord;
import io.firelake.producer.send.DeliveryListener;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The demo's producer, paced to the local Firehose's read position: before handing on a record it waits while more than
 * {@code maxLag} of the records it handed on are unread. On a small machine the producer otherwise takes the cores and
 * the Firehose reads most of the stream after it (issue 19: the Firehose reading while the producer writes, lag under
 * 100,000 records). Records the producer gave up on (told through {@link #failed}) never reach the stream and do not
 * count as unread. When the read position stands still for {@link #STALL}, pacing stops: a stopped Firehose must not
 * stop the producer.
 */
public final class ReadPacedSource implements Iterator<ProducerRecord>, DeliveryListener {

    /** The demo's bound, under the 100,000 with room for a GetRecords answer of aggregates per shard. */
    public static final long DEMO_MAX_LAG = 60_000;
    static final Duration STALL = Duration.ofSeconds(10);
    /** The read position is read every this many records: cheap, and the bound overshoots by at most this. */
    static final int CHECK_EVERY = 500;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Iterator<ProducerRecord> source;
    private final LongSupplier readPosition;
    private final long maxLag;
    private final long stallNanos;
    private final AtomicLong failed = new AtomicLong();
    private long handed;
    private long waitedNanos;
    private boolean unpaced;

    public ReadPacedSource(Iterator<ProducerRecord> source, LongSupplier readPosition, long maxLag, Duration stall) {
        if (maxLag < CHECK_EVERY) {
            throw new IllegalArgumentException("maxLag must be at least " + CHECK_EVERY + ", was " + maxLag);
        }
        this.source = source;
        this.readPosition = readPosition;
        this.maxLag = maxLag;
        this.stallNanos = stall.toNanos();
    }

    public static ReadPacedSource demo(Iterator<ProducerRecord> source, LongSupplier readPosition) {
        return new ReadPacedSource(source, readPosition, DEMO_MAX_LAG, STALL);
    }

    @Override
    public boolean hasNext() {
        return source.hasNext();
    }

    @Override
    public ProducerRecord next() {
        if (handed % CHECK_EVERY == 0 && !unpaced) {
            awaitReader();
        }
        ProducerRecord next = source.next();
        handed++;
        return next;
    }

    private void awaitReader() {
        long read = readPosition.getAsLong();
        if (unread(read) <= maxLag - CHECK_EVERY) {
            return;
        }
        long began = System.nanoTime();
        long moved = began;
        while (unread(read) > maxLag - CHECK_EVERY) {
            try {
                TimeUnit.NANOSECONDS.sleep(POLL_NANOS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = readPosition.getAsLong();
            if (now != read) {
                read = now;
                moved = System.nanoTime();
            } else if (System.nanoTime() - moved > stallNanos) {
                unpaced = true;
                break;
            }
        }
        waitedNanos += System.nanoTime() - began;
    }

    private long unread(long read) {
        return handed - failed.get() - read;
    }

    @Override
    public void delivered(ProducerRecord record, Delivery delivery) {
    }

    @Override
    public void failed(ProducerRecord record, String errorCode, String errorMessage, int attempts) {
        failed.incrementAndGet();
    }

    /** Time the producer waited for the reader. */
    public Duration waited() {
        return Duration.ofNanos(waitedNanos);
    }

    /** Whether pacing stopped because the read position stood still for {@link #STALL}. */
    public boolean stalled() {
        return unpaced;
    }

    public String describe() {
        return String.format(java.util.Locale.ROOT, "the producer waited %.1f s for the local Firehose to read "
                        + "(at most %,d records unread%s)", waitedNanos / 1e9, maxLag,
                unpaced ? "; pacing stopped: the Firehose stopped reading for " + STALL.toSeconds() + " s" : "");
    }
}
