package io.firelake.endpoint.glue;

import io.firelake.endpoint.AwsEndpoint;
import io.firelake.endpoint.store.JsonFileStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobRun;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The tests' Glue, shared by every module that calls Glue (published in this module's test jar): the local endpoint's
 * Glue API on a free port, its catalog in a directory, its jobs run by the test's {@link JobRunner}, and an SDK client
 * with the local fake credentials.
 */
public final class LocalGlue implements AutoCloseable {

    private final GlueJobs jobs;
    private final AwsEndpoint endpoint;
    private final GlueClient client;

    private LocalGlue(Path dir, JobRunner runner) {
        JsonFileStore store = new JsonFileStore(dir);
        jobs = new GlueJobs(store, Clock.systemUTC(), runner);
        endpoint = AwsEndpoint.builder().port(0).serve(GlueApi.service(new GlueCatalog(store, Clock.systemUTC()), jobs))
                .start();
        client = GlueClient.builder().endpointOverride(endpoint.uri()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("firelakelocal", "firelake-local-secret")))
                .build();
    }

    public static LocalGlue start(Path dir, JobRunner runner) {
        return new LocalGlue(dir, runner);
    }

    /** Jobs that succeed at once: for tests of the catalog only. */
    public static LocalGlue start(Path dir) {
        return new LocalGlue(dir, (job, script, args) -> null);
    }

    /** A database already there, as the stack or {@code local up} creates it. */
    public LocalGlue withDatabase(String database) {
        client.createDatabase(b -> b.databaseInput(d -> d.name(database)));
        return this;
    }

    /** A JVM job as the SAM template declares one, with these default arguments. */
    public LocalGlue createJob(String name, Map<String, String> defaultArguments) {
        client.createJob(b -> b.name(name).role("arn:aws:iam::000000000000:role/firelake-glue-jobs")
                .command(c -> c.name("glueetl").scriptLocation("s3://artifacts/glue/launcher.scala"))
                .defaultArguments(defaultArguments));
        return this;
    }

    public URI uri() {
        return endpoint.uri();
    }

    public GlueClient client() {
        return client;
    }

    /** Polls GetJobRun until the run is in a final state (20 seconds at most). */
    public static JobRun awaitRun(GlueClient glue, String job, String id) throws InterruptedException {
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

    @Override
    public void close() {
        client.close();
        endpoint.close();
        jobs.close();
    }
}
