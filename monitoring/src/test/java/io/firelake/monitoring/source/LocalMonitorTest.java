package io.firelake.monitoring.source;

import io.firelake.config.layout.DataLayout;
import io.firelake.monitoring.Fixtures;
import io.firelake.monitoring.cli.MonitorCommand;
import io.firelake.monitoring.metrics.MetricPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The monitor command on the local runtime's files: the local Firehose's metrics lines and the lake. */
class LocalMonitorTest {
    private static final String STREAM = "firelake-delivery";

    @TempDir
    Path data;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private int monitor(StringWriter out, String... extra) {
        List<String> args = new ArrayList<>(List.of("--data-dir", data.toString(), "--delivery-stream", STREAM,
                "--since", "30m", "--buffer-interval", "60"));
        args.addAll(List.of(extra));
        return new CommandLine(new MonitorCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
                .execute(args.toArray(String[]::new));
    }

    private void metrics(boolean delivering) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int m = 20; m >= 1; m--) {
            Instant t = now.minusSeconds(60L * m);
            lines.add(Fixtures.metricLine(new MetricPoint("IncomingRecords", t, 500, "Count"), STREAM));
            lines.add(Fixtures.metricLine(new MetricPoint("ExecuteProcessing.Success", t, 1, "None"), STREAM));
            lines.add(Fixtures.metricLine(new MetricPoint("DeliveryToS3.Records", t,
                    delivering || m > 10 ? 500 : 0, "Count"), STREAM));
            lines.add(Fixtures.metricLine(new MetricPoint("DeliveryToS3.DataFreshness", t,
                    delivering || m > 10 ? 30 : 60 * (11 - m), "Seconds"), STREAM));
            lines.add(Fixtures.metricLine(new MetricPoint("IncomingRecords", t, 7, "Count"), "another-stream"));
        }
        lines.add("{\"timestamp\":\"" + now + "\",\"metric\":\"IncomingRec"); // a line still being written
        Path file = data.resolve("firehose/metrics.jsonl");
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }

    @Test
    void aLocalFirehoseThatKeepsUpIsHealthy() throws Exception {
        metrics(true);
        StringWriter out = new StringWriter();

        assertThat(monitor(out)).as(out.toString()).isZero();
        assertThat(out.toString()).contains("firelake-delivery: HEALTHY").contains("10000 records in");
    }

    @Test
    void aStalledLocalFirehoseFailsAndRejectedRecordsShow() throws Exception {
        metrics(false);
        Fixtures.writeErrorObject(DataLayout.of(data).errorsDir().resolve("processing-failed/2026/11/22/f-1"),
                List.of(Fixtures.errorDocument("not json".getBytes(StandardCharsets.UTF_8), "Lambda.ProcessingFailed",
                        "MALFORMED_JSON", now.minusSeconds(120))));
        StringWriter out = new StringWriter();

        assertThat(monitor(out)).isEqualTo(MonitorCommand.EXIT_FAILING);
        assertThat(out.toString()).contains("delivery stalled").contains("1 records in processing-failed")
                .contains("sample [processing-failed MALFORMED_JSON] not json");
    }

    /** No metrics is metrics that could not be read (exit 3, as the help says), not a degraded or failing lake. */
    @Test
    void noMetricsFileIsUnreadableAndSaysWhy() {
        StringWriter out = new StringWriter();

        assertThat(monitor(out, "--degraded-exit-code", "7")).isEqualTo(MonitorCommand.EXIT_UNREADABLE);
        assertThat(out.toString()).contains("no metrics file at").contains("is the local Firehose running?")
                .contains("firelake monitor: cannot read " + STREAM + ": no metrics file at "
                        + data.resolve("firehose/metrics.jsonl"))
                .doesNotContain("DEGRADED", "FAILING");

        StringWriter named = new StringWriter();
        assertThat(monitor(named, "--metrics-file", data.resolve("nonexistent").toString()))
                .isEqualTo(MonitorCommand.EXIT_UNREADABLE);
        assertThat(named.toString()).contains("cannot read " + STREAM + ": no metrics file at "
                + data.resolve("nonexistent"), "--metrics-file").doesNotContain("FAILING", "DEGRADED");
    }

    @Test
    void watchRedrawsUntilStopped() throws Exception {
        metrics(true);
        StringWriter out = new StringWriter();

        assertThat(monitor(out, "--watch", "--interval", "0s", "--iterations", "2")).isZero();
        assertThat(out.toString().split("firelake-delivery: HEALTHY", -1)).hasSize(3);
    }

    @Test
    void aBadDurationIsAUsageError() {
        StringWriter out = new StringWriter();

        assertThat(monitor(out, "--interval", "soon")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(out.toString()).contains("'soon' is not a duration", "90s, 15m", "2d", "PT0.5S");
    }
}
