package io.firelake.glue;

import io.firelake.endpoint.glue.LocalGlue;
import io.firelake.glue.aws.GlueJobNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code firelake batch --source aws} through the command itself, against the Glue API of the local endpoint: the Glue
 * SDK starts the stack's jobs, the endpoint runs them with a {@code JobRunner} that records what Glue passed and fails
 * compaction for one day, as a job that finds no raw data does.
 */
class BatchCommandOnGlueTest {

    static final String FAILING_DAY = "2026-11-13";
    static final String ERROR = "Exception in User Class: java.lang.IllegalStateException: no raw data for "
            + FAILING_DAY;

    /** One run the endpoint's runner was asked for. */
    record Started(String job, Map<String, String> arguments) {
    }

    @TempDir
    Path dir;
    private final List<Started> started = new CopyOnWriteArrayList<>();
    private LocalGlue glue;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        glue = LocalGlue.start(dir, (job, script, args) -> {
            started.add(new Started(job, args));
            Thread.sleep(200);
            return job.endsWith("-compaction") && FAILING_DAY.equals(args.get("--from")) ? ERROR : null;
        });
        GlueJobNames names = new GlueJobNames(GlueJobNames.DEFAULT_STACK);
        Map<String, String> defaults = Map.of("--lake", "s3://firelake-lake", "--job-language", "scala");
        glue.createJob(names.compaction(), defaults).createJob(names.views(), defaults);
    }

    @AfterEach
    void stop() {
        glue.close();
    }

    @Test
    void startsCompactionThenTheViewsWithTheDaysAsTheirArguments() {
        int exit = batch("--source", "aws", "--endpoint-url", glue.uri().toString(), "--from", "2026-11-20",
                "--to", "2026-11-21", "--lookback-days", "1", "--poll-interval", "50ms");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(started).extracting(Started::job).containsExactly("firelake-compaction", "firelake-batch-views");
        for (Started run : started) {
            assertThat(run.arguments()).containsEntry("--from", "2026-11-20").containsEntry("--to", "2026-11-21")
                    .containsEntry("--lookback-days", "1").containsEntry("--lake", "s3://firelake-lake")
                    .containsEntry("--JOB_NAME", run.job()).doesNotContainKey("--target-file-mb");
        }
        assertThat(out.toString()).containsPattern(Pattern.compile("firelake-compaction: started run jr_\\w+"))
                .contains("firelake-compaction: SUCCEEDED after ", "firelake-batch-views: SUCCEEDED after ",
                        "done: firelake-compaction, firelake-batch-views for 2026-11-20..2026-11-21 (lookback 1 days)");
        assertThat(out.toString().indexOf("firelake-compaction: SUCCEEDED"))
                .isLessThan(out.toString().indexOf("firelake-batch-views: started run"));
    }

    @Test
    void aFailedCompactionExitsOneWithGluesErrorAndTheViewsDoNotStart() {
        int exit = batch("--source", "aws", "--endpoint-url", glue.uri().toString(), "--date", FAILING_DAY,
                "--target-file-mb", "64", "--poll-interval", "50ms");

        assertThat(exit).isEqualTo(1);
        assertThat(started).extracting(Started::job).containsExactly("firelake-compaction");
        assertThat(started.get(0).arguments()).containsEntry("--target-file-mb", "64");
        assertThat(out.toString()).contains("firelake-compaction: FAILED after ");
        assertThat(err.toString()).contains("firelake batch: firelake-compaction FAILED: " + ERROR,
                "firelake batch: firelake-batch-views not started");
    }

    @Test
    void anUndeployedStackOrAnUnreachableEndpointIsExplainedNotThrown() throws Exception {
        assertThat(batch("--source", "aws", "--endpoint-url", glue.uri().toString(), "--stack", "shop")).isEqualTo(2);
        assertThat(err.toString()).contains("no Glue job shop-compaction at " + glue.uri(), "--stack")
                .doesNotContain("\tat ");

        int unused;
        try (var socket = new java.net.ServerSocket(0)) {
            unused = socket.getLocalPort();
        }
        assertThat(batch("--endpoint-url", "http://127.0.0.1:" + unused)).isEqualTo(2);
        assertThat(err.toString()).contains("firelake-compaction at http://127.0.0.1:" + unused);
        assertThat(started).isEmpty();
    }

    @Test
    void optionsOfTheOtherModeAreRefused() throws Exception {
        Files.createDirectories(dir.resolve("lake/raw"));
        assertThat(batch("--source", "aws", "--lake", dir.resolve("lake").toString(), "--cores", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("--lake, --cores apply only to --source local");
        assertThat(batch("--source", "local", "--stack", "shop", "--lake", dir.resolve("lake").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--stack applies only to --source aws");
        assertThat(batch("--source", "aws", "--stack", "1-not-a-stack", "--endpoint-url", glue.uri().toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("'1-not-a-stack' is not a CloudFormation stack name");
        assertThat(started).isEmpty();
    }

    private int batch(String... args) {
        return new CommandLine(new BatchCommand()).setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }
}
