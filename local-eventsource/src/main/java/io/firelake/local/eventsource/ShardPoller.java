package io.firelake.local.eventsource;

import io.firelake.aws.kinesis.ShardRead;
import io.firelake.aws.kinesis.ShardReader;
import io.firelake.aws.kinesis.StartingPosition;
import io.firelake.aws.retry.Sleeper;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Polls one shard and invokes the function with its batches, one invocation at a time (parallelization factor 1), so
 * the shard's order holds. Reading is aws-base's {@link ShardReader} (iterator renewal, backoff on throttling); this
 * class adds what Lambda's event source mapping decides on top: when a batch is ready (batch size, batching window),
 * which window it belongs to and when a window is over, and which records are too old to invoke. Invocations and their
 * retries are the {@link BatchInvoker}'s. Runs on its own thread; see {@link KinesisEventSourceMapping} for the
 * semantics.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html">Using Lambda with Kinesis</a>
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html">GetRecords</a>
 */
final class ShardPoller implements Runnable {

    /** After an unexpected failure (Kinesis unreachable, a checkpoint file that cannot be written) the shard waits. */
    static final Duration RESTART_PAUSE = Duration.ofSeconds(1);

    private final ShardContext shard;
    private final KinesisClient kinesis;
    private final EventSourceMappingConfig config;
    private final Clock clock;
    private final ShardBuffer buffer = new ShardBuffer();
    private final ShardProgress progress;
    private final BatchInvoker invoker;
    final ShardCounters counters = new ShardCounters();
    private volatile boolean running = true;

    private ShardReader reader;
    private long lastFetchStartedAt = Long.MIN_VALUE;
    private boolean caughtUp;
    private long nextPollAt;
    private volatile boolean idle;

    ShardPoller(ShardContext shard, KinesisClient kinesis, CheckpointStore checkpoints) {
        this.shard = shard;
        this.kinesis = kinesis;
        this.config = shard.config();
        this.clock = shard.clock();
        this.progress = new ShardProgress(shard.shardId(), checkpoints);
        this.invoker = new BatchInvoker(shard, buffer, progress, counters);
    }

    void stop() {
        running = false;
    }

    String checkpoint() {
        return progress.checkpoint();
    }

    /** Caught up with the shard, nothing buffered, no window open: everything read so far is processed. */
    boolean idle() {
        return idle;
    }

    @Override
    public void run() {
        while (running) {
            try {
                if (reader == null) {
                    reader = new ShardReader(kinesis, config.streamName(), shard.shardId(), startingPosition(),
                            ShardReader.Settings.DEFAULTS);
                }
                long now = clock.millis();
                if (!reader.closed() && buffer.size() < ShardReader.GET_RECORDS_LIMIT && now >= nextPollAt) {
                    fetch(now);
                }
                boolean progressed = invoker.due(now) && step(clock.millis());
                idle = buffer.isEmpty() && progress.window() == null && (caughtUp || reader.closed());
                if (reader.closed() && buffer.isEmpty() && progress.window() == null) {
                    shard.log("closed and fully processed");
                    return;
                }
                if (!progressed) {
                    sleepUntil(Math.min(nextPollAt, Math.max(invoker.notBeforeMillis(), now + 20)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return; // close() interrupted a call
                }
                // a missing stream, a checkpoint file that cannot be written...: the shard waits and tries again, as
                // Lambda's poller does, rather than dying silently.
                shard.log(e + "; retrying in " + RESTART_PAUSE.toSeconds() + " s");
                try {
                    Sleeper.THREAD.sleep(RESTART_PAUSE);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** After the checkpoint, else the mapping's starting position. */
    private StartingPosition startingPosition() {
        if (progress.checkpoint() != null) {
            return StartingPosition.after(progress.checkpoint());
        }
        return config.startingPosition() == EventSourceMappingConfig.StartingPosition.LATEST
                ? StartingPosition.latest() : StartingPosition.trimHorizon();
    }

    private void fetch(long now) {
        ShardRead read = reader.read(ShardReader.GET_RECORDS_LIMIT);
        if (read.failure() != null) {
            shard.log("GetRecords failed, backing off: " + read.failure().getMessage());
        }
        if (!read.called()) {
            nextPollAt = now + config.pollInterval().toMillis();
            return;
        }
        lastFetchStartedAt = now;
        buffer.add(read.records(), clock.millis());
        caughtUp = read.caughtUp();
        nextPollAt = caughtUp ? now + config.pollInterval().toMillis() : now;
    }

    /** Does at most one invocation; false when there was nothing to do yet. */
    private boolean step(long now) {
        if (discardExpired(now)) {
            return true;
        }
        if (!config.windowed()) {
            List<ShardBuffer.Buffered> batch = buffer.nextBatch(
                    invoker.retries().nextBatchSize(config.batchSize()), Long.MAX_VALUE, EventSourceMappingConfig.MAX_PAYLOAD_BYTES);
            if (batch.isEmpty() || !ready(batch, buffer.size(), now)) {
                return false;
            }
            invoker.invoke(batch);
            return true;
        }
        TumblingWindow window = progress.window();
        if (window == null) {
            if (buffer.isEmpty()) {
                return false;
            }
            window = TumblingWindow.containing(buffer.first().arrivalMillis(), config.tumblingWindow().toMillis());
            progress.window(window);
        }
        List<ShardBuffer.Buffered> batch = buffer.nextBatch(invoker.retries().nextBatchSize(config.batchSize()),
                window.endMillis(), EventSourceMappingConfig.MAX_PAYLOAD_BYTES);
        boolean windowOver = windowOverInStream(window, now);
        if (!batch.isEmpty()) {
            if (!ready(batch, buffer.countArrivedBefore(window.endMillis()), now) && !windowOver) {
                return false;
            }
            invoker.invoke(batch);
            return true;
        }
        if (windowOver) {
            invoker.invokeFinal(false);
            return true;
        }
        return false;
    }

    /** MaximumRecordAgeInSeconds: records older than that leave for the on-failure destination without an invocation. */
    private boolean discardExpired(long now) {
        if (config.maximumRecordAge() == null || buffer.isEmpty()) {
            return false;
        }
        List<ShardBuffer.Buffered> expired = buffer.arrivedBefore(now - config.maximumRecordAge().toMillis());
        if (expired.isEmpty()) {
            return false;
        }
        invoker.discard(expired, "RecordAgeExceeded", "older than MaximumRecordAgeInSeconds ("
                + config.maximumRecordAge().toSeconds() + " s)");
        return true;
    }

    /** Every record of the window has been read: a later record is buffered, or a read after the window's end caught up. */
    private boolean windowOverInStream(TumblingWindow window, long now) {
        if (buffer.anyArrivedFrom(window.endMillis())) {
            return true;
        }
        boolean readAfterEnd = lastFetchStartedAt >= window.endMillis() && caughtUp;
        return now >= window.endMillis() && (readAfterEnd || reader.closed());
    }

    /**
     * A batch goes out when it is full (or cannot grow: {@code available} records of its window are buffered and it
     * holds fewer), when its first record waited the batching window, when it is a retry, or when the shard ended.
     */
    private boolean ready(List<ShardBuffer.Buffered> batch, int available, long now) {
        if (invoker.retries().pending()) {
            return true;
        }
        boolean full = batch.size() >= config.batchSize() || batch.size() < available;
        boolean waitedEnough = now - batch.get(0).fetchedAtMillis() >= config.maximumBatchingWindow().toMillis();
        return full || waitedEnough || reader.closed();
    }

    private void sleepUntil(long wakeAt) throws InterruptedException {
        long millis = wakeAt - clock.millis();
        if (millis > 0) {
            Thread.sleep(Math.min(millis, 250));
        }
    }
}
