package io.firelake.local.endpoint;

import io.firelake.config.layout.DataLayout;
import io.firelake.glue.BatchCommand;
import io.firelake.local.cli.FirelakeCli;
import io.firelake.local.config.SamTemplate;
import io.firelake.local.runtime.LocalPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.core.SdkBytes;
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

            assertThat(done.exit()).as(done.out() + done.err()).isZero();
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
