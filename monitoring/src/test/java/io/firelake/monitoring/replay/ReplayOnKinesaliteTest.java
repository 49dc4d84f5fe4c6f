package io.firelake.monitoring.replay;

import io.firelake.config.layout.DataLayout;
import io.firelake.local.engines.Kinesalite;
import io.firelake.monitoring.Fixtures;
import io.firelake.monitoring.aws.AwsClients;
import io.firelake.monitoring.cli.ReplayErrorsCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** replay-errors against a real Kinesis API (kinesalite): run twice, the stream holds each failed record once. */
class ReplayOnKinesaliteTest {
    private static final String STREAM = "firelake-replay-test";
    private static Kinesalite kinesalite;
    private static KinesisClient kinesis;

    @TempDir
    Path data;

    @BeforeAll
    static void start() {
        kinesalite = Kinesalite.start();
        kinesis = new AwsClients(Optional.of(kinesalite.endpoint()), Optional.empty()).kinesis();
        kinesis.createStream(b -> b.streamName(STREAM).shardCount(1));
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName(STREAM));
    }

    @AfterAll
    static void stop() {
        if (kinesis != null) {
            kinesis.close();
        }
        if (kinesalite != null) {
            kinesalite.close();
        }
    }

    private String replay() {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new ReplayErrorsCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
                .execute("--endpoint", kinesalite.endpoint().toString(), "--stream", STREAM,
                        "--data-dir", data.toString());
        assertThat(code).as(out.toString()).isZero();
        return out.toString();
    }

    @Test
    void aSecondRunResendsNothing() throws Exception {
        byte[] e1 = Fixtures.event("00000000-0000-4000-8000-000000000001");
        byte[] broken = "{\"event_id\":\"00000000-0000-4000-8000-000000000002\",".getBytes(StandardCharsets.UTF_8);
        DataLayout layout = DataLayout.of(data);
        Instant at = Instant.parse("2026-11-22T03:00:00Z");
        Fixtures.writeErrorObject(layout.errorsDir().resolve("processing-failed/2026/11/22/f-1"), List.of(
                Fixtures.errorDocument(e1, "Lambda.ProcessingFailed", "EVENT_TIME_IN_FUTURE", at),
                Fixtures.errorDocument(broken, "Lambda.ProcessingFailed", "MALFORMED_JSON", at)));
        // Firehose retried the batch and wrote e1 a second time; and conversion failures are not replayed.
        Fixtures.writeErrorObject(layout.errorsDir().resolve("processing-failed/2026/11/22/f-2"), List.of(
                Fixtures.errorDocument(e1, "Lambda.ProcessingFailed", "EVENT_TIME_IN_FUTURE", at)));
        Fixtures.writeErrorObject(layout.errorsDir().resolve("format-conversion-failed/2026/11/22/f-3"), List.of(
                Fixtures.errorDocument("{}".getBytes(StandardCharsets.UTF_8), "DataFormatConversion.X", "x", at)));

        assertThat(replay()).contains("considered=3 sent=2 already_replayed=1");
        assertThat(replay()).contains("considered=3 sent=0 already_replayed=3");

        List<String> inStream = new ArrayList<>();
        String shard = kinesis.listShards(b -> b.streamName(STREAM)).shards().get(0).shardId();
        String iterator = kinesis.getShardIterator(b -> b.streamName(STREAM).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        var page = kinesis.getRecords(b -> b.shardIterator(iterator));
        for (Record record : page.records()) {
            inStream.add(record.data().asUtf8String());
        }
        assertThat(inStream).containsExactlyInAnyOrder(new String(e1, StandardCharsets.UTF_8),
                new String(broken, StandardCharsets.UTF_8));
        assertThat(Files.readAllLines(layout.replayLedger())).hasSize(2);
    }
}
