package io.firelake.producer.send;


import io.firelake.producer.model.ProducerRecord;
import io.firelake.producer.send.PutRecordsErrorClassifier.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Submits PutRecords requests through the sink and settles every record in them: delivered, or failed for good with
 * a reason, and the {@link DeliveryListener} hears which. A whole request that failed was retried by the sink (the
 * SDK's retry strategy) with the attempts its records had left. Of a partial failure only the failed entries are
 * resubmitted, those whose {@code ErrorCode} is retryable and that have attempts left, after an exponential backoff
 * with full jitter, in the slot of the request they came from.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html">PutRecords</a>
 */
final class PutRecordsWriter implements AutoCloseable {

    private final RecordSink sink;
    private final SenderSettings settings;
    private final SendStats stats;
    private final DeliveryListener listener;
    /** Runs resubmissions after their backoff; never blocks, so they proceed while senders wait for a slot. */
    private final ScheduledExecutorService scheduler;
    private volatile SinkException fatal;

    PutRecordsWriter(RecordSink sink, SenderSettings settings, SendStats stats, DeliveryListener listener) {
        this.sink = sink;
        this.settings = settings;
        this.stats = stats;
        this.listener = listener;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "firelake-producer-retries");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The error that stopped the run, or null. */
    SinkException fatal() {
        return fatal;
    }

    /** Stops the run: every request from now on fails its records with this error. */
    void abort(SinkException error) {
        fatal = error;
    }

    /** Sends one request whose records hold {@code slot}; its entries have all been tried equally often. */
    void submit(InFlightWindow.Slot slot, List<PutEntry> request) {
        SinkException stop = fatal;
        if (stop != null) {
            failAll(slot, request, stop.code(), stop.getMessage(), false);
            return;
        }
        List<KinesisRecord> entries = new ArrayList<>(request.size());
        int spent = 0;
        for (PutEntry entry : request) {
            entries.add(entry.record);
            spent = Math.max(spent, entry.attempts);
        }
        try {
            sink.putRecords(entries, Math.max(1, settings.maxAttempts() - spent)).whenComplete((result, error) -> {
                try {
                    if (error != null) {
                        onRequestFailed(slot, request, unwrap(error));
                    } else {
                        onResponse(slot, request, result);
                    }
                } catch (RuntimeException e) {
                    failAll(slot, request, "ProducerBug", String.valueOf(e), false);
                }
            });
        } catch (RuntimeException e) {
            onRequestFailed(slot, request, unwrap(e));
        }
    }

    private void onResponse(InFlightWindow.Slot slot, List<PutEntry> request, PutResult result) {
        attempted(request, result.attempts());
        List<PutOutcome> outcomes = result.outcomes();
        if (outcomes.size() != request.size()) {
            failAll(slot, request, "InvalidResponse", "PutRecords answered " + outcomes.size() + " entries for "
                    + request.size(), false);
            return;
        }
        List<PutEntry> again = new ArrayList<>();
        for (int i = 0; i < request.size(); i++) {
            PutEntry entry = request.get(i);
            PutOutcome outcome = outcomes.get(i);
            if (outcome.succeeded()) {
                delivered(entry, outcome);
                slot.settled(entry.members.size());
                continue;
            }
            if (PutRecordsErrorClassifier.throttling(outcome.errorCode(), 0)) {
                stats.throttled.increment();
            }
            boolean retryable = PutRecordsErrorClassifier.entry(outcome.errorCode()) == Verdict.RETRY;
            if (retryable && entry.attempts < settings.maxAttempts()) {
                again.add(entry);
            } else {
                fail(entry, outcome.errorCode(), outcome.errorMessage(), retryable);
                slot.settled(entry.members.size());
            }
        }
        resubmit(slot, again);
    }

    private void onRequestFailed(InFlightWindow.Slot slot, List<PutEntry> request, SinkException error) {
        attempted(request, error.attempts());
        if (error.throttled()) {
            stats.throttled.increment();
        }
        Verdict verdict = error.verdict();
        if (verdict == Verdict.ABORT) {
            fatal = error;
        }
        failAll(slot, request, error.code(), error.getMessage(), verdict == Verdict.RETRY);
    }

    /** Counts the times the sink sent a request; every one after the first resent all its entries. */
    private void attempted(List<PutEntry> request, int attempts) {
        for (PutEntry entry : request) {
            entry.attempts += attempts;
        }
        stats.requests.add(attempts);
        if (attempts > 1) {
            stats.retriedRequests.add(attempts - 1);
            stats.retriedEntries.add((long) (attempts - 1) * request.size());
        }
    }

    private void resubmit(InFlightWindow.Slot slot, List<PutEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        slot.resubmissions++;
        stats.retriedRequests.increment();
        stats.retriedEntries.add(entries.size());
        long delay = settings.backoff().delay(slot.resubmissions).toMillis();
        try {
            scheduler.schedule(() -> submit(slot, entries), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            failAll(slot, entries, "SenderClosed", "the sender was closed before the retry", false);
        }
    }

    private void delivered(PutEntry entry, PutOutcome outcome) {
        stats.kinesisRecords.increment();
        stats.kinesisBytes.add(entry.bytes);
        stats.putPayloadUnits.add(PutPayloadUnits.of(entry.bytes));
        if (entry.aggregated) {
            stats.aggregates.increment();
        }
        for (int i = 0; i < entry.members.size(); i++) {
            ProducerRecord record = entry.members.get(i);
            stats.delivered.increment();
            stats.deliveredBytes.add(record.data().length);
            listener.delivered(record, new DeliveryListener.Delivery(outcome.shardId(), outcome.sequenceNumber(), i,
                    entry.aggregated, entry.attempts));
        }
    }

    private void failAll(InFlightWindow.Slot slot, List<PutEntry> request, String code, String message,
                         boolean gaveUp) {
        for (PutEntry entry : request) {
            fail(entry, code, message, gaveUp);
            slot.settled(entry.members.size());
        }
    }

    private void fail(PutEntry entry, String code, String message, boolean gaveUp) {
        String reason = gaveUp ? message + " (gave up after " + entry.attempts + " attempts)" : message;
        for (ProducerRecord record : entry.members) {
            fail(record, code, reason, entry.attempts);
        }
    }

    /** Reports a record undeliverable for good. */
    void fail(ProducerRecord record, String code, String message, int attempts) {
        stats.failed(code);
        listener.failed(record, code, message, attempts);
    }

    private static SinkException unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof SinkException sinkException) {
            return sinkException;
        }
        return new SinkException(cause.getClass().getSimpleName(), 0, String.valueOf(cause.getMessage()), 1, cause);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
