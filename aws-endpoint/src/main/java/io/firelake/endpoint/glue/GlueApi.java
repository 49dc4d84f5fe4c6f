package io.firelake.endpoint.glue;

import io.firelake.endpoint.json.JsonService;
import io.firelake.endpoint.json.ServiceModel;
import io.firelake.endpoint.store.Pages;
import software.amazon.awssdk.services.glue.model.*;

import java.util.ArrayList;
import java.util.List;

/**
 * The Glue API of the local endpoint ({@code X-Amz-Target: AWSGlue.<Operation>}): the Data Catalog's databases,
 * tables, table versions and partitions ({@link GlueCatalog}) and jobs with their runs ({@link GlueJobs}).
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/webapi/API_Operations.html">Glue API operations</a>
 */
public final class GlueApi {

    /** Glue's page sizes when a request gives no {@code MaxResults}. */
    public static final int DEFAULT_PAGE_SIZE = 100;
    /** BatchCreatePartition takes at most 100 partitions, BatchDeletePartition 25 (also in the model). */
    public static final int MAX_PARTITIONS_PER_BATCH_CREATE = 100;

    private GlueApi() {
    }

    public static JsonService service(GlueCatalog catalog, GlueJobs jobs) {
        return JsonService.builder(ServiceModel.load("glue"))
                .operation("CreateDatabase", CreateDatabaseRequest::builder, r -> {
                    catalog.createDatabase(r.databaseInput());
                    return CreateDatabaseResponse.builder().build();
                })
                .operation("GetDatabase", GetDatabaseRequest::builder,
                        r -> GetDatabaseResponse.builder().database(catalog.database(r.name())).build())
                .operation("GetDatabases", GetDatabasesRequest::builder, r -> {
                    Pages.Page<Database> page = Pages.of(catalog.databases(), r.nextToken(), r.maxResults(),
                            DEFAULT_PAGE_SIZE);
                    return GetDatabasesResponse.builder().databaseList(page.items()).nextToken(page.nextToken())
                            .build();
                })
                .operation("UpdateDatabase", UpdateDatabaseRequest::builder, r -> {
                    catalog.updateDatabase(r.name(), r.databaseInput());
                    return UpdateDatabaseResponse.builder().build();
                })
                .operation("DeleteDatabase", DeleteDatabaseRequest::builder, r -> {
                    catalog.deleteDatabase(r.name());
                    return DeleteDatabaseResponse.builder().build();
                })
                .operation("CreateTable", CreateTableRequest::builder, r -> {
                    catalog.createTable(r.databaseName(), r.tableInput());
                    return CreateTableResponse.builder().build();
                })
                .operation("UpdateTable", UpdateTableRequest::builder, r -> {
                    catalog.updateTable(r.databaseName(), r.tableInput());
                    return UpdateTableResponse.builder().build();
                })
                .operation("GetTable", GetTableRequest::builder,
                        r -> GetTableResponse.builder().table(catalog.table(r.databaseName(), r.name())).build())
                .operation("GetTables", GetTablesRequest::builder, r -> {
                    Pages.Page<Table> page = Pages.of(catalog.tables(r.databaseName(), r.expression()),
                            r.nextToken(), r.maxResults(), DEFAULT_PAGE_SIZE);
                    return GetTablesResponse.builder().tableList(page.items()).nextToken(page.nextToken()).build();
                })
                .operation("GetTableVersions", GetTableVersionsRequest::builder, r -> {
                    Pages.Page<TableVersion> page = Pages.of(catalog.tableVersions(r.databaseName(), r.tableName()),
                            r.nextToken(), r.maxResults(), DEFAULT_PAGE_SIZE);
                    return GetTableVersionsResponse.builder().tableVersions(page.items())
                            .nextToken(page.nextToken()).build();
                })
                .operation("DeleteTable", DeleteTableRequest::builder, r -> {
                    catalog.deleteTable(r.databaseName(), r.name());
                    return DeleteTableResponse.builder().build();
                })
                .operation("GetPartition", GetPartitionRequest::builder, r -> GetPartitionResponse.builder()
                        .partition(catalog.partition(r.databaseName(), r.tableName(), r.partitionValues())).build())
                .operation("GetPartitions", GetPartitionsRequest::builder, r -> {
                    PartitionSegment segment = PartitionSegment.of(r.segment());
                    List<Partition> selected = catalog.partitions(r.databaseName(), r.tableName(), r.expression())
                            .stream().filter(p -> segment.contains(p.values())).toList();
                    Pages.Page<Partition> page = Pages.of(selected, r.nextToken(), r.maxResults(), DEFAULT_PAGE_SIZE);
                    return GetPartitionsResponse.builder().partitions(page.items()).nextToken(page.nextToken())
                            .build();
                })
                .operation("BatchGetPartition", BatchGetPartitionRequest::builder, r -> {
                    // A partition that does not exist is left out, in neither list; UnprocessedKeys are for keys
                    // Glue could not read in time, which cannot happen here.
                    List<Partition> found = new ArrayList<>();
                    for (PartitionValueList values : r.partitionsToGet()) {
                        catalog.findPartition(r.databaseName(), r.tableName(), values.values()).ifPresent(found::add);
                    }
                    return BatchGetPartitionResponse.builder().partitions(found).unprocessedKeys(List.of()).build();
                })
                .operation("BatchCreatePartition", BatchCreatePartitionRequest::builder, r -> {
                    List<PartitionError> errors = new ArrayList<>();
                    for (PartitionInput input : r.partitionInputList()) {
                        String why = catalog.createPartition(r.databaseName(), r.tableName(), input);
                        if (why != null) {
                            errors.add(PartitionError.builder().partitionValues(input.values())
                                    .errorDetail(detail(why)).build());
                        }
                    }
                    catalog.savePartitions();
                    return BatchCreatePartitionResponse.builder().errors(errors).build();
                })
                .operation("BatchDeletePartition", BatchDeletePartitionRequest::builder, r -> {
                    List<PartitionError> errors = new ArrayList<>();
                    for (PartitionValueList values : r.partitionsToDelete()) {
                        if (!catalog.deletePartition(r.databaseName(), r.tableName(), values.values())) {
                            errors.add(PartitionError.builder().partitionValues(values.values())
                                    .errorDetail(detail("EntityNotFoundException:Partition not found.")).build());
                        }
                    }
                    catalog.savePartitions();
                    return BatchDeletePartitionResponse.builder().errors(errors).build();
                })
                .operation("CreateJob", CreateJobRequest::builder,
                        r -> CreateJobResponse.builder().name(jobs.createJob(r)).build())
                .operation("GetJob", GetJobRequest::builder,
                        r -> GetJobResponse.builder().job(jobs.job(r.jobName())).build())
                .operation("GetJobs", GetJobsRequest::builder, r -> {
                    Pages.Page<Job> page = Pages.of(jobs.jobs(), r.nextToken(), r.maxResults(), DEFAULT_PAGE_SIZE);
                    return GetJobsResponse.builder().jobs(page.items()).nextToken(page.nextToken()).build();
                })
                .operation("DeleteJob", DeleteJobRequest::builder, r -> {
                    jobs.deleteJob(r.jobName());
                    return DeleteJobResponse.builder().jobName(r.jobName()).build();
                })
                .operation("StartJobRun", StartJobRunRequest::builder, r -> StartJobRunResponse.builder()
                        .jobRunId(jobs.start(r.jobName(), r.arguments(), r.timeout())).build())
                .operation("GetJobRun", GetJobRunRequest::builder,
                        r -> GetJobRunResponse.builder().jobRun(jobs.run(r.jobName(), r.runId())).build())
                .operation("GetJobRuns", GetJobRunsRequest::builder, r -> {
                    Pages.Page<JobRun> page = Pages.of(jobs.runs(r.jobName()), r.nextToken(), r.maxResults(),
                            DEFAULT_PAGE_SIZE);
                    return GetJobRunsResponse.builder().jobRuns(page.items()).nextToken(page.nextToken()).build();
                })
                .operation("BatchStopJobRun", BatchStopJobRunRequest::builder, r -> {
                    BatchStopJobRunResponse.Builder out = BatchStopJobRunResponse.builder();
                    List<BatchStopJobRunSuccessfulSubmission> ok = new ArrayList<>();
                    List<BatchStopJobRunError> errors = new ArrayList<>();
                    for (String id : r.jobRunIds()) {
                        String why = jobs.stop(r.jobName(), id);
                        if (why == null) {
                            ok.add(BatchStopJobRunSuccessfulSubmission.builder().jobName(r.jobName()).jobRunId(id)
                                    .build());
                        } else {
                            errors.add(BatchStopJobRunError.builder().jobName(r.jobName()).jobRunId(id)
                                    .errorDetail(detail(why)).build());
                        }
                    }
                    return out.successfulSubmissions(ok).errors(errors).build();
                })
                .build();
    }

    private static ErrorDetail detail(String codeAndMessage) {
        int colon = codeAndMessage.indexOf(':');
        return ErrorDetail.builder().errorCode(codeAndMessage.substring(0, colon))
                .errorMessage(codeAndMessage.substring(colon + 1)).build();
    }
}
