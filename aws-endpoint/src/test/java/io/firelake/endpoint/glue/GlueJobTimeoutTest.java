package io.firelake.endpoint.glue;

import io.firelake.endpoint.AwsEndpoint;
import io.firelake.endpoint.store.JsonFileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static io.firelake.endpoint.EndpointClientsAccess.glue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run past its {@code Timeout} ends in TIMEOUT, its program stopped. The endpoint is built with a timeout minute of
 * 200 ms (the test-only constructor of {@link GlueJobs}), so a {@code Timeout} of 1, the API's least, passes at once.
 */
class GlueJobTimeoutTest {

    private static final Duration TEST_MINUTE = Duration.ofMillis(200);

    @TempDir
    Path dir;
    private GlueJobs jobs;
    private AwsEndpoint endpoint;
    private GlueClient glue;
    private final Set<String> interrupted = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() {
        JsonFileStore store = new JsonFileStore(dir);
        jobs = new GlueJobs(store, Clock.systemUTC(), (job, script, args) -> {
            if (job.equals("quick")) {
                return null;
            }
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(60));
                return null;
            } catch (InterruptedException e) {
                interrupted.add(args.get("--JOB_RUN_ID"));
                throw e;
            }
        }, TEST_MINUTE);
        endpoint = AwsEndpoint.builder().port(0)
                .serve(GlueApi.service(new GlueCatalog(store, Clock.systemUTC()), jobs)).start();
        glue = glue(endpoint.uri());
    }

    @AfterEach
    void stop() {
        glue.close();
        endpoint.close();
        jobs.close();
    }

    @Test
    void aRunPastTheJobsTimeoutEndsInTimeout() throws InterruptedException {
        glue.createJob(b -> b.name("stuck").role("r").timeout(1)
                .command(c -> c.name("glueetl").scriptLocation("s3://x")));
        String id = glue.startJobRun(b -> b.jobName("stuck")).jobRunId();

        JobRun run = await("stuck", id);
        assertThat(run.jobRunState()).isEqualTo(JobRunState.TIMEOUT);
        assertThat(run.errorMessage()).isEqualTo("Job run timed out");
        assertThat(run.timeout()).isEqualTo(1);
        assertThat(run.executionTime()).isNotNull();
        assertThat(run.completedOn()).isNotNull();
        assertThat(interrupted).as("the job's program was stopped").contains(id);
    }

    @Test
    void aRunsOwnTimeoutOverridesTheJobs() throws InterruptedException {
        glue.createJob(b -> b.name("stuck").role("r").command(c -> c.name("glueetl").scriptLocation("s3://x")));
        assertThat(glue.getJob(b -> b.jobName("stuck")).job().timeout()).isEqualTo(GlueJobs.DEFAULT_TIMEOUT_MINUTES);
        String id = glue.startJobRun(b -> b.jobName("stuck").timeout(2)).jobRunId();

        assertThat(glue.getJobRun(b -> b.jobName("stuck").runId(id)).jobRun().timeout()).isEqualTo(2);
        assertThat(await("stuck", id).jobRunState()).isEqualTo(JobRunState.TIMEOUT);
    }

    @Test
    void aRunThatEndsInTimeIsNotTimedOut() throws InterruptedException {
        glue.createJob(b -> b.name("quick").role("r").timeout(1)
                .command(c -> c.name("glueetl").scriptLocation("s3://x")));
        String id = glue.startJobRun(b -> b.jobName("quick")).jobRunId();
        assertThat(await("quick", id).jobRunState()).isEqualTo(JobRunState.SUCCEEDED);
        Thread.sleep(TEST_MINUTE.multipliedBy(2).toMillis());
        assertThat(glue.getJobRun(b -> b.jobName("quick").runId(id)).jobRun().jobRunState())
                .isEqualTo(JobRunState.SUCCEEDED);
    }

    private JobRun await(String job, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            JobRun run = glue.getJobRun(b -> b.jobName(job).runId(id)).jobRun();
            if (GlueJobs.finished(run.jobRunState())) {
                return run;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("run " + id + " did not finish");
    }
}
