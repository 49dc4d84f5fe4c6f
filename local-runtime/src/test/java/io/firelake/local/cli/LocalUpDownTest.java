package io.firelake.local.cli;

import io.firelake.athena.report.ReportCatalog;
import io.firelake.producer.ProducerRun;
import io.firelake.producer.generate.FaultRates;
import io.firelake.producer.generate.SimulationSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code firelake local up --detach}, {@code status} and {@code down} as a user runs them: the background process
 * starts every engine on free ports and says where they are, the producer writes to the printed endpoint, and
 * {@code down} stops it after the Firehose has delivered its buffers, so every event sent is in the lake; and a
 * {@code kill -9} of it loses nothing.
 */
class LocalUpDownTest {

    private static final int EVENTS = 400;
    private static final int KILLED_EVENTS = 3_000;

    @TempDir
    Path data;

    @AfterEach
    void stopWhatIsLeft() {
        RuntimeState.read(data).flatMap(s -> ProcessHandle.of(s.pid())).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Test
    void upRunsInTheBackgroundUntilDownAndDownDeliversTheBuffers() throws Exception {
        String upOutput = upInTheBackground(data);
        assertThat(upOutput).contains("running in the background", "kinesalite", "S3Proxy", "DynamoDB Local");

        RuntimeState state = RuntimeState.read(data).orElseThrow();
        assertThat(ProcessHandle.of(state.pid())).map(ProcessHandle::isAlive).contains(true);
        FirelakeCliTest.Run status = FirelakeCliTest.run("local", "status", "--data-dir", data.toString());
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("running (pid " + state.pid(), state.kinesisEndpoint(),
                "aws endpoint    " + state.awsEndpoint()).doesNotContain("NOT REACHABLE");
        assertThat(status.out()).contains("console         " + state.consoleEndpoint());
        assertThat(state.consoleEndpoint()).startsWith("http://127.0.0.1:");
        // What local up made, it made through its own AWS endpoint: any AWS client sees it there.
        var clients = io.firelake.aws.client.AwsClientFactory.of(
                io.firelake.aws.client.ClientSettings.localEngine(URI.create(state.awsEndpoint())));
        try (var firehose = clients.sync(software.amazon.awssdk.services.firehose.FirehoseClient.builder(),
                io.firelake.aws.client.SyncHttp.urlConnection()).build();
             var glue = clients.sync(software.amazon.awssdk.services.glue.GlueClient.builder(),
                     io.firelake.aws.client.SyncHttp.urlConnection()).build()) {
            assertThat(firehose.describeDeliveryStream(b -> b.deliveryStreamName(state.deliveryStreamName()))
                    .deliveryStreamDescription().deliveryStreamStatusAsString()).isEqualTo("ACTIVE");
            assertThat(glue.getTables(b -> b.databaseName("firelake")).tableList())
                    .extracting(software.amazon.awssdk.services.glue.model.Table::name).contains("raw_events");
            // The contract's view tables too, with the columns of each view's header and its description (as the SAM
            // template's).
            assertThat(glue.getTables(b -> b.databaseName("firelake")).tableList())
                    .extracting(software.amazon.awssdk.services.glue.model.Table::name)
                    .containsExactlyInAnyOrderElementsOf(io.firelake.athena.catalog.LakeTables.all());
            for (var view : io.firelake.events.contract.Contracts.selected().batchViews()) {
                var table = glue.getTable(b -> b.databaseName("firelake").name(view.name())).table();
                assertThat(table.storageDescriptor().columns()).extracting(c -> c.name() + " " + c.type())
                        .isEqualTo(view.columns().stream().map(c -> c.name() + " " + c.type()).toList());
                assertThat(table.description()).as("the template's ViewTables description")
                        .isEqualTo(io.firelake.athena.catalog.LakeTables.viewDescription(view));
            }
            assertThat(glue.getJobs(b -> { }).jobs()).extracting(software.amazon.awssdk.services.glue.model.Job::name)
                    .contains("firelake-compaction", "firelake-batch-views");
        }
        try (var athena = clients.sync(software.amazon.awssdk.services.athena.AthenaClient.builder(),
                io.firelake.aws.client.SyncHttp.urlConnection()).build()) {
            assertThat(athena.listNamedQueries(b -> b.workGroup("firelake-reports")).namedQueryIds())
                    .as("the template's work group and a named query per report").hasSize(ReportCatalog.names().size());
        }

        var sent = ProducerRun.builder().endpoint(URI.create(state.kinesisEndpoint())).stream(state.streamName())
                .simulate(SimulationSettings.live(7, EVENTS).withFaults(FaultRates.none()))
                .build().run().summary();
        assertThat(sent.delivered()).isEqualTo(EVENTS);
        awaitIncomingRecords(data, EVENTS, Duration.ofMinutes(2));

        FirelakeCliTest.Run down = FirelakeCliTest.run("local", "down", "--data-dir", data.toString());
        assertThat(down.exit()).as(down.out() + down.err()).isZero();
        assertThat(down.out()).contains("stopped");
        assertThat(ProcessHandle.of(state.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(RuntimeState.read(data)).isEmpty();
        assertThat(rowsInTheLake(data)).as("every event sent is delivered by the time down returns").isEqualTo(EVENTS);

        assertThat(FirelakeCliTest.run("local", "status", "--data-dir", data.toString()).exit()).isEqualTo(3);
    }

    /**
     * Crash safety as a user would test it: {@code kill -9} of {@code local up} while the local Firehose holds records
     * it has read but not delivered (its S3 buffers wait 300 s), then {@code local up} again and {@code local down}:
     * every event the producer sent is accounted for, {@code lost=0} (duplicates allowed: at least once).
     */
    @Test
    void aKillNineMidStreamThenARestartLosesNothing() throws Exception {
        upInTheBackground(data);
        RuntimeState first = RuntimeState.read(data).orElseThrow();
        Path manifest = data.resolve("kill-nine-manifest.jsonl");
        var sent = ProducerRun.builder().endpoint(URI.create(first.kinesisEndpoint())).stream(first.streamName())
                .simulate(SimulationSettings.live(11, KILLED_EVENTS).withFaults(FaultRates.none()))
                .manifest(manifest)
                .build().run().summary();
        assertThat(sent.delivered()).isEqualTo(KILLED_EVENTS);
        awaitIncomingRecords(data, KILLED_EVENTS, Duration.ofMinutes(2));

        ProcessHandle process = ProcessHandle.of(first.pid()).orElseThrow();
        assertThat(process.destroyForcibly()).as("SIGKILL sent").isTrue();
        assertThat(process.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(rowsInTheLake(data)).as("read but still buffered when killed").isLessThan(KILLED_EVENTS);

        upInTheBackground(data);
        RuntimeState second = RuntimeState.read(data).orElseThrow();
        assertThat(second.pid()).isNotEqualTo(first.pid());
        // The speed layer resumes its windows from its checkpoint and saved window state: every event counted once.
        assertThat(speedLayerEvents(second, KILLED_EVENTS, Duration.ofMinutes(2))).isEqualTo(KILLED_EVENTS);
        FirelakeCliTest.Run down = FirelakeCliTest.run("local", "down", "--data-dir", data.toString());
        assertThat(down.exit()).as(down.out() + down.err()).isZero();

        FirelakeCliTest.Run accounting = FirelakeCliTest.run("accounting", "--manifest", manifest.toString(),
                "--data-dir", data.toString());
        assertThat(accounting.exit()).as(accounting.out() + accounting.err()).isZero();
        assertThat(accounting.out()).containsPattern("accounting: produced=" + KILLED_EVENTS + " delivered=" + KILLED_EVENTS
                + " dropped=0 failed=0 duplicates=\\d+ lost=0");
    }

    /** The events the speed layer's table counts over the last minutes, once it reaches {@code expected} or time is up. */
    private static long speedLayerEvents(RuntimeState state, long expected, Duration timeout) throws InterruptedException {
        String table = io.firelake.local.config.SamTemplate.load().text("AggregatesTableName");
        try (var dynamo = io.firelake.local.engines.LocalAws.dynamoDb(URI.create(state.dynamoDbEndpoint()))) {
            long deadline = System.nanoTime() + timeout.toNanos();
            long counted = 0;
            while (System.nanoTime() < deadline) {
                counted = io.firelake.speed.reader.RealtimeCommand.report(dynamo, table,
                        java.time.Instant.now().plusSeconds(60), 15, 10).rows().stream()
                        .mapToLong(io.firelake.speed.report.RealtimeReport.MinuteRow::events).sum();
                if (counted >= expected) {
                    // a little longer: a double count would show as more than expected
                    Thread.sleep(3_000);
                    return io.firelake.speed.reader.RealtimeCommand.report(dynamo, table,
                            java.time.Instant.now().plusSeconds(60), 15, 10).rows().stream()
                            .mapToLong(io.firelake.speed.report.RealtimeReport.MinuteRow::events).sum();
                }
                Thread.sleep(500);
            }
            return counted;
        }
    }

    /** The same JVM and class path as this test, running the CLI's main class. */
    private static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), FirelakeCli.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** The local Firehose reads in the background: waits until its IncomingRecords metric has counted them all. */
    private static void awaitIncomingRecords(Path data, long expected, Duration timeout) throws IOException, InterruptedException {
        Path metrics = data.resolve("firehose").resolve("metrics.jsonl");
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = 0;
        while (System.nanoTime() < deadline) {
            seen = incomingRecords(metrics);
            if (seen >= expected) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the local Firehose read " + seen + " of " + expected + " records within " + timeout);
    }

    private static long incomingRecords(Path metrics) throws IOException {
        if (!Files.exists(metrics)) {
            return 0;
        }
        long total = 0;
        for (String line : Files.readAllLines(metrics)) {
            if (line.contains("\"MetricName\":\"IncomingRecords\"")) {
                total += Long.parseLong(line.replaceAll(".*\"Value\":(\\d+).*", "$1"));
            }
        }
        return total;
    }

    /** {@code local up --detach} on {@code data}, every port free; returns its output once it is ready. */
    private static String upInTheBackground(Path data) throws Exception {
        // A 2 s speed-layer window: the kill test waits for the windows to close, not for the template's minute.
        Process up = new ProcessBuilder(javaCommand("local", "up", "--detach", "--data-dir", data.toString(),
                "--aws-port", "0", "--kinesis-port", "0", "--s3-port", "0", "--dynamodb-port", "0",
                "--console-port", "0", "--speed-window-seconds", "2"))
                .redirectErrorStream(true).start();
        assertThat(up.waitFor(4, TimeUnit.MINUTES)).as("local up --detach returns once ready").isTrue();
        String output = new String(up.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(up.exitValue()).as(output).isZero();
        return output;
    }

    private static long rowsInTheLake(Path data) throws Exception {
        Path raw = data.resolve("s3").resolve("firelake-lake").resolve("raw");
        if (!Files.isDirectory(raw)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(raw)) {
            Optional<Path> any = files.filter(f -> f.toString().endsWith(".parquet")).findAny();
            if (any.isEmpty()) {
                return 0;
            }
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT count(*) FROM read_parquet('" + raw + "/*/*/*.parquet')")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
