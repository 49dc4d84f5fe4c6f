package io.firelake.local.endpoint;

import io.firelake.endpoint.athena.AthenaApi;
import io.firelake.endpoint.athena.AthenaCatalog;
import io.firelake.endpoint.athena.QueryExecutions;
import io.firelake.endpoint.glue.GlueCatalog;
import io.firelake.endpoint.json.AwsServiceException;
import io.firelake.endpoint.json.JsonService;
import io.firelake.endpoint.store.JsonFileStore;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Athena on the local endpoint: the Athena API ({@link AthenaApi}) on query executions run by DuckDB over the lake
 * ({@link DuckDbQueryEngine}), tables looked up in the endpoint's Glue catalog, results written to S3 (S3Proxy), work
 * groups and named queries kept in the data directory.
 */
public final class LocalAthena implements AutoCloseable {

    private final DuckDbQueryEngine engine;
    private final QueryExecutions queries;
    private final JsonService service;

    private LocalAthena(DuckDbQueryEngine engine, QueryExecutions queries, JsonService service) {
        this.engine = engine;
        this.queries = queries;
        this.service = service;
    }

    /**
     * @param athenaDir where the work groups and named queries are kept
     * @param lake      the lake's directory (S3Proxy's files of the lake bucket)
     * @param s3        the client that writes the results
     */
    public static LocalAthena start(Path athenaDir, Path lake, GlueCatalog glue, S3Client s3, Clock clock) {
        DuckDbQueryEngine engine = new DuckDbQueryEngine(lake, tablesOf(glue));
        QueryExecutions queries = new QueryExecutions(engine, new S3ResultsWriter(s3), clock,
                QueryExecutions.DEFAULT_CONCURRENT_QUERIES);
        JsonService service = AthenaApi.service(new AthenaCatalog(new JsonFileStore(athenaDir), clock), queries);
        return new LocalAthena(engine, queries, service);
    }

    /** The databases and tables of the Glue catalog, which is Athena's AwsDataCatalog. */
    static DuckDbQueryEngine.Catalog tablesOf(GlueCatalog glue) {
        return new DuckDbQueryEngine.Catalog() {
            @Override
            public boolean hasDatabase(String database) {
                try {
                    glue.database(database);
                    return true;
                } catch (AwsServiceException e) {
                    return false;
                }
            }

            @Override
            public boolean hasTable(String database, String table) {
                try {
                    glue.table(database, table);
                    return true;
                } catch (AwsServiceException e) {
                    return false;
                }
            }

            @Override
            public List<String> databases() {
                return glue.databases().stream().map(Database::name).toList();
            }

            @Override
            public List<String> tables(String database) {
                return glue.tables(database, null).stream().map(Table::name).toList();
            }

            @Override
            public Table table(String database, String table) {
                return glue.table(database, table);
            }

            @Override
            public List<List<String>> partitions(String database, String table) {
                return glue.partitions(database, table, null).stream().map(Partition::values).toList();
            }
        };
    }

    public JsonService service() {
        return service;
    }

    @Override
    public void close() {
        queries.close();
        engine.close();
    }
}
