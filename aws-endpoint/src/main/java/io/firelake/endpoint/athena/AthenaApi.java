package io.firelake.endpoint.athena;

import io.firelake.endpoint.json.AwsServiceException;
import io.firelake.endpoint.json.JsonService;
import io.firelake.endpoint.json.ServiceModel;
import io.firelake.endpoint.store.Pages;
import software.amazon.awssdk.services.athena.model.*;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * The Athena API of the local endpoint ({@code X-Amz-Target: AmazonAthena.<Operation>}): queries run on the local
 * {@link QueryEngine} (DuckDB over the lake) with Athena's life cycle, result pages (the first row is the header, as
 * Athena answers for a SELECT), results written to the output location, work groups and named queries.
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/APIReference/API_Operations.html">Athena API operations</a>
 */
public final class AthenaApi {

    /** GetQueryResults answers 1,000 rows at most (the model's MaxQueryResults), and that many by default. */
    public static final int MAX_RESULTS = 1_000;
    /** ListQueryExecutions, ListNamedQueries and ListWorkGroups answer 50 items by default (their MaxResults). */
    public static final int DEFAULT_LIST_SIZE = 50;
    /** The database of a query whose request names none. */
    public static final String DEFAULT_DATABASE = "default";
    /** The ErrorCode of an id a Batch* operation could not find, and the AthenaErrorCode of a bad request. */
    static final String INVALID_INPUT = "INVALID_INPUT";
    /** The AthenaErrorCode of SQL that does not parse. */
    static final String MALFORMED_QUERY = "MALFORMED_QUERY";

    private AthenaApi() {
    }

    public static JsonService service(AthenaCatalog catalog, QueryExecutions queries) {
        return JsonService.builder(ServiceModel.load("athena"))
                .operation("StartQueryExecution", StartQueryExecutionRequest::builder, r -> {
                    WorkGroup group = catalog.workGroup(r.workGroup());
                    String database = r.queryExecutionContext() == null || r.queryExecutionContext().database() == null
                            ? DEFAULT_DATABASE : r.queryExecutionContext().database();
                    WorkGroupConfiguration config = group.configuration();
                    return StartQueryExecutionResponse.builder().queryExecutionId(queries.start(
                            new QueryExecutions.Submission(r.queryString(), database, group.name(),
                                    outputLocation(group, r.resultConfiguration()),
                                    r.hasExecutionParameters() ? r.executionParameters() : List.of(),
                                    config == null ? null : config.bytesScannedCutoffPerQuery(),
                                    r.clientRequestToken()))).build();
                })
                .operation("GetQueryExecution", GetQueryExecutionRequest::builder, r -> GetQueryExecutionResponse
                        .builder().queryExecution(queries.get(r.queryExecutionId())).build())
                .operation("BatchGetQueryExecution", BatchGetQueryExecutionRequest::builder, r -> {
                    List<QueryExecution> found = new ArrayList<>();
                    List<UnprocessedQueryExecutionId> missing = new ArrayList<>();
                    for (String id : r.queryExecutionIds()) {
                        try {
                            found.add(queries.get(id));
                        } catch (AwsServiceException e) {
                            missing.add(UnprocessedQueryExecutionId.builder().queryExecutionId(id)
                                    .errorCode(INVALID_INPUT).errorMessage(e.getMessage()).build());
                        }
                    }
                    return BatchGetQueryExecutionResponse.builder().queryExecutions(found)
                            .unprocessedQueryExecutionIds(missing).build();
                })
                .operation("ListQueryExecutions", ListQueryExecutionsRequest::builder, r -> {
                    Pages.Page<String> page = page(queries.ids(catalog.workGroup(r.workGroup()).name()),
                            r.nextToken(), r.maxResults(), DEFAULT_LIST_SIZE);
                    return ListQueryExecutionsResponse.builder().queryExecutionIds(page.items())
                            .nextToken(page.nextToken()).build();
                })
                .operation("GetQueryResults", GetQueryResultsRequest::builder, r -> results(queries, r))
                .operation("StopQueryExecution", StopQueryExecutionRequest::builder, r -> {
                    queries.stop(r.queryExecutionId());
                    return StopQueryExecutionResponse.builder().build();
                })
                .operation("GetWorkGroup", GetWorkGroupRequest::builder,
                        r -> GetWorkGroupResponse.builder().workGroup(catalog.workGroup(r.workGroup())).build())
                .operation("CreateWorkGroup", CreateWorkGroupRequest::builder, r -> {
                    catalog.createWorkGroup(r);
                    return CreateWorkGroupResponse.builder().build();
                })
                .operation("ListWorkGroups", ListWorkGroupsRequest::builder, r -> {
                    Pages.Page<WorkGroup> page = page(catalog.workGroups(), r.nextToken(), r.maxResults(),
                            DEFAULT_LIST_SIZE);
                    return ListWorkGroupsResponse.builder().nextToken(page.nextToken()).workGroups(page.items()
                            .stream().map(w -> WorkGroupSummary.builder().name(w.name()).state(w.state())
                                    .description(w.description()).creationTime(w.creationTime())
                                    .engineVersion(w.configuration() == null ? null
                                            : w.configuration().engineVersion()).build()).toList()).build();
                })
                .operation("CreateNamedQuery", CreateNamedQueryRequest::builder,
                        r -> CreateNamedQueryResponse.builder().namedQueryId(catalog.createNamedQuery(r)).build())
                .operation("GetNamedQuery", GetNamedQueryRequest::builder,
                        r -> GetNamedQueryResponse.builder().namedQuery(catalog.namedQuery(r.namedQueryId())).build())
                .operation("ListNamedQueries", ListNamedQueriesRequest::builder, r -> {
                    Pages.Page<String> page = page(catalog.namedQueryIds(r.workGroup()), r.nextToken(),
                            r.maxResults(), DEFAULT_LIST_SIZE);
                    return ListNamedQueriesResponse.builder().namedQueryIds(page.items()).nextToken(page.nextToken())
                            .build();
                })
                .operation("BatchGetNamedQuery", BatchGetNamedQueryRequest::builder, r -> {
                    List<NamedQuery> found = new ArrayList<>();
                    List<UnprocessedNamedQueryId> missing = new ArrayList<>();
                    for (String id : r.namedQueryIds()) {
                        catalog.findNamedQuery(id).ifPresentOrElse(found::add, () -> missing.add(
                                UnprocessedNamedQueryId.builder().namedQueryId(id).errorCode(INVALID_INPUT)
                                        .errorMessage("NamedQuery " + id + " was not found").build()));
                    }
                    return BatchGetNamedQueryResponse.builder().namedQueries(found).unprocessedNamedQueryIds(missing)
                            .build();
                })
                .operation("DeleteNamedQuery", DeleteNamedQueryRequest::builder, r -> {
                    catalog.deleteNamedQuery(r.namedQueryId());
                    return DeleteNamedQueryResponse.builder().build();
                })
                .build();
    }

    /** Athena's InvalidRequestException, with the AthenaErrorCode its body carries. */
    static AwsServiceException invalidRequest(String athenaErrorCode, String message) {
        return AwsServiceException.of("InvalidRequestException", message).with("AthenaErrorCode", athenaErrorCode);
    }

    private static String outputLocation(WorkGroup group, ResultConfiguration requested) {
        WorkGroupConfiguration config = group.configuration();
        boolean enforced = config != null && Boolean.TRUE.equals(config.enforceWorkGroupConfiguration());
        String fromGroup = config == null || config.resultConfiguration() == null ? null
                : config.resultConfiguration().outputLocation();
        String fromRequest = requested == null ? null : requested.outputLocation();
        String output = enforced || fromRequest == null ? fromGroup : fromRequest;
        if (output == null) {
            throw invalidRequest(INVALID_INPUT, "No output location provided. An output location "
                    + "is required either through the Workgroup result configuration setting or as an API input.");
        }
        if (!output.startsWith("s3://") || output.length() <= "s3://".length()) {
            throw invalidRequest(INVALID_INPUT, "The output location " + output
                    + " is not an S3 location: give s3://bucket/prefix/");
        }
        return output;
    }

    /** Pages of a list; a NextToken that was not issued here is Athena's InvalidRequestException. */
    private static <T> Pages.Page<T> page(List<T> all, String token, Integer maxResults, int defaultMax) {
        try {
            return Pages.of(all, token, maxResults, defaultMax);
        } catch (AwsServiceException e) {
            throw invalidRequest(INVALID_INPUT, e.getMessage());
        }
    }

    private static GetQueryResultsResponse results(QueryExecutions queries, GetQueryResultsRequest r) {
        QueryEngine.QueryOutcome outcome = queries.results(r.queryExecutionId());
        // A query's header, then the rows (a utility or DDL statement's rows have none); only the page's rows are built.
        int header = queries.get(r.queryExecutionId()).statementType() == StatementType.DML ? 1 : 0;
        List<Row> rows = new AbstractList<>() {
            @Override
            public Row get(int index) {
                return row(index < header ? outcome.columns().stream().map(QueryEngine.Column::name).toList()
                        : outcome.rows().get(index - header));
            }

            @Override
            public int size() {
                return outcome.rows().size() + header;
            }
        };
        Pages.Page<Row> page = page(rows, r.nextToken(), r.maxResults(), MAX_RESULTS);
        List<ColumnInfo> columns = outcome.columns().stream().map(c -> ColumnInfo.builder().catalogName("hive")
                .schemaName("").tableName("").name(c.name()).label(c.name()).type(c.type())
                .precision(c.precision()).scale(c.scale()).nullable(ColumnNullable.UNKNOWN)
                .caseSensitive(c.type().equals("varchar") || c.type().equals("char")).build()).toList();
        return GetQueryResultsResponse.builder().updateCount(0L).nextToken(page.nextToken())
                .resultSet(ResultSet.builder().rows(page.items())
                        .resultSetMetadata(ResultSetMetadata.builder().columnInfo(columns).build()).build())
                .build();
    }

    private static Row row(List<String> values) {
        return Row.builder().data(values.stream().map(v -> v == null ? Datum.builder().build()
                : Datum.builder().varCharValue(v).build()).toList()).build();
    }
}
