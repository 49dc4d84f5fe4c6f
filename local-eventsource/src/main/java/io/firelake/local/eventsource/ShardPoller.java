package io.firelake.local.eventsource;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Reads one shard and invokes the function with its batches, one invocation at a time (parallelization factor 1),
 * so the shard's order holds. Runs on its own thread; see {@link KinesisEventSourceMapping} for the semantics.
 */
final class ShardPoller implements Runnable {

    /** GetRecords' own maximum. */
    static final int GET_RECORDS_LIMIT = 10_000;
    private static final long MAX_BACKOFF_MILLIS = 2_000;

    private record Buffered(Record record, long fetchedAtMillis) {
        long arrivalMillis() {
            return record.approximateArrivalTimestamp().toEpochMilli();
        }
    }

    private final String shardId;
    private final KinesisClient kinesis;
    private final EventSourceMappingConfig config;
    private final LambdaFunction function;
    private final KinesisEventJson events;
    private final CheckpointStore checkpoints;
    private final OnFailureDestination onFailure;
    private final Clock clock;
    private final Consumer<String> log;
    private volatile boolean running = true;

    private String iterator;
    private String lastFetchedSequence;
    private long lastFetchStartedAt = Long.MIN_VALUE;
    private volatile boolean caughtUp;
    private long nextPollAt;
    private final ArrayDeque<Buffered> buffer = new ArrayDeque<>();
    /** Batch sizes forced by bisection: the head is the next batch's size. */
    private final Deque<Integer> bisected = new ArrayDeque<>();
    private int attempts;
    private long retryNotBefore;
    private String lastError;

    private volatile TumblingWindow window;
    private Map<String, String> state = new HashMap<>();
    private volatile String checkpoint;
    private volatile boolean idle;

    final AtomicLong invocations = new AtomicLong();
    final AtomicLong functionErrors = new AtomicLong();
    final AtomicLong recordsDelivered = new AtomicLong();
    final AtomicLong recordsDiscarded = new AtomicLong();
    final AtomicLong windowsClosed = new AtomicLong();

    ShardPoller(String shardId, KinesisClient kinesis, EventSourceMappingConfig config, LambdaFunction function,
                KinesisEventJson events, CheckpointStore checkpoints, OnFailureDestination onFailure, Clock clock,
                Consumer<String> log) {
        this.shardId = shardId;
        this.kinesis = kinesis;
        this.config = config;
        this.function = function;
        this.events = events;
        this.checkpoints = checkpoints;
        this.onFailure = onFailure;
        this.clock = clock;
        this.log = log;
    }

    void stop() {
        running = false;
    }

    String checkpoint() {
        return checkpoint;
    }

    /** Caught up with the shard, nothing buffered, no window open: everything read so far is processed. */
    boolean idle() {
        return idle;
    }

    @Override
    public void run() {
        boolean started = false;
        while (running) {
            try {
                if (!started) {
                    start();
                    started = true;
                }
                long now = clock.millis();
                if (iterator != null && buffer.size() < GET_RECORDS_LIMIT && now >= nextPollAt) {
                    fetch(now);
                }
                boolean progressed = now >= retryNotBefore && step(clock.millis());
                idle = buffer.isEmpty() && window == null && (caughtUp || iterator == null);
                if (iterator == null && buffer.isEmpty() && window == null) {
                    log.accept("shard " + shardId + " is closed and fully processed");
                    return;
                }
                if (!progressed) {
                    sleepUntil(Math.min(nextPollAt, Math.max(retryNotBefore, now + 20)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return; // close() interrupted a call
                }
                // Kinesis unreachable, a checkpoint file that cannot be written...: the shard waits and tries again,
                // as Lambda's poller does, rather than dying silently.
                log.accept("shard " + shardId + ": " + e + "; retrying in 1 s");
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void start() {
        CheckpointStore.ShardCheckpoint saved = checkpoints.get(shardId);
        if (saved != null && saved.sequenceNumber() != null) {
            checkpoint = saved.sequenceNumber();
            iterator = iterator(ShardIteratorType.AFTER_SEQUENCE_NUMBER, checkpoint);
        } else {
            iterator = iterator(config.startingPosition() == EventSourceMappingConfig.StartingPosition.LATEST
                    ? ShardIteratorType.LATEST : ShardIteratorType.TRIM_HORIZON, null);
        }
        if (saved != null && saved.window() != null) {
            window = saved.window();
            state = new HashMap<>(saved.state());
        }
    }

    private String iterator(ShardIteratorType type, String sequenceNumber) {
        return kinesis.getShardIterator(b -> b.streamName(config.streamName()).shardId(shardId)
                .shardIteratorType(type).startingSequenceNumber(sequenceNumber)).shardIterator();
    }

    private void fetch(long now) {
        lastFetchStartedAt = now;
        GetRecordsResponse response;
        try {
            response = kinesis.getRecords(b -> b.shardIterator(iterator).limit(GET_RECORDS_LIMIT));
        } catch (ExpiredIteratorException e) {
            iterator = lastFetchedSequence != null
                    ? iterator(ShardIteratorType.AFTER_SEQUENCE_NUMBER, lastFetchedSequence)
                    : checkpoint != null ? iterator(ShardIteratorType.AFTER_SEQUENCE_NUMBER, checkpoint)
                    : iterator(ShardIteratorType.TRIM_HORIZON, null);
            return;
        } catch (SdkException e) {
            if (!running) {
                return; // interrupted by close()
            }
            log.accept("shard " + shardId + ": GetRecords failed, polling again: " + e.getMessage());
            nextPollAt = now + config.pollInterval().toMillis();
            return;
        }
        long fetchedAt = clock.millis();
        for (Record record : response.records()) {
            buffer.add(new Buffered(record, fetchedAt));
            lastFetchedSequence = record.sequenceNumber();
        }
        iterator = response.nextShardIterator();
        Long behind = response.millisBehindLatest();
        caughtUp = response.records().size() < GET_RECORDS_LIMIT && (behind == null || behind == 0);
        nextPollAt = caughtUp ? now + config.pollInterval().toMillis() : now;
    }

    /** Does at most one invocation; false when there was nothing to do yet. */
    private boolean step(long now) {
        if (discardExpired(now)) {
            return true;
        }
        if (config.windowed()) {
            if (window == null) {
                if (buffer.isEmpty()) {
                    return false;
                }
                window = TumblingWindow.containing(buffer.peekFirst().arrivalMillis(),
                        config.tumblingWindow().toMillis());
                state = new HashMap<>();
            }
            List<Buffered> batch = nextBatch(window);
            boolean windowOver = windowOverInStream(now);
            if (!batch.isEmpty()) {
                if (!ready(batch, now) && !windowOver) {
                    return false;
                }
                invoke(batch);
                return true;
            }
            if (windowOver) {
                invokeFinal(false);
                return true;
            }
            return false;
        }
        List<Buffered> batch = nextBatch(null);
        if (batch.isEmpty() || !ready(batch, now)) {
            return false;
        }
        invoke(batch);
        return true;
    }

    /** MaximumRecordAgeInSeconds: records older than that leave for the on-failure destination without an invocation. */
    private boolean discardExpired(long now) {
        if (config.maximumRecordAge() == null || buffer.isEmpty()) {
            return false;
        }
        long oldestAllowed = now - config.maximumRecordAge().toMillis();
        List<Buffered> expired = new ArrayList<>();
        for (Buffered buffered : buffer) {
            if (buffered.arrivalMillis() >= oldestAllowed) {
                break;
            }
            expired.add(buffered);
        }
        if (expired.isEmpty()) {
            return false;
        }
        discard(expired, "RecordAgeExceeded", "older than MaximumRecordAgeInSeconds ("
                + config.maximumRecordAge().toSeconds() + " s)");
        return true;
    }

    /** Every record of the window has been read: a later record is buffered, or a read after the window's end caught up. */
    private boolean windowOverInStream(long now) {
        for (Buffered buffered : buffer) {
            if (buffered.arrivalMillis() >= window.endMillis()) {
                return true;
            }
        }
        boolean readAfterEnd = lastFetchStartedAt >= window.endMillis() && caughtUp;
        boolean shardClosed = iterator == null;
        return now >= window.endMillis() && (readAfterEnd || shardClosed);
    }

    private List<Buffered> nextBatch(TumblingWindow current) {
        int limit = bisected.isEmpty() ? config.batchSize() : bisected.peekFirst();
        List<Buffered> batch = new ArrayList<>();
        long bytes = 0;
        for (Buffered buffered : buffer) {
            if (batch.size() >= limit || (current != null && buffered.arrivalMillis() >= current.endMillis())) {
                break;
            }
            long size = KinesisEventJson.approximateSize(buffered.record());
            if (!batch.isEmpty() && bytes + size > EventSourceMappingConfig.MAX_PAYLOAD_BYTES) {
                break;
            }
            bytes += size;
            batch.add(buffered);
        }
        return batch;
    }

    private boolean ready(List<Buffered> batch, long now) {
        if (!bisected.isEmpty() || attempts > 0) {
            return true; // a retry or a bisected half goes out at once
        }
        boolean full = batch.size() >= config.batchSize() || batch.size() < countBuffered(window);
        boolean waitedEnough = now - batch.get(0).fetchedAtMillis() >= config.maximumBatchingWindow().toMillis();
        return full || waitedEnough || iterator == null;
    }

    /** How many buffered records belong to the window (all of them without a window). */
    private int countBuffered(TumblingWindow current) {
        if (current == null) {
            return buffer.size();
        }
        int count = 0;
        for (Buffered buffered : buffer) {
            if (buffered.arrivalMillis() >= current.endMillis()) {
                break;
            }
            count++;
        }
        return count;
    }

    private void invoke(List<Buffered> batch) {
        List<Record> records = batch.stream().map(Buffered::record).toList();
        String event = events.event(shardId, records, window, state, false, false);
        invocations.incrementAndGet();
        KinesisEventJson.Response response;
        try {
            response = KinesisEventJson.Response.parse(function.invoke(event));
            if (config.windowed() && response.state() == null) {
                throw new IllegalStateException("the response has no state (required with a tumbling window)");
            }
        } catch (Exception e) {
            functionError(batch, e);
            return;
        }
        int failedAt = firstFailure(records, response.failureIdentifiers());
        if (failedAt == -2) {
            functionError(batch, new IllegalStateException("a batchItemFailures entry names no record of the batch"));
            return;
        }
        int succeeded = failedAt < 0 ? batch.size() : failedAt;
        for (int i = 0; i < succeeded; i++) {
            buffer.removeFirst();
        }
        recordsDelivered.addAndGet(succeeded);
        if (config.windowed()) {
            state = new HashMap<>(response.state());
        }
        if (succeeded > 0) {
            checkpoint = records.get(succeeded - 1).sequenceNumber();
        }
        if (failedAt < 0) {
            completedBatch();
        } else {
            // the records before the failure are done; the rest is retried from the reported record
            if (succeeded > 0) {
                attempts = 0;
            }
            retry(batch.subList(succeeded, batch.size()), "batch item failure at " + records.get(succeeded).sequenceNumber());
        }
        saveCheckpoint();
        if (config.windowed() && KinesisEventJson.Response.stateSize(state) > EventSourceMappingConfig.MAX_STATE_BYTES) {
            log.accept("shard " + shardId + ": window state over 1 MB, the window ends early");
            invokeFinal(true);
        }
    }

    /** Index of the first failed record, -1 when none failed, -2 when an identifier is null, empty or unknown. */
    private static int firstFailure(List<Record> records, List<String> identifiers) {
        if (identifiers.isEmpty()) {
            return -1;
        }
        int first = Integer.MAX_VALUE;
        for (String identifier : identifiers) {
            int index = -1;
            for (int i = 0; identifier != null && i < records.size(); i++) {
                if (records.get(i).sequenceNumber().equals(identifier)) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                return -2;
            }
            first = Math.min(first, index);
        }
        return first;
    }

    private void functionError(List<Buffered> batch, Exception error) {
        functionErrors.incrementAndGet();
        lastError = String.valueOf(error.getMessage());
        log.accept("shard " + shardId + ": function error on " + batch.size() + " record(s) from "
                + batch.get(0).record().sequenceNumber() + ": " + error);
        if (config.bisectBatchOnFunctionError() && batch.size() > 1) {
            if (!bisected.isEmpty()) {
                bisected.removeFirst();
            }
            int firstHalf = (batch.size() + 1) / 2;
            bisected.addFirst(batch.size() - firstHalf);
            bisected.addFirst(firstHalf);
            attempts = 0;
            return;
        }
        retry(batch, lastError);
    }

    private void retry(List<Buffered> remaining, String reason) {
        attempts++;
        if (config.maximumRetryAttempts() >= 0 && attempts > config.maximumRetryAttempts()) {
            discard(remaining, reason);
            return;
        }
        if (!bisected.isEmpty()) {
            bisected.removeFirst();
            bisected.addFirst(remaining.size());
        }
        retryNotBefore = clock.millis() + Math.min(MAX_BACKOFF_MILLIS, 50L << Math.min(attempts, 10));
    }

    private void discard(List<Buffered> remaining, String reason) {
        discard(remaining, "RetryAttemptsExhausted", reason);
    }

    private void discard(List<Buffered> remaining, String condition, String reason) {
        Buffered first = remaining.get(0);
        Buffered last = remaining.get(remaining.size() - 1);
        onFailure.discarded(new OnFailureDestination.DiscardedBatch(events.streamArn(), shardId,
                first.record().sequenceNumber(), last.record().sequenceNumber(),
                first.record().approximateArrivalTimestamp(), last.record().approximateArrivalTimestamp(),
                remaining.size(), condition, reason, Instant.ofEpochMilli(clock.millis())));
        for (int i = 0; i < remaining.size(); i++) {
            buffer.removeFirst();
        }
        recordsDiscarded.addAndGet(remaining.size());
        checkpoint = last.record().sequenceNumber();
        completedBatch();
        saveCheckpoint();
    }

    private void completedBatch() {
        attempts = 0;
        retryNotBefore = 0;
        if (!bisected.isEmpty()) {
            bisected.removeFirst();
        }
    }

    /**
     * The window's final invocation: no records, the state, isFinalInvokeForWindow. Lambda holds the shard until it
     * succeeds, so it is retried without limit (with backoff).
     */
    private void invokeFinal(boolean terminatedEarly) {
        String event = events.event(shardId, List.of(), window, state, true, terminatedEarly);
        invocations.incrementAndGet();
        try {
            KinesisEventJson.Response.parse(function.invoke(event));
        } catch (Exception e) {
            functionErrors.incrementAndGet();
            attempts++;
            retryNotBefore = clock.millis() + Math.min(MAX_BACKOFF_MILLIS, 50L << Math.min(attempts, 10));
            log.accept("shard " + shardId + ": final invocation of window " + Instant.ofEpochMilli(window.startMillis())
                    + " failed, retrying: " + e);
            return;
        }
        attempts = 0;
        retryNotBefore = 0;
        windowsClosed.incrementAndGet();
        state = new HashMap<>();
        if (!terminatedEarly) {
            window = null;
        }
        saveCheckpoint();
    }

    private void saveCheckpoint() {
        checkpoints.put(shardId, new CheckpointStore.ShardCheckpoint(checkpoint, window, Map.copyOf(state)));
    }

    private void sleepUntil(long wakeAt) throws InterruptedException {
        long millis = wakeAt - clock.millis();
        if (millis > 0) {
            Thread.sleep(Math.min(millis, 250));
        }
    }
}
