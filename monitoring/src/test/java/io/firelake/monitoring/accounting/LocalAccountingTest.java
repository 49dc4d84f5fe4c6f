package io.firelake.monitoring.accounting;

import io.firelake.config.layout.DataLayout;
import io.firelake.monitoring.Fixtures;
import io.firelake.monitoring.cli.AccountingCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Accounting over a lake on disk, read the way the command reads it (DuckDB over the raw Parquet). */
class LocalAccountingTest {
    @TempDir
    Path data;

    private record Run(int exitCode, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private Run accounting(Path manifest) {
        return accounting("--manifest", manifest.toString(), "--data-dir", data.toString());
    }

    private Run accounting(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new AccountingCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void reconcilesTheLakeAndNamesWhatADeletedObjectLost() throws Exception {
        DataLayout layout = DataLayout.of(data);
        List<String> first = ids(0, 30);
        List<String> second = ids(30, 55);
        Path hour3 = layout.rawDir().resolve("event_date=2026-11-22/event_hour=03");
        Fixtures.writeParquet(hour3.resolve("firelake-delivery-1-2026-11-22-03-05-00-a.parquet"), first);
        Path secondFile = Fixtures.writeParquet(layout.rawDir().resolve("event_date=2026-11-22/event_hour=04")
                .resolve("firelake-delivery-1-2026-11-22-04-05-00-b.parquet"), second);
        // At least once: a retry re-delivered three events of the first object.
        Fixtures.writeParquet(hour3.resolve("firelake-delivery-1-2026-11-22-03-06-00-c.parquet"), first.subList(0, 3));
        byte[] malformed = "{\"event_id\": \"x\", oops".getBytes(StandardCharsets.UTF_8);
        byte[] invalidUtf8 = {'{', (byte) 0xC3, (byte) 0x28, '}'};
        Fixtures.writeErrorObject(layout.errorsDir().resolve("processing-failed/2026/11/22/firelake-delivery-err-1"),
                List.of(Fixtures.errorDocument(malformed, "Lambda.ProcessingFailed", "MALFORMED_JSON", Instant.now()),
                        Fixtures.errorDocument(invalidUtf8, "Lambda.ProcessingFailed", "INVALID_UTF8", Instant.now())));
        byte[] ping = "{\"health_check\":true}".getBytes(StandardCharsets.UTF_8);
        Path dropped = data.resolve("firehose/dropped.jsonl");
        Files.createDirectories(dropped.getParent());
        Files.writeString(dropped, "{\"payload_sha256\":\"" + io.firelake.monitoring.errors.ErrorDocument.sha256Hex(ping)
                + "\"}\n");

        List<String> manifest = new ArrayList<>();
        for (String id : first) {
            manifest.add(Fixtures.manifestLine(id, Fixtures.event(id), "valid"));
        }
        for (String id : second) {
            manifest.add(Fixtures.manifestLine(id, Fixtures.event(id), "valid"));
        }
        manifest.add(Fixtures.manifestLine(null, malformed, "malformed_json"));
        manifest.add(Fixtures.manifestLine(null, invalidUtf8, "invalid_utf8"));
        manifest.add(Fixtures.manifestLine(null, ping, "health_check"));
        Path manifestFile = Files.write(data.resolve("manifest.jsonl"), manifest);

        Run complete = accounting(manifestFile);
        assertThat(complete.exitCode()).as(complete.err()).isZero();
        assertThat(complete.lastLine())
                .isEqualTo("accounting: produced=58 delivered=55 dropped=1 failed=2 duplicates=3 lost=0");

        // After ./firelake demo, the demo's manifest in the data directory is the default.
        Files.createDirectories(layout.demoManifest().getParent());
        Files.copy(manifestFile, layout.demoManifest());
        assertThat(accounting("--data-dir", data.toString()).lastLine()).isEqualTo(complete.lastLine());

        Files.delete(secondFile);
        Run lossy = accounting(manifestFile);
        assertThat(lossy.exitCode()).isEqualTo(AccountingCommand.EXIT_LOST);
        assertThat(lossy.lastLine())
                .isEqualTo("accounting: produced=58 delivered=30 dropped=1 failed=2 duplicates=3 lost=25");
        assertThat(lossy.err()).contains("lost 25 events (first 20): " + String.join(", ", second.subList(0, 20)))
                .doesNotContain(second.get(20));
    }

    @Test
    void aMissingManifestIsAClearError() {
        Run run = accounting(data.resolve("nope.jsonl"));
        assertThat(run.exitCode()).isEqualTo(AccountingCommand.EXIT_UNREADABLE);
        assertThat(run.err()).contains("no manifest at");
    }

    @Test
    void aManifestWhoseLastLineIsCutOffNamesTheLineAndColumnWithoutJacksonsSourceTrailer() throws Exception {
        Path manifest = data.resolve("cut.jsonl");
        Files.writeString(manifest,
                "{\"event_id\": \"a\", \"payload_sha256\": \"ab\"}\n{\"event_id\": \"b\", \"kind\": \"x\"");
        Run run = accounting(manifest);
        assertThat(run.exitCode()).isEqualTo(AccountingCommand.EXIT_UNREADABLE);
        assertThat(run.err()).contains("firelake accounting: " + manifest + ":2:")
                .contains(": not JSON: Unexpected end-of-input").contains("(start marker at line 1, column 1)")
                .doesNotContain("Source").doesNotContain("REDACTED").doesNotContain("StreamReadFeature");
    }

    @Test
    void aDirectoryAsTheManifestSaysItIsADirectory() {
        Run run = accounting(data);
        assertThat(run.exitCode()).isEqualTo(AccountingCommand.EXIT_UNREADABLE);
        assertThat(run.err()).contains("firelake accounting: " + data + " is a directory, not a manifest file")
                .doesNotContain("no manifest at");
    }

    @Test
    void withoutADemoOrAManifestItSaysWhatToRun() {
        Run run = accounting("--data-dir", data.toString());
        assertThat(run.exitCode()).isEqualTo(AccountingCommand.EXIT_UNREADABLE);
        assertThat(run.err()).contains("no manifest at " + DataLayout.of(data).demoManifest())
                .contains("run ./firelake demo first").contains("--manifest FILE");
    }

    private static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> String.format("00000000-0000-4000-8000-%012d", i)).toList();
    }
}
