package io.firelake.local.cli;

import io.firelake.local.engines.DynamoDbLocalServer;
import io.firelake.speed.dynamodb.AggregateTable;
import io.firelake.speed.dynamodb.DynamoDbClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new user's mistakes on the command line: each gets its error first, in one line that names the command, a "did
 * you mean" for a misspelt option, and where the help is, never two screens of usage or a Java class name.
 */
class UsageErrorsTest {

    @Test
    void aMistakeIsTheErrorAndWhereTheHelpIsNotTheWholeUsage() {
        FirelakeCliTest.Run badNumber = FirelakeCliTest.run("demo", "--events", "abc");
        assertThat(badNumber.exit()).isEqualTo(2);
        assertThat(badNumber.err()).startsWith("firelake demo: Invalid value for option '--events': 'abc' is not a long")
                .contains("Run 'firelake demo --help' for the options.").doesNotContain("Usage:");

        FirelakeCliTest.Run misspelt = FirelakeCliTest.run("local", "up", "--data-dri", "x");
        assertThat(misspelt.exit()).isEqualTo(2);
        assertThat(misspelt.err()).startsWith("firelake local up: Unknown options: '--data-dri', 'x'")
                .contains("--data-dir", "Run 'firelake local up --help'").doesNotContain("Usage:");

        FirelakeCliTest.Run checkedByTheCommand = FirelakeCliTest.run("demo", "--fault-rate", "2");
        assertThat(checkedByTheCommand.err()).startsWith("firelake demo: --fault-rate must be between 0 and 1")
                .doesNotContain("Usage:");
    }

    @Test
    void daysAndInstantsThatAreNoneSayWhatTheyShouldBe() {
        FirelakeCliTest.Run batch = FirelakeCliTest.run("batch", "--date", "2026-13-01");
        assertThat(batch.exit()).isEqualTo(2);
        assertThat(batch.err()).contains("'2026-13-01' is not a day: use yyyy-MM-dd").doesNotContain("java.time");
        FirelakeCliTest.Run report = FirelakeCliTest.run("report", "--all", "--from", "yesterday");
        assertThat(report.exit()).isEqualTo(2);
        assertThat(report.err()).contains("'yesterday' is not a day").doesNotContain("java.time");
        FirelakeCliTest.Run realtime = FirelakeCliTest.run("realtime", "--until", "now");
        assertThat(realtime.exit()).isEqualTo(2);
        assertThat(realtime.err()).contains("'now' is not an instant", "2026-11-21T14:05:00Z")
                .doesNotContain("java.time");
    }

    /**
     * The demo ends with "local up --data-dir D, then realtime --data-dir D": realtime finds the DynamoDB Local of the
     * pipeline running on that data directory (here a DynamoDB Local and the state file local up writes).
     */
    @Test
    void realtimeReadsTheLocalUpOfItsDataDirectory(@TempDir Path data) {
        try (DynamoDbLocalServer dynamoDbLocal = DynamoDbLocalServer.start();
             DynamoDbClient dynamo = DynamoDbClients.create(dynamoDbLocal.endpoint().toString())) {
            AggregateTable.createIfMissing(dynamo, AggregateTable.DEFAULT_TABLE_NAME);
            String endpoint = dynamoDbLocal.endpoint().toString();
            new RuntimeState(ProcessHandle.current().pid(), Instant.now().toString(), data.toString(),
                    "http://127.0.0.1:1", "http://127.0.0.1:1", "http://127.0.0.1:1", endpoint, "firelake-events",
                    "firelake-delivery", "firelake-lake", null).write(data);

            FirelakeCliTest.Run realtime = FirelakeCliTest.run("realtime", "--data-dir", data.toString(),
                    "--minutes", "2");
            assertThat(realtime.exit()).as(realtime.err()).isZero();
            assertThat(realtime.out()).contains("from table firelake-realtime at " + endpoint);
        }
    }

    @Test
    void replayErrorsRefusesAnErrorTypeFirehoseDoesNotWriteAndALakeThatIsNotThere(@TempDir Path data) {
        FirelakeCliTest.Run typo = FirelakeCliTest.run("replay-errors", "--data-dir", data.toString(), "--dry-run",
                "--error-type", "procesing-failed");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("--error-type procesing-failed is not an error output type",
                "processing-failed, format-conversion-failed, partitioning-failed");

        FirelakeCliTest.Run noLake = FirelakeCliTest.run("replay-errors", "--data-dir", data.resolve("none").toString(),
                "--dry-run");
        assertThat(noLake.exit()).isEqualTo(3);
        assertThat(noLake.err()).contains("no lake at " + data.resolve("none"), "--data-dir");
    }

    @Test
    void localUpOnADataDirectoryThatIsAFileNamesTheCommandAndTheFile(@TempDir Path tmp) throws Exception {
        Path file = java.nio.file.Files.writeString(tmp.resolve("a-file"), "x");
        FirelakeCliTest.Run up = FirelakeCliTest.run("local", "up", "--data-dir", file.toString(), "--aws-port", "0",
                "--kinesis-port", "0", "--s3-port", "0", "--dynamodb-port", "0", "--console-port", "-1");
        assertThat(up.exit()).isEqualTo(FirelakeCli.EXIT_CANNOT_START);
        assertThat(up.err()).startsWith("firelake local up: the data directory " + file + " is not writable (" + file
                + " is a file, not a directory). Choose another with --data-dir.");
    }

    @Test
    void aTakenAwsPortIsNamedBeforeAnyEngineStarts(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            FirelakeCliTest.Run demo = FirelakeCliTest.run("demo", "--events", "10", "--aws-port", String.valueOf(port),
                    "--console-port", "-1", "--data-dir", data.toString());
            assertThat(demo.exit()).isEqualTo(FirelakeCli.EXIT_CANNOT_START);
            assertThat(demo.err()).contains("the AWS endpoint cannot listen on 127.0.0.1:" + port
                    + ": the port is already in use", "(0 picks a free one)");
            assertThat(io.firelake.config.layout.DataLayout.of(data).kinesisDir()).as("no engine started").doesNotExist();
        }
        FirelakeCliTest.Run outOfRange = FirelakeCliTest.run("demo", "--events", "10", "--aws-port", "99999",
                "--console-port", "-1", "--data-dir", data.toString());
        assertThat(outOfRange.err()).contains("the AWS endpoint: port 99999 is not a valid TCP port");
    }

    @Test
    void monitorAndAccountingRefuseOptionsThatCannotWork(@TempDir Path tmp) {
        FirelakeCliTest.Run busyLoop = FirelakeCliTest.run("monitor", "--data-dir", tmp.toString(), "--watch",
                "--interval", "0s");
        assertThat(busyLoop.exit()).isEqualTo(2);
        assertThat(busyLoop.err()).contains("firelake monitor: --interval must be longer than 0 with --watch");
        FirelakeCliTest.Run htmlDirectory = FirelakeCliTest.run("monitor", "--data-dir", tmp.toString(), "--html",
                tmp.toString());
        assertThat(htmlDirectory.exit()).isEqualTo(2);
        assertThat(htmlDirectory.err()).contains("--html " + tmp + " is a directory").doesNotContain("FIRELAKE_DEBUG");
        FirelakeCliTest.Run negative = FirelakeCliTest.run("accounting", "--data-dir", tmp.toString(),
                "--show-lost", "-1");
        assertThat(negative.exit()).isEqualTo(2);
        assertThat(negative.err()).contains("firelake accounting: --show-lost must not be negative");
    }

    @Test
    void aCommandGroupWithNoSubcommandIsOneLineAndAMonitorWithNoMetricsCouldNotReadThem(@TempDir Path empty) {
        FirelakeCliTest.Run catalog = FirelakeCliTest.run("catalog");
        assertThat(catalog.exit()).isEqualTo(2);
        assertThat(catalog.err()).startsWith("firelake catalog: give a subcommand, check or sync")
                .contains("Run 'firelake catalog --help' for the options.").doesNotContain("Usage:", "Examples:");

        FirelakeCliTest.Run monitor = FirelakeCliTest.run("monitor", "--data-dir", empty.toString());
        assertThat(monitor.exit()).isEqualTo(3);
        assertThat(monitor.err()).startsWith("firelake monitor: cannot read firelake-delivery: no metrics file at "
                + empty.resolve("firehose/metrics.jsonl") + " (is the local Firehose running?");
        assertThat(monitor.out()).doesNotContain("DEGRADED", "FAILING");
    }
}
