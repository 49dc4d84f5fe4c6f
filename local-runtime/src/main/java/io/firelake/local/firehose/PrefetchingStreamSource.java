package io.firelake.local.firehose;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads each shard ahead on its own thread, a few batches deep, so that GetRecords round trips overlap with
 * processing (Firehose reads shards in parallel with its processing too). Batches are handed over in order, one
 * reader per shard, so checkpoints are unaffected: a record is only tracked once the delivery thread takes it.
 */
public final class PrefetchingStreamSource implements StreamSource {

    private final StreamSource source;
    private final int depth;
    private final Duration idleWait;

    public PrefetchingStreamSource(StreamSource source, int depth, Duration idleWait) {
        this.source = source;
        this.depth = depth;
        this.idleWait = idleWait;
    }

    @Override
    public String streamArn() {
        return source.streamArn();
    }

    @Override
    public List<String> shardIds() {
        return source.shardIds();
    }

    @Override
    public ShardReader open(String shardId, String afterSequenceNumber) {
        return new Prefetcher(shardId, source.open(shardId, afterSequenceNumber));
    }

    private final class Prefetcher implements ShardReader {
        private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(depth);
        private final Thread thread;
        private volatile int limit = LocalFirehose.DEFAULT_GET_RECORDS_LIMIT;
        private volatile long emptyReadStartedNanos = Long.MIN_VALUE;

        Prefetcher(String shardId, ShardReader reader) {
            thread = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Batch batch;
                        long started = System.nanoTime();
                        try {
                            batch = reader.next(limit);
                        } catch (RuntimeException e) {
                            ready.put(e);
                            return;
                        }
                        if (!batch.records().isEmpty() || batch.shardClosed()) {
                            emptyReadStartedNanos = Long.MIN_VALUE;
                            ready.put(batch);
                            if (batch.shardClosed()) {
                                return;
                            }
                        } else {
                            if (batch.millisBehindLatest() >= 0) {
                                emptyReadStartedNanos = started;
                            }
                            Thread.sleep(idleWait.toMillis());
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "prefetch-" + shardId);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public Batch next(int limit) {
            this.limit = limit;
            Object next;
            try {
                next = ready.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Batch(List.of(), 0, false);
            }
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return next == null ? new Batch(List.of(), 0, false) : (Batch) next;
        }

        @Override
        public boolean caughtUpSince(long nanoTime) {
            return ready.isEmpty() && emptyReadStartedNanos != Long.MIN_VALUE && emptyReadStartedNanos - nanoTime >= 0;
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }
}
