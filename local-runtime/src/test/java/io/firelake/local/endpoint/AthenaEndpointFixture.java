package io.firelake.local.endpoint;

import io.firelake.athena.KnownLake;
import io.firelake.aws.client.AwsClientFactory;
import io.firelake.aws.client.ClientSettings;
import io.firelake.aws.client.SyncHttp;
import io.firelake.config.layout.DataLayout;
import io.firelake.local.config.SamTemplate;
import io.firelake.local.engines.LocalAws;
import io.firelake.local.engines.S3ProxyServer;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local AWS endpoint with Athena as {@code local up} serves it, without the Firehose: S3Proxy for the lake and the
 * results, the Glue database and tables made by {@code createCatalog}, the template's work group and named queries
 * made by {@code ensureAthena}, and athena-queries' known lake (two days in range, one outside) in the lake bucket.
 */
final class AthenaEndpointFixture implements AutoCloseable {

    static final String WORK_GROUP = "firelake-reports";
    static final String DATABASE = "firelake";
    /** No Kinesis stream is read here: the endpoint forwards Kinesis calls to nothing. */
    private static final URI NO_KINESIS = URI.create("http://127.0.0.1:9");

    final DataLayout layout;
    final S3ProxyServer s3proxy;
    final LocalAwsEndpoint endpoint;
    final AthenaClient athena;
    private final KinesisClient kinesis;
    private final S3Client s3;

    private AthenaEndpointFixture(Path data) throws Exception {
        layout = DataLayout.of(data);
        KnownLake.write(layout.lakeDir());
        s3proxy = S3ProxyServer.start(layout.s3Dir(), 0);
        kinesis = LocalAws.kinesis(NO_KINESIS);
        s3 = LocalAws.s3(s3proxy.endpoint());
        endpoint = LocalAwsEndpoint.start(0, layout, new LocalAwsEndpoint.Engines(NO_KINESIS, s3proxy.endpoint(), null),
                schemas -> new LocalDeliveryStreams(new LocalDeliveryStreams.Environment(layout, kinesis,
                        s3, name -> Optional.empty(), schemas, c -> c, List::of, layout.metricsFile(),
                        Clock.systemUTC()), LocalDeliveryStreams.DEFAULT_SCHEMA_CHECK));
        endpoint.createCatalog(DATABASE, layout.bucket(), List.of());
        endpoint.ensureAthena(TemplateAthena.of(SamTemplate.load(), TemplateGlueJobs.LOCAL_STACK, layout.bucket()));
        athena = client(AthenaClient.builder());
    }

    static AthenaEndpointFixture start(Path data) throws Exception {
        return new AthenaEndpointFixture(data);
    }

    /** An SDK client of the endpoint, with the local fake credentials. */
    <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return AwsClientFactory.of(ClientSettings.localEngine(endpoint.uri())).sync(builder, SyncHttp.apache(4))
                .build();
    }

    /** The endpoint's Glue catalog, as its Athena looks tables up in it. */
    io.firelake.endpoint.glue.GlueCatalog glue() {
        return new io.firelake.endpoint.glue.GlueCatalog(new io.firelake.endpoint.store.JsonFileStore(
                layout.awsDir().resolve("glue")), Clock.systemUTC());
    }

    /** Polls GetQueryExecution until the query is SUCCEEDED, FAILED or CANCELLED. */
    QueryExecution await(String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            QueryExecution e = athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution();
            QueryExecutionState state = e.status().state();
            if (state == QueryExecutionState.SUCCEEDED || state == QueryExecutionState.FAILED
                    || state == QueryExecutionState.CANCELLED) {
                return e;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("query " + id + " did not finish in 2 minutes");
    }

    /** Runs the statement in the fixture's work group and database, and waits until it is finished. */
    QueryExecution run(String sql) throws InterruptedException {
        return await(athena.startQueryExecution(b -> b.queryString(sql).workGroup(WORK_GROUP)
                .queryExecutionContext(c -> c.database(DATABASE))).queryExecutionId());
    }

    /** The results of a statement that must have succeeded. */
    GetQueryResultsResponse results(QueryExecution done) {
        assertThat(done.status().state()).as(done.status().stateChangeReason())
                .isEqualTo(QueryExecutionState.SUCCEEDED);
        return athena.getQueryResults(b -> b.queryExecutionId(done.queryExecutionId()));
    }

    /** The first value of each row. */
    static List<String> firstValues(GetQueryResultsResponse results) {
        return results.resultSet().rows().stream().map(r -> r.data().get(0)).map(Datum::varCharValue).toList();
    }

    /** Where S3Proxy keeps an object of the lake bucket. */
    Path object(String s3Location) {
        URI uri = URI.create(s3Location);
        return s3proxy.pathOf(uri.getHost(), uri.getPath().substring(1));
    }

    @Override
    public void close() {
        athena.close();
        endpoint.close();
        kinesis.close();
        s3.close();
        s3proxy.close();
    }
}
