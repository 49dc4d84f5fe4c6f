package io.firelake.athena.glue;

import io.firelake.aws.client.AwsClientFactory;
import io.firelake.aws.client.ClientSettings;
import io.firelake.aws.client.SyncHttp;
import io.firelake.endpoint.AwsEndpoint;
import io.firelake.endpoint.glue.GlueApi;
import io.firelake.endpoint.glue.GlueCatalog;
import io.firelake.endpoint.glue.GlueJobs;
import io.firelake.endpoint.store.JsonFileStore;
import software.amazon.awssdk.services.glue.GlueClient;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

/** The tests' Glue: the local endpoint's Glue API on a free port, its catalog in a directory, and an SDK client. */
public final class LocalGlue implements AutoCloseable {

    private final GlueJobs jobs;
    private final AwsEndpoint endpoint;
    private final GlueClient client;

    private LocalGlue(GlueJobs jobs, AwsEndpoint endpoint) {
        this.jobs = jobs;
        this.endpoint = endpoint;
        this.client = AwsClientFactory.of(ClientSettings.localEngine(endpoint.uri()))
                .sync(GlueClient.builder(), SyncHttp.urlConnection()).build();
    }

    /** With a database named {@code database} already there, as the stack or {@code local up} creates it. */
    public static LocalGlue start(Path dir, String database) {
        JsonFileStore store = new JsonFileStore(dir);
        GlueJobs jobs = new GlueJobs(store, Clock.systemUTC(), (job, script, args) -> null);
        LocalGlue glue = new LocalGlue(jobs, AwsEndpoint.builder().port(0)
                .serve(GlueApi.service(new GlueCatalog(store, Clock.systemUTC()), jobs)).start());
        glue.client.createDatabase(b -> b.databaseInput(d -> d.name(database)));
        return glue;
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
