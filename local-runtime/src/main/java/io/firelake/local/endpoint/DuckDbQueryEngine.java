package io.firelake.local.endpoint;

import io.firelake.athena.catalog.LakeTables;
import io.firelake.athena.local.DuckDbReportEngine;
import io.firelake.athena.local.LakeScan;
import io.firelake.endpoint.athena.QueryEngine;
import io.trino.sql.parser.ParsingException;
import software.amazon.awssdk.services.glue.model.Table;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Athena's queries run by DuckDB over the local lake: athena-queries' {@link DuckDbReportEngine} (the lake's tables as
 * views with Athena's column types, the Athena shims), restricted to the lake's files. The statement is checked with
 * Trino's parser as Athena checks it; its tables are looked up in the Glue catalog as Athena looks them up
 * ({@code TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.firelake.x' does not exist}); {@code ?} are bound to the
 * execution parameters in order; each query runs on a connection of its own, which an interrupt cancels.
 *
 * <p>{@code DataScannedInBytes} is the size of the files the query reads after partition pruning: for each table it
 * reads, the files of the days its WHERE selects by the table's date partition key ({@link DatePruning}, with
 * {@link LakeScan}'s pruning of the reports), else all the table's files. Athena scans less: it reads only the Parquet
 * columns a query uses; this is the same stand-in {@code firelake report} prints locally.
 */
public final class DuckDbQueryEngine implements QueryEngine, AutoCloseable {

    /** Rows a result may have: the local endpoint keeps results in memory, where Athena streams them to S3. */
    public static final int DEFAULT_MAX_ROWS = 1_000_000;

    /** Which databases and tables exist: the endpoint's Glue catalog, as Athena reads AwsDataCatalog. */
    public interface Catalog {
        boolean hasDatabase(String database);

        boolean hasTable(String database, String table);

        /** The names of the catalog's databases. */
        List<String> databases();

        /** The names of the database's tables. */
        List<String> tables(String database);

        /** A table of the catalog as Glue keeps it: columns, partition keys, storage, parameters. */
        Table table(String database, String table);

        /** The values of each of the table's partitions, in the order of its keys. */
        List<List<String>> partitions(String database, String table);
    }

    private static final String DATA_CATALOG = "awsdatacatalog";
    private static final int PARSED_KEPT = 64;

    private final DuckDbReportEngine lake;
    private final Catalog catalog;
    private final int maxRows;
    /** The statements parsed last, by their text. */
    private final Map<String, AthenaSql> parsed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AthenaSql> eldest) {
            return size() > PARSED_KEPT;
        }
    };
    private final ExecutorService statements = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "athena-duckdb");
        t.setDaemon(true);
        return t;
    });

    public DuckDbQueryEngine(Path lakeDirectory, Catalog catalog) {
        this(lakeDirectory, catalog, DEFAULT_MAX_ROWS);
    }

    DuckDbQueryEngine(Path lakeDirectory, Catalog catalog, int maxRows) {
        this.lake = DuckDbReportEngine.readingOnly(lakeDirectory);
        this.catalog = catalog;
        this.maxRows = maxRows;
    }

    @Override
    public Classified checkSyntax(String sql) {
        Optional<CatalogStatements.Statement> utility = CatalogStatements.parse(sql);
        if (utility.isPresent()) {
            return new Classified(StatementKind.UTILITY, utility.get().substatementType());
        }
        try {
            AthenaSql parsed = parse(sql);
            return parsed.isDefinition() ? new Classified(StatementKind.DDL, null)
                    : new Classified(StatementKind.DML, parsed.isQuery() ? "SELECT" : null);
        } catch (ParsingException e) {
            throw QueryFailure.user(QueryFailure.SYNTAX_ERROR, e.getMessage());
        }
    }

    /** The statement parsed, once: StartQueryExecution checks it, then the query runs it moments later. */
    private AthenaSql parse(String sql) {
        synchronized (parsed) {
            AthenaSql known = parsed.get(sql);
            if (known != null) {
                return known;
            }
        }
        AthenaSql statement = AthenaSql.parse(sql);
        synchronized (parsed) {
            parsed.put(sql, statement);
        }
        return statement;
    }

    @Override
    public QueryOutcome run(String sql, String database, List<String> parameters) throws InterruptedException {
        Optional<CatalogStatements.Statement> ddl = CatalogStatements.parse(sql);
        if (ddl.isPresent()) {
            return CatalogStatements.answer(ddl.get(), database, catalog);
        }
        AthenaSql parsed;
        try {
            parsed = parse(sql);
        } catch (ParsingException e) {
            throw QueryFailure.user(QueryFailure.SYNTAX_ERROR, "SYNTAX_ERROR: " + e.getMessage());
        }
        if (!parsed.isQuery() || parsed.callsTableFunction()) {
            throw QueryFailure.user(QueryFailure.NOT_SUPPORTED, "NOT_SUPPORTED: firelake's local Athena runs queries "
                    + "(SELECT, WITH, VALUES) on the lake's tables; " + (parsed.isQuery() ? "table functions"
                    : parsed.kind() + " statements") + " run on AWS only");
        }
        ExecutionParameters bound = ExecutionParameters.bind(parameters, parsed.parameterCount());
        Set<String> tables = new LinkedHashSet<>();
        for (AthenaSql.TableRef ref : parsed.tables()) {
            tables.add(resolve(ref, database.toLowerCase()));
        }
        long bytes = 0;
        for (DatePruning.Read read : DatePruning.reads(parsed, bound.texts())) {
            LakeScan scan = lake.scan(read.table());
            bytes += read.days().map(scan::select).orElseGet(scan::all).bytes();
        }
        try {
            lake.refresh(tables);
        } catch (SQLException e) {
            throw DuckDbErrors.failure(e.getMessage());
        }
        return execute(parsed.withBareTableNames(), bound, bytes);
    }

    /** The lake table a reference names, or Athena's failure for a catalog, schema or table that is not there. */
    private String resolve(AthenaSql.TableRef ref, String database) {
        List<String> parts = ref.parts();
        String schema = parts.size() > 1 ? parts.get(parts.size() - 2) : database;
        if (parts.size() > 2 && !parts.get(0).equals(DATA_CATALOG)) {
            throw QueryFailure.user(QueryFailure.ENTITY_NOT_FOUND, "CATALOG_NOT_FOUND: " + ref.location()
                    + ": Catalog '" + parts.get(0) + "' does not exist");
        }
        if (!catalog.hasDatabase(schema)) {
            throw QueryFailure.user(QueryFailure.ENTITY_NOT_FOUND, "SCHEMA_NOT_FOUND: " + ref.location()
                    + ": Schema '" + schema + "' does not exist");
        }
        String qualified = "'" + DATA_CATALOG + "." + schema + "." + ref.name() + "'";
        if (!catalog.hasTable(schema, ref.name())) {
            throw QueryFailure.user(QueryFailure.ENTITY_NOT_FOUND, "TABLE_NOT_FOUND: " + ref.location()
                    + ": Table " + qualified + " does not exist");
        }
        if (!LakeTables.all().contains(ref.name())) {
            throw QueryFailure.user(QueryFailure.NOT_SUPPORTED, "NOT_SUPPORTED: " + ref.location() + ": Table "
                    + qualified + " is in the Glue catalog but not one of the lake's tables " + LakeTables.all()
                    + ", which are all the local Athena reads");
        }
        return ref.name();
    }

    /** Runs the statement on a thread of its own, so that an interrupt of the caller can cancel it in DuckDB. */
    private QueryOutcome execute(String sql, ExecutionParameters parameters, long bytes) throws InterruptedException {
        AtomicReference<Statement> current = new AtomicReference<>();
        Future<QueryOutcome> running = statements.submit(() -> {
            try (Connection session = lake.session()) {
                if (parameters.isEmpty()) {
                    // A plain statement: DuckDB plans it once, where a prepared one is planned again to execute.
                    try (Statement statement = session.createStatement()) {
                        current.set(statement);
                        return read(statement.executeQuery(sql), bytes);
                    }
                }
                try (PreparedStatement statement = session.prepareStatement(sql)) {
                    current.set(statement);
                    parameters.applyTo(statement);
                    return read(statement.executeQuery(), bytes);
                }
            }
        });
        try {
            return running.get();
        } catch (InterruptedException e) {
            cancel(current.get());
            running.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof QueryFailure failure) {
                throw failure;
            }
            if (cause instanceof SQLException sql1 && DuckDbErrors.isInterrupt(sql1.getMessage())) {
                throw new InterruptedException("cancelled");
            }
            if (cause instanceof SQLException sql1) {
                throw DuckDbErrors.failure(sql1.getMessage());
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }

    private QueryOutcome read(ResultSet result, long bytes) throws SQLException {
        try (ResultSet rs = result) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Column> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(AthenaValues.column(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
            }
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new SQLException("INTERRUPT Error: Interrupted!");
                }
                if (rows.size() == maxRows) {
                    throw QueryFailure.user(QueryFailure.NOT_SUPPORTED, "EXCEEDED_LOCAL_MEMORY_LIMIT: the local "
                            + "Athena keeps results in memory and answers at most " + maxRows + " rows: add a LIMIT");
                }
                List<String> row = new ArrayList<>(columns.size());
                for (int i = 0; i < columns.size(); i++) {
                    row.add(AthenaValues.value(rs, i + 1, columns.get(i)));
                }
                rows.add(row);
            }
            return new QueryOutcome(columns, rows, bytes);
        }
    }

    private static void cancel(Statement statement) {
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                // Already finished or closed: nothing left to cancel.
            }
        }
    }

    @Override
    public void close() {
        statements.shutdownNow();
        lake.close();
    }
}
