package io.firelake.glue.aws;

import io.firelake.endpoint.glue.LocalGlue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Starting and following Glue job runs through the Glue SDK, against the Glue API of the local endpoint. */
class GlueJobRunsTest {

    @TempDir
    Path dir;
    private LocalGlue local;
    private final StringWriter out = new StringWriter();
    private GlueJobRuns runs;

    @BeforeEach
    void start() {
        local = LocalGlue.start(dir, (job, script, args) -> {
            Thread.sleep(300);
            return args.containsKey("--fail") ? "Exception in User Class: no raw data for 2026-12-06" : null;
        }).createJob("stack-compaction", Map.of());
        runs = new GlueJobRuns(local.client(), new PrintWriter(out), Duration.ofMillis(20),
                d -> Thread.sleep(d.toMillis()));
    }

    @AfterEach
    void stop() {
        local.close();
    }

    @Test
    void followsASuccessfulRunWithProgressLines() throws Exception {
        JobRun run = runs.run("stack-compaction", Map.of("--from", "2026-12-06"));
        assertThat(GlueJobRuns.succeeded(run)).isTrue();
        assertThat(out.toString()).contains("stack-compaction: started run jr_")
                .contains("stack-compaction: RUNNING").contains("stack-compaction: SUCCEEDED");
    }

    @Test
    void aFailedRunCarriesGluesErrorMessage() throws Exception {
        JobRun run = runs.run("stack-compaction", Map.of("--fail", "true"));
        assertThat(run.jobRunState()).isEqualTo(JobRunState.FAILED);
        assertThat(run.errorMessage()).isEqualTo("Exception in User Class: no raw data for 2026-12-06");
    }
}
