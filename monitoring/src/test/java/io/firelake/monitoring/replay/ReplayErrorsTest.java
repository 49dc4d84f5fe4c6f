package io.firelake.monitoring.replay;

import io.firelake.monitoring.Fixtures;
import io.firelake.monitoring.errors.ErrorDocument;
import io.firelake.monitoring.errors.ErrorDocumentParser;
import io.firelake.producer.send.KinesisRecord;
import io.firelake.producer.send.PutOutcome;
import io.firelake.producer.send.PutRecordsErrorClassifier;
import io.firelake.producer.send.PutResult;
import io.firelake.producer.send.RecordSink;
import io.firelake.producer.send.SenderSettings;
import io.firelake.producer.send.ShardRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Replay sends each failed record once, across runs, and keeps out of the ledger what the sink did not take. */
class ReplayErrorsTest {
    @TempDir
    Path data;

    /**
     * A sink that keeps what it was given and refuses the records named in {@code refuse} once (as Kinesis refuses
     * an entry for throughput; with one attempt per record, the sender gives it up).
     */
    private static final class RecordingSink implements RecordSink {
        final List<String> sent = new ArrayList<>();
        final List<String> refuseOnce = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<PutResult> putRecords(List<KinesisRecord> records, int maxAttempts) {
            List<PutOutcome> outcomes = new ArrayList<>();
            for (KinesisRecord record : records) {
                String text = new String(record.data(), StandardCharsets.UTF_8);
                boolean ok = !refuseOnce.remove(text);
                if (ok) {
                    sent.add(text + " key=" + record.partitionKey());
                }
                outcomes.add(ok ? PutOutcome.success("shardId-000000000000", String.valueOf(sent.size()))
                        : PutOutcome.failure(PutRecordsErrorClassifier.THROUGHPUT_EXCEEDED, "Rate exceeded"));
            }
            return CompletableFuture.completedFuture(new PutResult(outcomes, 1));
        }

        @Override
        public List<ShardRange> openShards() {
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    private static final SenderSettings BATCHES_OF_TWO = SenderSettings.defaults().withMaxRecordsPerRequest(2)
            .withMaxAttempts(1);

    private static List<ErrorDocument> errors(String... raws) throws Exception {
        StringBuilder object = new StringBuilder();
        for (String raw : raws) {
            object.append(Fixtures.errorDocument(raw.getBytes(StandardCharsets.UTF_8), "Lambda.ProcessingFailed",
                    "x", Instant.EPOCH)).append('\n');
        }
        return new ErrorDocumentParser().parse(new ByteArrayInputStream(object.toString().getBytes(
                StandardCharsets.UTF_8)), ErrorDocument.PROCESSING_FAILED, "errors/processing-failed/o").documents();
    }

    @Test
    void aSecondRunSendsNothingAndRefusedRecordsAreRetriedNextRun() throws Exception {
        Path ledgerFile = data.resolve("replay/ledger.jsonl");
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T04:00:00Z"), ZoneOffset.UTC);
        List<ErrorDocument> docs = errors("{\"event_id\":\"e1\"}", "{\"event_id\":\"e2\"}", "{broken",
                "{\"event_id\":\"e1\"}");
        RecordingSink sink = new RecordingSink();
        sink.refuseOnce.add("{broken");

        ErrorReplayer.Result first = new ErrorReplayer(sink, BATCHES_OF_TWO, ReplayLedger.open(ledgerFile), clock)
                .replay(docs);
        assertThat(first.line()).isEqualTo("replay-errors: considered=4 sent=2 already_replayed=1 undecodable=0 "
                + "rejected=1");
        assertThat(sink.sent).containsExactly("{\"event_id\":\"e1\"} key=e1", "{\"event_id\":\"e2\"} key=e2");

        ErrorReplayer.Result second = new ErrorReplayer(sink, BATCHES_OF_TWO, ReplayLedger.open(ledgerFile), clock)
                .replay(docs);
        assertThat(second.sent()).isEqualTo(1);
        assertThat(sink.sent).hasSize(3).last().asString().startsWith("{broken key=");

        ErrorReplayer.Result third = new ErrorReplayer(sink, BATCHES_OF_TWO, ReplayLedger.open(ledgerFile), clock)
                .replay(docs);
        assertThat(third.sent()).isZero();
        assertThat(third.alreadyReplayed()).isEqualTo(4);
        assertThat(Files.readAllLines(ledgerFile)).hasSize(3)
                .allSatisfy(line -> assertThat(line).contains("\"replayed_at\":\"2026-11-22T04:00:00Z\""));
    }
}
