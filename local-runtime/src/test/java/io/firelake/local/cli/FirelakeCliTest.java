package io.firelake.local.cli;

import io.firelake.events.contract.PinnedContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's help and its errors: one clear line and a non-zero exit, before anything half-starts. */
@PinnedContract("clickstream")
class FirelakeCliTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = FirelakeCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommands() {
        Run help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("demo", "local", "monitor", "accounting", "replay-errors");
        assertThat(run("demo", "--help").out()).contains("--events", "--fault-rate", "--seed", "--data-dir");
    }

    @Test
    void theSpeedAndBatchLayerCommandsAreMounted() {
        assertThat(run("--help").out()).contains("realtime", "batch", "report");
        Run realtime = run("realtime", "--help");
        assertThat(realtime.exit()).isZero();
        assertThat(realtime.out()).contains("--endpoint", "--minutes", "local up runs");
        assertThat(run("batch", "--help").out()).contains("--date", "--lookback-days", "--source", "--stack");
        assertThat(run("--help").out()).contains("catalog");
        Run catalog = run("catalog", "sync", "--help");
        assertThat(catalog.exit()).isZero();
        assertThat(catalog.out()).contains("--endpoint-url", "--database", "GlueDatabaseName", "--table", "--lake");
        Run report = run("report", "--list");
        assertThat(report.exit()).isZero();
        assertThat(report.out()).contains("hourly_traffic", "duplicates_removed");
    }

    @Test
    void reportAndBatchReadTheLocalLakeAndSayWhenItIsEmpty(@TempDir Path data) {
        Run batch = run("batch", "--data-dir", data.toString());
        assertThat(batch.exit()).isEqualTo(2);
    }

    @Test
    void statusSaysWhenNothingRuns(@TempDir Path data) {
        Run status = run("local", "status", "--data-dir", data.toString());
        assertThat(status.exit()).isEqualTo(3);
        assertThat(status.out()).contains("not running");
    }

    @Test
    void aDataDirectoryThatCannotBeWrittenIsReported(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Run demo = run("demo", "--events", "10", "--data-dir", file.resolve("data").toString());
        assertThat(demo.exit()).isEqualTo(FirelakeCli.EXIT_CANNOT_START);
        assertThat(demo.err()).contains("not writable", "--data-dir");
    }

    @Test
    void aPortInUseIsReportedWithTheEngineThatWantedIt(@TempDir Path data) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run up = run("local", "up", "--data-dir", data.toString(), "--kinesis-port", "0",
                    "--s3-port", String.valueOf(taken.getLocalPort()), "--dynamodb-port", "0");
            assertThat(up.exit()).isEqualTo(FirelakeCli.EXIT_CANNOT_START);
            assertThat(up.err()).contains("S3Proxy", "already in use");
        }
    }

    @Test
    void invalidOptionsAreRejected(@TempDir Path data) {
        Run demo = run("demo", "--fault-rate", "2", "--data-dir", data.toString());
        assertThat(demo.exit()).isNotZero();
        assertThat(demo.err()).contains("--fault-rate");
    }
}
