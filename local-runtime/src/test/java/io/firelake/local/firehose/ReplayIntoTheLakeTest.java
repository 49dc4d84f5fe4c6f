package io.firelake.local.firehose;

import io.firelake.events.contract.PinnedContract;
import io.firelake.config.layout.DataLayout;
import io.firelake.monitoring.cli.AccountingCommand;
import io.firelake.monitoring.cli.ReplayErrorsCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replayed record followed to the end: it fails once (a transform that fails it the first time, as after a bug that
 * was fixed), {@code replay-errors} re-drives it from the error prefix into the stream, the local Firehose delivers it,
 * and accounting counts it once, delivered. Real kinesalite and S3Proxy; the lake is laid out as the data directory.
 */
@PinnedContract("clickstream")
class ReplayIntoTheLakeTest {

    @RegisterExtension
    static final LocalEnginesFixture engines = new LocalEnginesFixture();

    @Test
    void aRecordThatFailedOnceIsReplayedDeliveredAndCountedOnce() throws Exception {
        var pipeline = engines.pipeline(1, DataLayout.LAKE_BUCKET);
        List<String> payloads = LocalFirehoseConformanceTest.events(5);
        pipeline.put(payloads);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        var handler = new TestProcessors.Recording(response -> {
            response.get("records").forEach(r -> {
                String data = new String(java.util.Base64.getDecoder().decode(r.get("data").asText()),
                        StandardCharsets.UTF_8);
                if (data.contains("\"e-2\"") && seen.add("e-2")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) r).put("result", "ProcessingFailed");
                }
            });
            return response;
        });
        try (LocalFirehose firehose = pipeline.firehose(handler.processor())) {
            firehose.drain();
            assertThat(firehose.stats().delivered()).isEqualTo(4);
        }
        assertThat(pipeline.errorDocuments("processing-failed")).hasSize(1);

        Path data = engines.root;
        String replayed = run(new ReplayErrorsCommand(), "--endpoint", engines.kinesalite.endpoint().toString(),
                "--stream", pipeline.stream, "--data-dir", data.toString());
        assertThat(replayed).contains("sent=1");
        assertThat(run(new ReplayErrorsCommand(), "--endpoint", engines.kinesalite.endpoint().toString(),
                "--stream", pipeline.stream, "--data-dir", data.toString())).contains("sent=0");

        try (LocalFirehose restarted = pipeline.firehose(handler.processor())) { // resumes after its checkpoint
            restarted.drain();
            assertThat(restarted.stats().read()).isEqualTo(1);
            assertThat(restarted.stats().delivered()).isEqualTo(1);
        }
        assertThat(LocalFirehoseConformanceTest.countRows(pipeline)).isEqualTo(5);

        List<String> manifest = new ArrayList<>();
        for (String payload : payloads) {
            String id = payload.replaceAll(".*\"event_id\":\"([^\"]+)\".*", "$1");
            manifest.add("{\"event_id\":\"" + id + "\",\"payload_sha256\":\"" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8)))
                    + "\",\"kind\":\"valid\"}");
        }
        Path manifestFile = Files.write(data.resolve("replay-manifest.jsonl"), manifest);
        String accounting = run(new AccountingCommand(), "--manifest", manifestFile.toString(),
                "--data-dir", data.toString());
        assertThat(accounting).contains("accounting: produced=5 delivered=5 dropped=0 failed=0 duplicates=0 lost=0");
    }

    private static String run(Object command, String... args) {
        StringWriter out = new StringWriter();
        int exit = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(out)).execute(args);
        assertThat(exit).as(out.toString()).isZero();
        return out.toString();
    }
}
