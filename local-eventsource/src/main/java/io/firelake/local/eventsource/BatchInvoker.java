package io.firelake.local.eventsource;

import io.firelake.aws.retry.RetryPolicy;
import io.firelake.aws.retry.RetryState;
import software.amazon.awssdk.services.kinesis.model.Record;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Invokes the function with one shard's batches and applies Lambda's rules to the outcome: checkpoint and window state
 * advance past what succeeded; a function error retries the batch or bisects it ({@link BatchRetries}); a partial batch
 * response retries from the lowest failed record; exhausted retries send the batch to the on-failure destination; a
 * window's final invocation is retried until it succeeds; a state over 1 MB ends the window early.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html">Using Lambda with Kinesis</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-windows.html">Tumbling windows</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html">Partial batch responses</a>
 */
final class BatchInvoker {

    private final ShardContext shard;
    private final ShardBuffer buffer;
    private final ShardProgress progress;
    private final ShardCounters counters;
    private final BatchRetries retries;
    /** Lambda holds the shard until a window's final invocation succeeds: retried without limit. */
    private final RetryState finalRetries = new RetryState(RetryPolicy.unlimited(BatchRetries.BACKOFF));

    BatchInvoker(ShardContext shard, ShardBuffer buffer, ShardProgress progress, ShardCounters counters) {
        this.shard = shard;
        this.buffer = buffer;
        this.progress = progress;
        this.counters = counters;
        this.retries = new BatchRetries(shard.config().maximumRetryAttempts());
    }

    BatchRetries retries() {
        return retries;
    }

    /** Whether no retry waits for its backoff at {@code nowMillis}. */
    boolean due(long nowMillis) {
        return retries.due(nowMillis) && finalRetries.due(nowMillis);
    }

    /** The earliest time a retry may go out. */
    long notBeforeMillis() {
        return Math.max(retries.notBeforeMillis(), finalRetries.notBeforeMillis());
    }

    void invoke(List<ShardBuffer.Buffered> batch) {
        List<Record> records = batch.stream().map(ShardBuffer.Buffered::record).toList();
        String event = shard.events().event(shard.shardId(), records, progress.window(), progress.state(), false, false);
        counters.invocations.incrementAndGet();
        KinesisEventJson.Response response;
        try {
            response = KinesisEventJson.Response.parse(shard.function().invoke(event));
            if (shard.config().windowed() && response.state() == null) {
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
        buffer.removeFirst(succeeded);
        counters.recordsDelivered.addAndGet(succeeded);
        if (shard.config().windowed()) {
            progress.state(response.state());
        }
        if (succeeded > 0) {
            progress.checkpoint(records.get(succeeded - 1).sequenceNumber());
        }
        if (failedAt < 0) {
            retries.completed();
        } else {
            // the records before the failure are done; the rest is retried from the reported record
            if (succeeded > 0) {
                retries.progressed();
            }
            retry(batch.subList(succeeded, batch.size()), "batch item failure at " + records.get(succeeded).sequenceNumber());
        }
        progress.save();
        if (shard.config().windowed() && KinesisEventJson.Response.stateSize(progress.state())
                > EventSourceMappingConfig.MAX_STATE_BYTES) {
            shard.log("window state over 1 MB, the window ends early");
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

    private void functionError(List<ShardBuffer.Buffered> batch, Exception error) {
        counters.functionErrors.incrementAndGet();
        String reason = String.valueOf(error.getMessage());
        shard.log("function error on " + batch.size() + " record(s) from "
                + batch.get(0).record().sequenceNumber() + ": " + error);
        if (shard.config().bisectBatchOnFunctionError() && batch.size() > 1) {
            retries.bisect(batch.size());
            return;
        }
        retry(batch, reason);
    }

    private void retry(List<ShardBuffer.Buffered> remaining, String reason) {
        if (!retries.retry(remaining.size(), shard.clock().millis())) {
            discard(remaining, "RetryAttemptsExhausted", reason);
        }
    }

    /** Sends {@code remaining} to the on-failure destination and moves the checkpoint past it. */
    void discard(List<ShardBuffer.Buffered> remaining, String condition, String reason) {
        ShardBuffer.Buffered first = remaining.get(0);
        ShardBuffer.Buffered last = remaining.get(remaining.size() - 1);
        shard.onFailure().discarded(new OnFailureDestination.DiscardedBatch(shard.events().streamArn(), shard.shardId(),
                first.record().sequenceNumber(), last.record().sequenceNumber(),
                first.record().approximateArrivalTimestamp(), last.record().approximateArrivalTimestamp(),
                remaining.size(), condition, reason, Instant.ofEpochMilli(shard.clock().millis())));
        buffer.removeFirst(remaining.size());
        counters.recordsDiscarded.addAndGet(remaining.size());
        progress.checkpoint(last.record().sequenceNumber());
        retries.completed();
        progress.save();
    }

    /** The window's final invocation: no records, the state, isFinalInvokeForWindow. */
    void invokeFinal(boolean terminatedEarly) {
        TumblingWindow window = progress.window();
        String event = shard.events().event(shard.shardId(), List.of(), window, progress.state(), true, terminatedEarly);
        counters.invocations.incrementAndGet();
        try {
            KinesisEventJson.Response.parse(shard.function().invoke(event));
        } catch (Exception e) {
            counters.functionErrors.incrementAndGet();
            finalRetries.failed(shard.clock().millis());
            shard.log("final invocation of window " + Instant.ofEpochMilli(window.startMillis())
                    + " failed, retrying: " + e);
            return;
        }
        finalRetries.reset();
        counters.windowsClosed.incrementAndGet();
        if (terminatedEarly) {
            progress.state(Map.of());
        } else {
            progress.window(null);
        }
        progress.save();
    }
}
