package io.firelake.monitoring.replay;

import io.firelake.events.contract.Contracts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.monitoring.errors.ErrorDocument;
import io.firelake.producer.model.ProducerRecord;
import io.firelake.producer.send.DeliveryListener;
import io.firelake.producer.send.ProducerAbortedException;
import io.firelake.producer.send.RecordSender;
import io.firelake.producer.send.RecordSink;
import io.firelake.producer.send.SenderSettings;
import io.firelake.producer.send.SinkException;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Re-drives error-prefix records into the stream once each, through the producer's {@link RecordSender} (its batching,
 * in-flight window and retries of failed entries): records already in the ledger, or seen earlier in this run, are
 * skipped; records that cannot be decoded are reported, not sent. A record enters the ledger when Kinesis has
 * acknowledged it; one the sender gave up on stays out, so the next run tries it again. Records go back as they are,
 * never aggregated. Partition keys are the event_id when the record has one (so a replay spreads like live traffic),
 * else the sha256.
 */
public final class ErrorReplayer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordSink sink;
    private final SenderSettings settings;
    private final ReplayLedger ledger;
    private final Clock clock;

    public ErrorReplayer(RecordSink sink, SenderSettings settings, ReplayLedger ledger, Clock clock) {
        this.sink = sink;
        this.settings = settings.withAggregation(false);
        this.ledger = ledger;
        this.clock = clock;
    }

    public record Result(int considered, int sent, int alreadyReplayed, int undecodable, int rejected) {
        public String line() {
            return "replay-errors: considered=" + considered + " sent=" + sent + " already_replayed="
                    + alreadyReplayed + " undecodable=" + undecodable + " rejected=" + rejected;
        }
    }

    public Result replay(List<ErrorDocument> documents) throws IOException {
        int alreadyReplayed = 0, undecodable = 0;
        Set<String> thisRun = new HashSet<>();
        List<ErrorDocument> pending = new ArrayList<>();
        for (ErrorDocument doc : documents) {
            if (doc.rawBytes().length == 0) {
                undecodable++;
                continue;
            }
            String sha = doc.rawSha256();
            if (ledger.contains(sha) || !thisRun.add(sha)) {
                alreadyReplayed++;
                continue;
            }
            pending.add(doc);
        }
        if (pending.isEmpty()) {
            return new Result(documents.size(), 0, alreadyReplayed, undecodable, 0);
        }
        try (ReplayLedger.Appender appender = ledger.appender()) {
            Ledgering ledgering = new Ledgering(appender);
            send(pending, ledgering);
            if (ledgering.failure != null) {
                throw ledgering.failure;
            }
            return new Result(documents.size(), ledgering.sent.get(), alreadyReplayed, undecodable,
                    ledgering.rejected.get());
        }
    }

    private void send(List<ErrorDocument> pending, Ledgering ledgering) throws IOException {
        SinkException stopped;
        try (RecordSender sender = new RecordSender(sink, settings, ledgering)) {
            try {
                for (ErrorDocument doc : pending) {
                    sender.send(ledgering.track(doc));
                }
            } catch (ProducerAbortedException abort) {
                // The records in flight still settle below; the rest stay out of the ledger for the next run.
            }
            sender.finish();
            stopped = sender.fatalError();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while replaying", e);
        }
        if (stopped != null) {
            throw new IOException("stopped sending: " + stopped.getMessage(), stopped);
        }
    }

    /** Writes each acknowledged record to the ledger and counts the rest. */
    private final class Ledgering implements DeliveryListener {
        private final ReplayLedger.Appender appender;
        private final Map<ProducerRecord, ErrorDocument> documents =
                Collections.synchronizedMap(new IdentityHashMap<>());
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger rejected = new AtomicInteger();
        volatile IOException failure;

        Ledgering(ReplayLedger.Appender appender) {
            this.appender = appender;
        }

        ProducerRecord track(ErrorDocument doc) {
            String eventId = eventId(doc);
            ProducerRecord record = new ProducerRecord(doc.rawBytes(), eventId != null ? eventId : doc.rawSha256(),
                    ProducerRecord.REPLAY, eventId);
            documents.put(record, doc);
            return record;
        }

        @Override
        public void delivered(ProducerRecord record, Delivery delivery) {
            ErrorDocument doc = documents.remove(record);
            sent.incrementAndGet();
            try {
                appender.append(new ReplayLedger.Entry(doc.rawSha256(), doc.objectKey(), doc.errorCode()),
                        clock.instant());
            } catch (IOException e) {
                failure = e;
            }
        }

        @Override
        public void failed(ProducerRecord record, String errorCode, String errorMessage, int attempts) {
            documents.remove(record);
            rejected.incrementAndGet();
        }
    }

    /** The record's event id (the contract's role) when it is JSON with a usable one (a partition key is 1 to 256 characters). */
    static String eventId(ErrorDocument doc) {
        try {
            JsonNode id = JSON.readTree(doc.rawBytes()).get(Contracts.selected().eventIdField().name());
            if (id != null && id.isTextual() && !id.asText().isBlank() && id.asText().length() <= 256) {
                return id.asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // Malformed records are exactly what gets replayed; they still need a key.
        }
        return null;
    }
}
