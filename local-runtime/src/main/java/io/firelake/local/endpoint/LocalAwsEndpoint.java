package io.firelake.local.endpoint;

import io.firelake.athena.catalog.LakeTables;
import io.firelake.athena.glue.GlueCatalogSync;
import io.firelake.aws.client.AwsClientFactory;
import io.firelake.aws.client.ClientSettings;
import io.firelake.aws.client.SyncHttp;
import io.firelake.aws.firehose.DeliveryStreamWait;
import io.firelake.config.layout.DataLayout;
import io.firelake.endpoint.AwsEndpoint;
import io.firelake.endpoint.cloudwatch.CloudWatchApi;
import io.firelake.endpoint.cloudwatch.MetricStore;
import io.firelake.endpoint.firehose.DeliveryStreamRegistry;
import io.firelake.endpoint.firehose.FirehoseApi;
import io.firelake.endpoint.glue.GlueApi;
import io.firelake.endpoint.glue.GlueCatalog;
import io.firelake.endpoint.glue.GlueJobs;
import io.firelake.endpoint.store.JsonFileStore;
import io.firelake.local.engines.LocalAws;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.CreateNamedQueryRequest;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CreateDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.ResourceInUseException;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.CreateJobRequest;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The local pipeline's one AWS endpoint ({@link AwsEndpoint}) with firelake's services behind it: Firehose on the local
 * Firehose ({@link LocalDeliveryStreams}), Glue's catalog and jobs on the data directory and Spark, Athena on DuckDB
 * over the lake ({@link LocalAthena}), CloudWatch on the local Firehose's metrics ({@link MetricsFileFeed}), and Kinesis, S3 and DynamoDB forwarded to their engines. The pipeline's own
 * resources (the Glue database and tables, the jobs, the delivery stream, the Athena work group and named queries, the
 * CloudWatch alarms)
 * are created through the endpoint with the SDK, as CloudFormation creates them on AWS.
 */
public final class LocalAwsEndpoint implements AutoCloseable {

    /** Where the endpoint's resources live, what it forwards to, and what runs the delivery streams. */
    public record Engines(URI kinesis, URI s3, URI dynamoDb) {
    }

    private final AwsEndpoint endpoint;
    private final DeliveryStreamRegistry registry;
    private final LocalDeliveryStreams streams;
    private final GlueJobs jobs;
    private final GlueClient glue;
    private final FirehoseClient firehose;
    private final LocalAthena athena;
    private final S3Client results;
    private final AthenaClient athenaClient;
    private final CloudWatchClient cloudWatch;

    private LocalAwsEndpoint(AwsEndpoint endpoint, DeliveryStreamRegistry registry, LocalDeliveryStreams streams,
                             GlueJobs jobs, GlueClient glue, FirehoseClient firehose, LocalAthena athena,
                             S3Client results, AthenaClient athenaClient, CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
        this.endpoint = endpoint;
        this.registry = registry;
        this.streams = streams;
        this.jobs = jobs;
        this.glue = glue;
        this.firehose = firehose;
        this.athena = athena;
        this.results = results;
        this.athenaClient = athenaClient;
    }

    /**
     * Starts the endpoint on {@code port} (0 for a free one) and the delivery streams kept from an earlier run.
     *
     * @param streams makes the backend of the Firehose API, given the schema source that reads through the endpoint
     */
    public static LocalAwsEndpoint start(int port, DataLayout layout, Engines engines,
                                         Function<GlueTableSchemas, LocalDeliveryStreams> streams) {
        Clock clock = Clock.systemUTC();
        JsonFileStore glueStore = new JsonFileStore(layout.awsDir().resolve("glue"));
        GlueJobs jobs = new GlueJobs(glueStore, clock, new LocalGlueJobRunner(layout, engines.s3()));
        GlueClient[] glue = new GlueClient[1];
        LocalDeliveryStreams backend = streams.apply(new GlueTableSchemas(() -> glue[0]));
        DeliveryStreamRegistry registry = new DeliveryStreamRegistry(
                new JsonFileStore(layout.awsDir().resolve("firehose")), backend, clock);
        GlueCatalog catalog = new GlueCatalog(glueStore, clock);
        S3Client results = LocalAws.s3(engines.s3());
        LocalAthena athena = LocalAthena.start(layout.awsDir().resolve("athena"), layout.lakeDir(), catalog, results,
                clock);
        AwsEndpoint.Builder builder = AwsEndpoint.builder().port(port)
                .serve(GlueApi.service(catalog, jobs))
                .serve(FirehoseApi.service(registry))
                .serve(athena.service())
                .serve(CloudWatchApi.service(new MetricStore(new MetricsFileFeed(layout.metricsFile())), clock,
                        new JsonFileStore(layout.awsDir().resolve("cloudwatch"))))
                .forward("kinesis", engines.kinesis())
                .forward("s3", engines.s3());
        if (engines.dynamoDb() != null) {
            builder.forward("dynamodb", engines.dynamoDb());
        }
        AwsEndpoint endpoint;
        try {
            endpoint = builder.start();
        } catch (RuntimeException e) {
            registry.close();
            backend.close();
            jobs.close();
            athena.close();
            results.close();
            throw e;
        }
        AwsClientFactory clients = AwsClientFactory.of(ClientSettings.localEngine(endpoint.uri()));
        glue[0] = clients.sync(GlueClient.builder(), SyncHttp.apache(8)).build();
        FirehoseClient firehose = clients.sync(FirehoseClient.builder(), SyncHttp.apache(8)).build();
        AthenaClient athenaClient = clients.sync(AthenaClient.builder(), SyncHttp.apache(2)).build();
        CloudWatchClient cloudWatch = clients.sync(CloudWatchClient.builder(), SyncHttp.apache(2)).build();
        registry.restore();
        return new LocalAwsEndpoint(endpoint, registry, backend, jobs, glue[0], firehose, athena, results, athenaClient,
                cloudWatch);
    }

    public URI uri() {
        return endpoint.uri();
    }

    public LocalDeliveryStreams deliveryStreams() {
        return streams;
    }

    /**
     * The Glue database and the contract's lake tables (created, or brought back to the contract), and the template's
     * jobs, through the Glue API.
     */
    public void createCatalog(String database, String lakeBucket, List<CreateJobRequest> jobRequests) {
        try {
            glue.getDatabase(b -> b.name(database));
        } catch (EntityNotFoundException e) {
            glue.createDatabase(b -> b.databaseInput(d -> d.name(database)
                    .description("firelake's lake tables (local)")));
        }
        new GlueCatalogSync(glue, database).sync(LakeTables.all(), "s3://" + lakeBucket);
        for (CreateJobRequest job : jobRequests) {
            try {
                glue.getJob(b -> b.jobName(job.name()));
            } catch (EntityNotFoundException e) {
                glue.createJob(job);
            }
        }
    }

    /**
     * Creates the delivery stream unless an earlier run did (it then starts again on its own), and waits until it is
     * ACTIVE, as a Firehose user must: CreateDeliveryStream answers at once with the stream CREATING. A stream left
     * CREATING_FAILED is deleted and created again, as CloudFormation rolls a failed resource back and creates it at
     * the next deploy; one left DELETING is awaited, then created.
     *
     * @throws io.firelake.aws.wait.ResourceWaitException if it failed to start (CREATING_FAILED, with the reason),
     *                                                    or is not ACTIVE within {@code timeout}
     */
    public void ensureDeliveryStream(CreateDeliveryStreamRequest request, Duration timeout) {
        String name = request.deliveryStreamName();
        DeliveryStreamStatus status;
        try {
            status = firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription()
                    .deliveryStreamStatus();
        } catch (ResourceNotFoundException e) {
            status = null;
        }
        if (status == DeliveryStreamStatus.CREATING_FAILED || status == DeliveryStreamStatus.DELETING) {
            if (status == DeliveryStreamStatus.CREATING_FAILED) {
                firehose.deleteDeliveryStream(b -> b.deliveryStreamName(name));
            }
            DeliveryStreamWait.awaitDeleted(firehose, name, timeout);
            status = null;
        }
        if (status == null) {
            try {
                firehose.createDeliveryStream(request);
            } catch (ResourceInUseException madeByTheFirstAttempt) {
                // an SDK retry after a lost answer: this runtime is the one creator in its data directory
            }
        }
        DeliveryStreamWait.awaitActive(firehose, name, timeout);
    }

    /**
     * The template's Athena work group and named queries, through the Athena API, unless an earlier run made them (a
     * named query is known by its name in its work group).
     */
    public void ensureAthena(TemplateAthena.Resources resources) {
        String group = resources.workGroup().name();
        try {
            athenaClient.getWorkGroup(b -> b.workGroup(group));
        } catch (software.amazon.awssdk.services.athena.model.InvalidRequestException e) {
            athenaClient.createWorkGroup(resources.workGroup());
        }
        Set<String> existing = new HashSet<>();
        for (String workGroup : resources.namedQueries().stream().map(CreateNamedQueryRequest::workGroup)
                .distinct().toList()) {
            List<String> ids = athenaClient.listNamedQueriesPaginator(b -> b.workGroup(workGroup)).stream()
                    .flatMap(page -> page.namedQueryIds().stream()).toList();
            for (int i = 0; i < ids.size(); i += 50) {
                List<String> batch = ids.subList(i, Math.min(ids.size(), i + 50));
                athenaClient.batchGetNamedQuery(b -> b.namedQueryIds(batch)).namedQueries().stream()
                        .map(q -> q.workGroup() + "/" + q.name()).forEach(existing::add);
            }
        }
        for (CreateNamedQueryRequest query : resources.namedQueries()) {
            if (!existing.contains(query.workGroup() + "/" + query.name())) {
                athenaClient.createNamedQuery(query);
            }
        }
    }

    /** The template's CloudWatch alarms, through PutMetricAlarm (which creates or replaces each). */
    public void ensureAlarms(List<PutMetricAlarmRequest> alarms) {
        alarms.forEach(cloudWatch::putMetricAlarm);
    }

    /** Stops the delivery streams (what they did not deliver stays behind their checkpoints), then the endpoint. */
    @Override
    public void close() {
        registry.close();
        streams.close();
        jobs.close();
        glue.close();
        firehose.close();
        athenaClient.close();
        cloudWatch.close();
        endpoint.close();
        athena.close();
        results.close();
    }
}
