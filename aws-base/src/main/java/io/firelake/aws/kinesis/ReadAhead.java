package io.firelake.aws.kinesis;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Reads a shard ahead on its own thread, a few reads deep, so that GetRecords round trips overlap with the consumer's
 * processing (Firehose reads shards in parallel with its processing too). Reads are handed over in order, so
 * checkpoints are unaffected: a record counts as taken only once the consumer polls it. Empty reads are not handed
 * over; the thread waits {@code idleWait} after one. A failure the reader throws is handed over in turn, and ends the
 * read-ahead.
 *
 * @param <T> what the consumer gets: each read is converted on the read-ahead thread
 */
public final class ReadAhead<T> implements AutoCloseable {

    private final ShardReader reader;
    private final Function<ShardRead, T> convert;
    private final Duration idleWait;
    private final BlockingQueue<Object> ready;
    private final Thread thread;
    private volatile int limit = ShardReader.GET_RECORDS_LIMIT;
    private volatile boolean running = true;

    /**
     * @param depth    how many reads may wait for the consumer
     * @param idleWait the pause after an empty read
     */
    public ReadAhead(ShardReader reader, Function<ShardRead, T> convert, int depth, Duration idleWait) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.convert = Objects.requireNonNull(convert, "convert");
        this.idleWait = idleWait;
        this.ready = new ArrayBlockingQueue<>(depth);
        this.thread = new Thread(this::readAhead, "read-ahead-" + reader.shardId());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The next read with records (or the one that found the shard closed), waiting at most {@code timeout}; null when
     * none is ready. The consumer's {@code limit} applies to the reads made from now on.
     */
    @SuppressWarnings("unchecked")
    public T poll(int limit, Duration timeout) {
        this.limit = limit;
        Object next;
        try {
            next = ready.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (next instanceof RuntimeException e) {
            throw e;
        }
        return (T) next;
    }

    /** Nothing is waiting, and the reader's latest read, started at or after {@code nanoTime}, found nothing more. */
    public boolean caughtUpSince(long nanoTime) {
        return ready.isEmpty() && reader.caughtUpSince(nanoTime);
    }

    private void readAhead() {
        try {
            while (running) {
                ShardRead read;
                try {
                    read = reader.read(limit);
                } catch (RuntimeException e) {
                    if (running) {
                        ready.put(e);
                    }
                    return;
                }
                if (!read.records().isEmpty() || read.shardClosed()) {
                    ready.put(convert.apply(read));
                    if (read.shardClosed()) {
                        return;
                    }
                } else {
                    Thread.sleep(idleWait.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
