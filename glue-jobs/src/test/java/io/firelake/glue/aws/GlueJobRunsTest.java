package io.firelake.glue.aws;

import io.firelake.endpoint.AwsEndpoint;
import io.firelake.endpoint.glue.GlueApi;
import io.firelake.endpoint.glue.GlueCatalog;
import io.firelake.endpoint.glue.GlueJobs;
import io.firelake.endpoint.store.JsonFileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Starting and following Glue job runs through the Glue SDK, against the Glue API of the local endpoint. */
class GlueJobRunsTest {

    @TempDir
    Path dir;
    private AwsEndpoint endpoint;
    private GlueJobs jobs;
    private GlueClient glue;
    private final StringWriter out = new StringWriter();
    private GlueJobRuns runs;

    @BeforeEach
    void start() {
        JsonFileStore store = new JsonFileStore(dir);
        jobs = new GlueJobs(store, Clock.systemUTC(), (job, script, args) -> {
            Thread.sleep(300);
            return args.containsKey("--fail") ? "Exception in User Class: no raw data for 2026-12-06" : null;
        });
        endpoint = AwsEndpoint.builder().port(0).serve(GlueApi.service(new GlueCatalog(store, Clock.systemUTC()), jobs))
                .start();
        glue = GlueClient.builder().endpointOverride(endpoint.uri()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("firelakelocal", "firelake-local-secret")))
                .build();
        glue.createJob(b -> b.name("stack-compaction").role("arn:aws:iam::000000000000:role/glue")
                .command(c -> c.name("glueetl").scriptLocation("s3://artifacts/launcher.scala")));
        runs = new GlueJobRuns(glue, new PrintWriter(out), Duration.ofMillis(20),
                d -> Thread.sleep(d.toMillis()));
    }

    @AfterEach
    void stop() {
        glue.close();
        endpoint.close();
        jobs.close();
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
