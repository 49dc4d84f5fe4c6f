package io.firelake.local.endpoint;

import io.firelake.events.contract.PinnedContract;
import io.firelake.aws.client.AwsClientFactory;
import io.firelake.aws.client.ClientSettings;
import io.firelake.aws.client.SyncHttp;
import io.firelake.config.layout.DataLayout;
import io.firelake.glue.BatchCommand;
import io.firelake.local.cli.FirelakeCli;
import io.firelake.local.config.SamTemplate;
import io.firelake.local.runtime.LocalPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * {@code firelake batch --source aws} against the local pipeline's endpoint: the Glue SDK starts the template's jobs
 * that {@code LocalPipeline} created through the Glue API, and {@link LocalGlueJobRunner} runs the real compaction and
 * views classes with Spark in local mode on the lake the local Firehose wrote. Needs Spark's class path file, which
 * {@code ./mvnw -pl glue-jobs -am package} writes (a full build writes it before this module's tests).
 */
@PinnedContract("clickstream")
class GlueJobsOnTheLocalEndpointTest {

    static final int EVENTS = 120;

    private record Run(int exit, String out, String err) {
    }

    @Test
    void theDeployedJobsRunTheRealSparkCodeAndAFailingRunStopsTheBatch(@TempDir Path data) throws Exception {
        assertThatCode(BatchCommand::locateClasspath).as("run ./mvnw -pl glue-jobs -am package -DskipTests first")
                .doesNotThrowAnyException();
        var options = new LocalPipeline.Options(data, SamTemplate.load(), 0, 0, -1, c -> c);
        try (LocalPipeline pipeline = LocalPipeline.start(options)) {
            Instant now = Instant.now();
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                byte[] event = event(UUID.randomUUID().toString(), now.minusSeconds(i), i % 3 == 0 ? "add_to_cart"
                        : "page_view", "s-" + i % 5);
                entries.add(entry(i, event));
                if (i % 10 == 0) {
                    entries.add(entry(i, event)); // delivered twice, as Kinesis and Firehose may
                }
            }
            assertThat(pipeline.kinesis().putRecords(b -> b.streamName(options.settings().streamName())
                    .records(entries)).failedRecordCount()).isZero();
            pipeline.firehose().drain(Duration.ofSeconds(60));
            String days = LocalDate.ofInstant(now.minusSeconds(EVENTS), ZoneOffset.UTC) + "";
            String today = LocalDate.ofInstant(now, ZoneOffset.UTC) + "";
            String endpoint = pipeline.awsEndpoint().toString();

            Run done = firelake("batch", "--source", "aws", "--endpoint-url", endpoint, "--from", days, "--to", today,
                    "--lookback-days", "0", "--poll-interval", "250ms");

            Path jobLog = DataLayout.of(data).logFile("glue-firelake-compaction");
            assertThat(done.exit()).as(() -> done.out() + done.err() + tail(jobLog)).isZero();
            assertThat(done.out()).contains("firelake-compaction: SUCCEEDED", "firelake-batch-views: SUCCEEDED",
                    "done: firelake-compaction, firelake-batch-views");
            Path lake = pipeline.lakeDir();
            assertThat(count(lake, "SELECT count(*), count(DISTINCT event_id) FROM read_parquet('" + lake
                    + "/raw/*/*/*.parquet')")).containsExactly((long) entries.size(), (long) EVENTS);
            assertThat(count(lake, "SELECT count(*), count(DISTINCT event_id) FROM read_parquet('" + lake
                    + "/curated/*/*.parquet')")).containsExactly((long) EVENTS, (long) EVENTS);
            assertThat(count(lake, "SELECT sum(page_views) FROM read_parquet('" + lake
                    + "/views/traffic_hourly/*/*.parquet')")).containsExactly((long) (EVENTS - EVENTS / 3));
            assertThat(DataLayout.of(data).logFile("glue-firelake-compaction")).exists();
            assertThat(Files.readString(DataLayout.of(data).logFile("glue-firelake-compaction")))
                    .as("the job got --lake as Glue passes it, and read it through S3A")
                    .contains("--lake, s3://firelake-lake", "firelake compaction: run ", " SUCCEEDED in ");

            // The same job on the same raw files as local paths (firelake batch's local mode) writes the same rows.
            Path copy = data.resolve("path-lake");
            copyTree(lake.resolve("raw"), copy.resolve("raw"));
            Run local = firelake("batch", "--lake", copy.toString(), "--from", days, "--to", today,
                    "--lookback-days", "0", "--cores", "1");
            assertThat(local.exit()).as(local.out() + local.err()).isZero();
            String viaS3a = "read_parquet('" + lake + "/curated/*/*.parquet', hive_partitioning = true)";
            String viaPath = "read_parquet('" + copy + "/curated/*/*.parquet', hive_partitioning = true)";
            assertThat(count(lake, "SELECT (SELECT count(*) FROM " + viaS3a + "), (SELECT count(*) FROM (SELECT * FROM "
                    + viaS3a + " EXCEPT ALL SELECT * FROM " + viaPath + ")), (SELECT count(*) FROM (SELECT * FROM "
                    + viaPath + " EXCEPT ALL SELECT * FROM " + viaS3a + "))")).containsExactly((long) EVENTS, 0L, 0L);

            // A scheduled run (no --from/--to) is incremental: its first run compacts every day with raw files and
            // records what it did under state/.
            try (GlueClient glue = AwsClientFactory.of(ClientSettings.localEngine(pipeline.awsEndpoint()))
                    .sync(GlueClient.builder(), SyncHttp.urlConnection()).build()) {
                String run = glue.startJobRun(b -> b.jobName("firelake-compaction")).jobRunId();
                JobRun ended = glue.getJobRun(b -> b.jobName("firelake-compaction").runId(run)).jobRun();
                for (int i = 0; i < 600 && !List.of(JobRunState.SUCCEEDED, JobRunState.FAILED)
                        .contains(ended.jobRunState()); i++) {
                    Thread.sleep(250);
                    ended = glue.getJobRun(b -> b.jobName("firelake-compaction").runId(run)).jobRun();
                }
                assertThat(ended.jobRunState()).as(ended.errorMessage()).isEqualTo(JobRunState.SUCCEEDED);
                assertThat(Files.readString(lake.resolve("state/compaction.properties")))
                        .contains("run=" + run, "days=" + (days.equals(today) ? days : days + "," + today));
            }

            // The job's own argument check fails the run: Glue's ErrorMessage is the exception line, no views start.
            Run failed = firelake("batch", "--source", "aws", "--endpoint-url", endpoint, "--date", today,
                    "--target-file-mb", "0", "--poll-interval", "250ms");

            assertThat(failed.exit()).isEqualTo(1);
            assertThat(failed.err()).contains("firelake batch: firelake-compaction FAILED: ",
                            "IllegalArgumentException: --target-file-mb must be at least 1",
                            "firelake batch: firelake-batch-views not started")
                    .doesNotContain("\tat ");
            assertThat(failed.out()).doesNotContain("firelake-batch-views: started");
        }
    }

    /** The end of a job's log, to say why a run failed. */
    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static PutRecordsRequestEntry entry(int i, byte[] event) {
        return PutRecordsRequestEntry.builder().partitionKey("k" + i).data(SdkBytes.fromByteArray(event)).build();
    }

    private static byte[] event(String id, Instant time, String type, String session) {
        return ("{\"event_id\":\"" + id + "\",\"event_type\":\"" + type + "\",\"event_time\":\"" + time
                + "\",\"session_id\":\"" + session + "\",\"page_url\":\"https://shop.example/p/1\","
                + "\"user_agent\":\"Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0\""
                + (type.equals("add_to_cart") ? ",\"product_id\":\"p-1\",\"quantity\":1" : "") + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static List<Long> count(Path lake, String query) throws Exception {
        assertThat(Files.isDirectory(lake)).isTrue();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            List<Long> values = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(rs.getLong(i));
            }
            return values;
        }
    }

    private static Run firelake(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = FirelakeCli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
