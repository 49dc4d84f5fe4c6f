package io.firelake.glue.aws;

import io.firelake.aws.client.AwsClientFactory;
import io.firelake.aws.client.ClientSettings;
import io.firelake.aws.client.SyncHttp;
import io.firelake.endpoint.AwsEndpoint;
import io.firelake.endpoint.glue.GlueApi;
import io.firelake.endpoint.glue.GlueCatalog;
import io.firelake.endpoint.glue.GlueJobs;
import io.firelake.endpoint.glue.JobRunner;
import io.firelake.endpoint.store.JsonFileStore;
import software.amazon.awssdk.services.glue.GlueClient;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The tests' Glue: the local endpoint's Glue API on a free port, its jobs run by the test's {@link JobRunner}, and an
 * SDK client that creates them as CloudFormation would.
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
        client = AwsClientFactory.of(ClientSettings.localEngine(endpoint.uri()))
                .sync(GlueClient.builder(), SyncHttp.urlConnection()).build();
    }

    public static LocalGlue start(Path dir, JobRunner runner) {
        return new LocalGlue(dir, runner);
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

    @Override
    public void close() {
        client.close();
        endpoint.close();
        jobs.close();
    }
}
