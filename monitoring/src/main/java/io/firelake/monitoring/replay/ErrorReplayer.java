package io.firelake.monitoring.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.monitoring.errors.ErrorDocument;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Re-drives error-prefix records into the stream once each: records already in the ledger, or seen earlier in this run,
 * are skipped; records that cannot be decoded are reported, not sent. Partition keys are the event_id when the record
 * has one (so a session's order is not what matters, but a replay spreads like live traffic), else the sha256.
 */
public final class ErrorReplayer {
    /** PutRecords takes at most 500 entries per request. */
    public static final int DEFAULT_BATCH_SIZE = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordSink sink;
    private final ReplayLedger ledger;
    private final Clock clock;
    private final int batchSize;

    public ErrorReplayer(RecordSink sink, ReplayLedger ledger, Clock clock, int batchSize) {
        this.sink = sink;
        this.ledger = ledger;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    public record Result(int considered, int sent, int alreadyReplayed, int undecodable, int rejected) {
        public String line() {
            return "replay-errors: considered=" + considered + " sent=" + sent + " already_replayed="
                    + alreadyReplayed + " undecodable=" + undecodable + " rejected=" + rejected;
        }
    }

    public Result replay(List<ErrorDocument> documents) throws IOException {
        int alreadyReplayed = 0, undecodable = 0, sent = 0, rejected = 0;
        Set<String> thisRun = new HashSet<>();
        List<ErrorDocument> pending = new ArrayList<>();
        for (ErrorDocument doc : documents) {
            byte[] raw = doc.rawBytes();
            if (raw.length == 0) {
                undecodable++;
                continue;
            }
            String sha = doc.rawSha256();
            if (ledger.contains(sha) || !thisRun.add(sha)) {
                alreadyReplayed++;
                continue;
            }
            pending.add(doc);
            if (pending.size() == batchSize) {
                int accepted = flush(pending);
                sent += accepted;
                rejected += pending.size() - accepted;
                pending.clear();
            }
        }
        if (!pending.isEmpty()) {
            int accepted = flush(pending);
            sent += accepted;
            rejected += pending.size() - accepted;
        }
        return new Result(documents.size(), sent, alreadyReplayed, undecodable, rejected);
    }

    private int flush(List<ErrorDocument> batch) throws IOException {
        List<RecordSink.Outgoing> outgoing = batch.stream()
                .map(d -> new RecordSink.Outgoing(d.rawBytes(), partitionKey(d))).toList();
        List<Boolean> accepted = sink.send(outgoing);
        List<ReplayLedger.Entry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (accepted.get(i)) {
                ErrorDocument d = batch.get(i);
                entries.add(new ReplayLedger.Entry(d.rawSha256(), d.objectKey(), d.errorCode()));
            }
        }
        ledger.record(entries, clock.instant());
        return entries.size();
    }

    static String partitionKey(ErrorDocument doc) {
        try {
            JsonNode id = JSON.readTree(doc.rawBytes()).get("event_id");
            if (id != null && id.isTextual() && !id.asText().isBlank() && id.asText().length() <= 256) {
                return id.asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // Malformed records are exactly what gets replayed; they still need a key.
        }
        return doc.rawSha256();
    }
}
