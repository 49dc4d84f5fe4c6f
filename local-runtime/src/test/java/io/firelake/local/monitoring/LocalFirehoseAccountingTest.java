package io.firelake.local.monitoring;

import io.firelake.events.contract.PinnedContract;
import io.firelake.config.layout.DataLayout;
import io.firelake.lake.format.LakeSchema;
import io.firelake.local.config.SamTemplate;
import io.firelake.local.engines.Kinesalite;
import io.firelake.local.engines.LocalAws;
import io.firelake.local.engines.S3ProxyServer;
import io.firelake.local.firehose.DeliveryStreamConfig;
import io.firelake.local.firehose.FirehoseMetrics;
import io.firelake.local.firehose.LocalFirehose;
import io.firelake.local.firehose.aws.KinesisStreamSource;
import io.firelake.local.firehose.aws.S3ObjectStore;
import io.firelake.local.firehose.lambda.RequestStreamHandlerProcessor;
import io.firelake.monitoring.errors.ErrorDocument;
import io.firelake.monitoring.cli.AccountingCommand;
import io.firelake.monitoring.cli.MonitorCommand;
import io.firelake.monitoring.lake.LocalLake;
import io.firelake.transform.FirehoseTransformHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The formats as the local runtime really writes them: the local Firehose (with the real transform) reads kinesalite and
 * writes the lake through S3Proxy; accounting and monitor then read its Parquet, error documents and metrics.
 */
@PinnedContract("clickstream")
class LocalFirehoseAccountingTest {
    @TempDir
    Path data;

    private record Run(int code, String out) {
    }

    private static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        int code = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(out)).execute(args);
        return new Run(code, out.toString());
    }

    @Test
    void everyRecordIsAccountedForAndADeletedObjectIsLost() throws Exception {
        List<String> hour2 = new ArrayList<>();
        List<String> hour3 = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        List<String> manifest = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = String.format("00000000-0000-4000-8000-%012d", i);
            String hour = i % 3 == 0 ? "02" : "03";
            (hour.equals("02") ? hour2 : hour3).add(id);
            byte[] event = ("{\"event_id\":\"" + id + "\",\"event_type\":\"page_view\",\"event_time\":\"2026-11-22T"
                    + hour + ":15:00.000Z\",\"session_id\":\"s-" + i + "\",\"page_url\":\"https://shop.example/p/" + i
                    + "\"}").getBytes(StandardCharsets.UTF_8);
            payloads.add(event);
            manifest.add(manifestLine(id, event, "valid"));
        }
        byte[] malformed = "{\"event_id\":\"00000000-0000-4000-8000-00000000009".getBytes(StandardCharsets.UTF_8);
        byte[] missing = "{\"event_id\":\"00000000-0000-4000-8000-000000000098\",\"event_type\":\"click\"}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] ping = "{\"health_check\":true}".getBytes(StandardCharsets.UTF_8);
        payloads.addAll(List.of(malformed, missing, ping, payloads.get(0)));
        manifest.add(manifestLine(null, malformed, "malformed_json"));
        manifest.add(manifestLine("00000000-0000-4000-8000-000000000098", missing, "missing_field"));
        manifest.add(manifestLine(null, ping, "health_check"));
        manifest.add(manifestLine(hour2.get(0), payloads.get(0), "duplicate"));
        Path manifestFile = Files.write(data.resolve("manifest.jsonl"), manifest);

        DataLayout layout = DataLayout.of(data);
        try (Kinesalite kinesalite = Kinesalite.start();
             S3ProxyServer s3proxy = S3ProxyServer.start(data.resolve("s3"));
             KinesisClient kinesis = LocalAws.kinesis(kinesalite.endpoint());
             S3Client s3 = LocalAws.s3(s3proxy.endpoint())) {
            DeliveryStreamConfig config = DeliveryStreamConfig.from(SamTemplate.load(), LocalAws.REGION.id()).toBuilder()
                    .droppedLog(layout.droppedFile()).build();
            kinesis.createStream(b -> b.streamName(config.sourceStreamName()).shardCount(1));
            io.firelake.local.runtime.Streams.awaitActive(kinesis, config.sourceStreamName());
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < payloads.size(); i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey("pk-" + i)
                        .data(SdkBytes.fromByteArray(payloads.get(i))).build());
            }
            assertThat(kinesis.putRecords(b -> b.streamName(config.sourceStreamName()).records(entries))
                    .failedRecordCount()).isZero();
            FirehoseMetrics metrics = new FirehoseMetrics(layout.metricsFile(),
                    config.name(), Clock.systemUTC());
            try (LocalFirehose firehose = new LocalFirehose(config,
                    new KinesisStreamSource(kinesis, config.sourceStreamName(), config.region(), config.accountId()),
                    () -> new RequestStreamHandlerProcessor(new FirehoseTransformHandler(), config.processor().functionName(), l -> { }),
                    new S3ObjectStore(s3, layout.bucket()).ensureBucket(),
                    LakeSchema.clickstreamRaw("s3://" + layout.bucket() + "/raw/"), data.resolve("firehose"), metrics,
                    Clock.systemUTC())) {
                firehose.drain();
            }
        }

        Run accounting = run(new AccountingCommand(), "--manifest", manifestFile.toString(), "--data-dir",
                data.toString());
        assertThat(accounting.code()).as(accounting.out()).isZero();
        assertThat(accounting.out()).endsWith(
                "accounting: produced=15 delivered=12 dropped=1 failed=2 duplicates=1 lost=0\n");

        Run monitor = run(new MonitorCommand(), "--data-dir", data.toString(), "--since", "10m");
        assertThat(monitor.out()).contains("13 converted").contains("MALFORMED_JSON=1")
                .contains("MISSING_FIELD=1");
        assertThat(monitor.code()).as(monitor.out()).isEqualTo(1); // degraded: records were rejected

        List<Path> hour2Files = new LocalLake(layout).parquetFiles().stream()
                .filter(p -> p.toString().contains("event_hour=02")).toList();
        assertThat(hour2Files).isNotEmpty();
        for (Path file : hour2Files) {
            Files.delete(file);
        }
        Run lossy = run(new AccountingCommand(), "--manifest", manifestFile.toString(), "--data-dir", data.toString());
        assertThat(lossy.code()).isEqualTo(AccountingCommand.EXIT_LOST);
        assertThat(lossy.out()).contains("lost " + hour2.size() + " events: " + String.join(", ", hour2))
                .endsWith("accounting: produced=15 delivered=8 dropped=1 failed=2 duplicates=0 lost=4\n");
    }

    /** A manifest line in the producer's format (event_id, payload_sha256, kind). */
    private static String manifestLine(String eventId, byte[] payload, String kind) {
        com.fasterxml.jackson.databind.node.ObjectNode line = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        if (eventId == null) {
            line.putNull("event_id");
        } else {
            line.put("event_id", eventId);
        }
        return line.put("payload_sha256", ErrorDocument.sha256Hex(payload)).put("kind", kind)
                .put("partition_key", "s-1").toString();
    }
}
