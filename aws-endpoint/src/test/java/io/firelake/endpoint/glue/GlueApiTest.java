package io.firelake.endpoint.glue;

import io.firelake.endpoint.AwsEndpoint;
import io.firelake.endpoint.store.JsonFileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ConcurrentRunsExceededException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.TableVersion;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.firelake.endpoint.EndpointClientsAccess.glue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Glue API through the real SDK client against the local endpoint. */
class GlueApiTest {

    @TempDir
    Path dir;
    private AwsEndpoint endpoint;
    private GlueJobs jobs;
    private GlueClient glue;
    private final Map<String, Map<String, String>> argumentsSeen = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() {
        endpoint = start(dir);
        glue = glue(endpoint.uri());
    }

    private AwsEndpoint start(Path data) {
        JsonFileStore store = new JsonFileStore(data);
        jobs = new GlueJobs(store, Clock.systemUTC(), (job, script, args) -> {
            argumentsSeen.put(args.get("--JOB_RUN_ID"), args);
            if (job.equals("slow")) {
                release.await(30, TimeUnit.SECONDS);
            }
            return job.equals("broken") ? "compaction failed: no such path s3://lake/raw/" : null;
        });
        return AwsEndpoint.builder().port(0).serve(GlueApi.service(new GlueCatalog(store, Clock.systemUTC()), jobs))
                .start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        glue.close();
        endpoint.close();
        jobs.close();
    }

    @Test
    void tablesHaveVersionsAndSurviveARestart() {
        glue.createDatabase(b -> b.databaseInput(d -> d.name("Firelake")));
        glue.createTable(b -> b.databaseName("firelake").tableInput(table(List.of("event_id"))));
        glue.updateTable(b -> b.databaseName("firelake").tableInput(table(List.of("event_id", "page_url"))));

        assertThat(glue.getTable(b -> b.databaseName("firelake").name("raw_events")).table()
                .storageDescriptor().columns()).extracting(Column::name).containsExactly("event_id", "page_url");
        List<TableVersion> versions = glue.getTableVersions(b -> b.databaseName("firelake").tableName("raw_events"))
                .tableVersions();
        assertThat(versions).extracting(TableVersion::versionId).containsExactly("1", "0");
        assertThat(versions.get(1).table().storageDescriptor().columns()).hasSize(1);

        glue.close();
        endpoint.close();
        endpoint = start(dir);
        glue = glue(endpoint.uri());
        assertThat(glue.getTable(b -> b.databaseName("firelake").name("raw_events")).table().versionId())
                .isEqualTo("1");
        assertThat(glue.getDatabases(b -> { }).databaseList()).hasSize(1);
    }

    @Test
    void errorsAreGluesOwn() {
        assertThatThrownBy(() -> glue.getTable(b -> b.databaseName("nope").name("t")))
                .isInstanceOf(EntityNotFoundException.class).hasMessageContaining("Database nope not found.");
        glue.createDatabase(b -> b.databaseInput(d -> d.name("db")));
        assertThatThrownBy(() -> glue.createDatabase(b -> b.databaseInput(d -> d.name("db"))))
                .isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> glue.getTable(b -> b.databaseName("db")))
                .isInstanceOf(GlueException.class)
                .satisfies(e -> assertThat(((GlueException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"))
                .hasMessageContaining("Value null at 'name' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void partitionsAreCreatedOnceEach() {
        glue.createDatabase(b -> b.databaseInput(d -> d.name("db")));
        glue.createTable(b -> b.databaseName("db").tableInput(table(List.of("event_id")).toBuilder()
                .partitionKeys(Column.builder().name("event_date").type("string").build()).build()));
        PartitionInput day = PartitionInput.builder().values("2026-12-06").build();
        assertThat(glue.batchCreatePartition(b -> b.databaseName("db").tableName("raw_events")
                .partitionInputList(day)).errors()).isEmpty();
        assertThat(glue.batchCreatePartition(b -> b.databaseName("db").tableName("raw_events")
                .partitionInputList(day)).errors()).singleElement()
                .satisfies(e -> assertThat(e.errorDetail().errorCode()).isEqualTo("AlreadyExistsException"));
        assertThat(glue.getPartitions(b -> b.databaseName("db").tableName("raw_events")).partitions()).hasSize(1);
    }

    @Test
    void jobRunsGoThroughGluesStates() throws Exception {
        glue.createJob(b -> b.name("compact").role("arn:aws:iam::000000000000:role/glue")
                .command(c -> c.name("glueetl").scriptLocation("s3://artifacts/launcher.scala"))
                .defaultArguments(Map.of("--class", "io.firelake.glue.Compact", "--from", "2026-12-01")));
        String id = glue.startJobRun(b -> b.jobName("compact").arguments(Map.of("--from", "2026-12-05")))
                .jobRunId();
        JobRun done = await("compact", id);
        assertThat(done.jobRunState()).isEqualTo(JobRunState.SUCCEEDED);
        assertThat(done.completedOn()).isNotNull();
        assertThat(argumentsSeen.get(id)).containsEntry("--JOB_NAME", "compact").containsEntry("--from", "2026-12-05")
                .containsEntry("--class", "io.firelake.glue.Compact");

        glue.createJob(b -> b.name("broken").role("r").command(c -> c.name("glueetl").scriptLocation("s3://x")));
        String failed = glue.startJobRun(b -> b.jobName("broken")).jobRunId();
        assertThat(await("broken", failed)).satisfies(r -> {
            assertThat(r.jobRunState()).isEqualTo(JobRunState.FAILED);
            assertThat(r.errorMessage()).contains("compaction failed");
        });
    }

    @Test
    void aRunCanBeStoppedAndConcurrentRunsAreLimited() throws Exception {
        glue.createJob(b -> b.name("slow").role("r").command(c -> c.name("glueetl").scriptLocation("s3://x")));
        String id = glue.startJobRun(b -> b.jobName("slow")).jobRunId();
        assertThatThrownBy(() -> glue.startJobRun(b -> b.jobName("slow")))
                .isInstanceOf(ConcurrentRunsExceededException.class);
        assertThat(glue.batchStopJobRun(b -> b.jobName("slow").jobRunIds(id, "jr_unknown")))
                .satisfies(r -> {
                    assertThat(r.successfulSubmissions()).hasSize(1);
                    assertThat(r.errors()).singleElement()
                            .satisfies(e -> assertThat(e.errorDetail().errorCode()).isEqualTo("EntityNotFoundException"));
                });
        assertThat(await("slow", id).jobRunState()).isEqualTo(JobRunState.STOPPED);
    }

    private JobRun await(String job, String id) throws InterruptedException {
        return LocalGlue.awaitRun(glue, job, id);
    }

    private static TableInput table(List<String> columns) {
        return TableInput.builder().name("raw_events").tableType("EXTERNAL_TABLE")
                .storageDescriptor(StorageDescriptor.builder().location("s3://firelake-lake/raw/")
                        .columns(columns.stream().map(c -> Column.builder().name(c).type("string").build()).toList())
                        .build())
                .build();
    }
}
