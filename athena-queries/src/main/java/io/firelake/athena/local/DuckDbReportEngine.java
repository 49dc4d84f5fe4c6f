package io.firelake.athena.local;

import io.firelake.athena.catalog.LakeTables;
import io.firelake.athena.catalog.TableSpec;
import io.firelake.athena.report.DateRange;
import io.firelake.athena.report.Report;
import io.firelake.athena.report.ReportEngine;
import io.firelake.athena.report.ReportResult;
import io.firelake.events.catalog.Column;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Runs the Athena reports on the local lake's files with DuckDB: each table of the DDL becomes a view over its files
 * with the DDL's column names and types, partition keys kept as strings ({@code hive_types}) and timestamps in UTC, as
 * in Athena. Athena functions DuckDB lacks are shimmed with macros ({@code duckdb/athena-shims.sql}), so every report
 * exists once, in Athena's dialect.
 *
 * <p>The local Athena endpoint runs any client's SQL on it: {@link #readingOnly} lets such an engine read the lake's
 * files and nothing else, {@link #session} gives each query a connection of its own, and {@link #refresh} re-creates the
 * views of tables whose files appeared after the engine opened.
 */
public final class DuckDbReportEngine implements ReportEngine {

    private static final String SHIMS = "/io/firelake/athena/duckdb/athena-shims.sql";

    private final Path lake;
    private final Connection connection;
    private final Map<String, TableSpec> tables = new LinkedHashMap<>();
    private final Map<String, String> viewSql = new LinkedHashMap<>();

    /** An engine that reads the lake's files and nothing else: no other file, no COPY, no extension to install. */
    public static DuckDbReportEngine readingOnly(Path lakeDirectory) {
        DuckDbReportEngine engine = new DuckDbReportEngine(lakeDirectory);
        try (Statement s = engine.connection.createStatement()) {
            s.execute("SET allowed_directories = ['" + sqlString(engine.lake.toString().replace('\\', '/')) + "/']");
            s.execute("SET enable_external_access = false");
        } catch (SQLException e) {
            engine.close();
            throw new IllegalStateException("cannot restrict DuckDB to the lake " + lakeDirectory + ": "
                    + e.getMessage(), e);
        }
        return engine;
    }

    public DuckDbReportEngine(Path lakeDirectory) {
        this.lake = lakeDirectory.toAbsolutePath().normalize();
        try {
            this.connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = connection.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
                for (String shim : shims()) {
                    s.execute(shim);
                }
            }
            for (String name : LakeTables.all()) {
                tables.put(name, LakeTables.spec(name));
            }
            refresh(LakeTables.all());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open DuckDB on the lake " + lake + ": " + e.getMessage(), e);
        }
    }

    /**
     * Re-creates the views of {@code names} whose definition changed since: a table with no file yet is an empty view,
     * and becomes a view over its files once some are written.
     */
    public synchronized void refresh(Collection<String> names) throws SQLException {
        for (String name : names) {
            TableSpec spec = tables.get(name);
            String sql = spec == null ? null : createView(spec);
            if (sql != null && !sql.equals(viewSql.get(name))) {
                try (Statement s = connection.createStatement()) {
                    s.execute(sql);
                }
                viewSql.put(name, sql);
            }
        }
    }

    /** A connection of its own to the same database (its views and shims), for one query of a concurrent caller. */
    public Connection session() throws SQLException {
        Connection session = ((org.duckdb.DuckDBConnection) connection).duplicate();
        try (Statement s = session.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
        } catch (SQLException e) {
            session.close();
            throw e;
        }
        return session;
    }

    /** The files of a lake table and which of them a date range selects. */
    public LakeScan scan(String table) {
        TableSpec spec = tables.get(table);
        if (spec == null) {
            throw new IllegalArgumentException("no lake table " + table + "; tables: " + tables.keySet());
        }
        return new LakeScan(spec, lake);
    }

    @Override
    public String describe() {
        return "DuckDB on " + lake;
    }

    @Override
    public ReportResult run(Report report, DateRange range) {
        LakeScan.Selection read = LakeScan.Selection.empty();
        long tableBytes = 0;
        for (String table : report.tables()) {
            LakeScan scan = new LakeScan(tables.get(table), lake);
            read = read.plus(scan.select(range));
            tableBytes += scan.all().bytes();
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(report.sqlFor(range))) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(normalize(rs.getObject(i)));
                }
                rows.add(row);
            }
            return new ReportResult(columns, rows, read.bytes(), read.files().size(), tableBytes, OptionalDouble.empty());
        } catch (SQLException e) {
            throw new IllegalStateException("report " + report.name() + " failed on DuckDB: " + e.getMessage(), e);
        }
    }

    /** Plain SQL against the registered tables, for tests and benchmarks. */
    public List<List<Object>> query(String sql) {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(normalize(rs.getObject(i)));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Numbers as Long, Double or BigDecimal whatever width DuckDB chose (it sums BIGINT into HUGEINT). */
    private static Object normalize(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime().toString();
        }
        if (value instanceof java.time.temporal.TemporalAccessor t) {
            return t.toString();
        }
        return value;
    }

    String createView(TableSpec table) {
        LakeScan scan = new LakeScan(table, lake);
        List<Column> all = new ArrayList<>(table.columns());
        all.addAll(table.partitionKeys());
        if (scan.all().files().isEmpty()) {
            return "CREATE OR REPLACE VIEW " + table.name() + " AS SELECT "
                    + all.stream().map(c -> "CAST(NULL AS " + duckType(c.type()) + ") AS " + c.name())
                    .collect(Collectors.joining(", "))
                    + " WHERE false";
        }
        String dir = sqlString(scan.directory().toString().replace('\\', '/'));
        if ("json".equals(table.format())) {
            return jsonView(table, dir);
        }
        String glob = dir + "/*".repeat(table.partitionKeys().size()) + "/*.parquet";
        String hiveTypes = table.partitionKeys().stream().map(k -> "'" + k.name() + "': 'VARCHAR'")
                .collect(Collectors.joining(", "));
        return "CREATE OR REPLACE VIEW " + table.name() + " AS SELECT "
                + all.stream().map(c -> "CAST(" + c.name() + " AS " + duckType(c.type()) + ") AS " + c.name())
                .collect(Collectors.joining(", "))
                + " FROM read_parquet('" + glob + "', hive_partitioning = true, union_by_name = true"
                + (hiveTypes.isEmpty() ? "" : ", hive_types = {" + hiveTypes + "}, hive_types_autocast = false")
                + ")";
    }

    /** Firehose error documents: newline-delimited JSON objects, partition values taken from the object's path. */
    private String jsonView(TableSpec table, String dir) {
        String pathRegex = sqlString(LakeScan.relativeTemplateRegex(table)) + "[^/]+$";
        List<String> select = new ArrayList<>();
        for (Column c : table.columns()) {
            // Athena's OpenX SerDe matches keys case-insensitively; Firehose capitalises some (ErrorCode).
            String key = table.jsonKey(c.name());
            String capitalised = Character.toUpperCase(key.charAt(0)) + key.substring(1);
            select.add("TRY_CAST(coalesce(json_extract_string(line, '$." + key + "'), json_extract_string(line, '$."
                    + capitalised + "')) AS " + duckType(c.type()) + ") AS " + c.name());
        }
        for (int i = 0; i < table.partitionKeys().size(); i++) {
            select.add("regexp_extract(filename, '" + pathRegex + "', " + (i + 1) + ") AS "
                    + table.partitionKeys().get(i).name());
        }
        return "CREATE OR REPLACE VIEW " + table.name() + " AS SELECT " + String.join(", ", select)
                + " FROM (SELECT filename, unnest(string_split(content, chr(10))) AS line FROM read_text('"
                + dir + "/**')) WHERE trim(line) <> ''";
    }

    static String duckType(String hiveType) {
        return switch (hiveType) {
            case "string" -> "VARCHAR";
            case "int" -> "INTEGER";
            case "bigint" -> "BIGINT";
            case "boolean" -> "BOOLEAN";
            case "double" -> "DOUBLE";
            case "float" -> "FLOAT";
            case "timestamp" -> "TIMESTAMP";
            case "date" -> "DATE";
            default -> {
                if (hiveType.startsWith("decimal(")) {
                    yield hiveType.toUpperCase();
                }
                if (hiveType.startsWith("map<string,") && hiveType.endsWith(">")) {
                    String values = hiveType.substring("map<string,".length(), hiveType.length() - 1);
                    yield "MAP(VARCHAR, " + duckType(values) + ")";
                }
                if (io.firelake.events.catalog.GlueTypes.isStruct(hiveType)) {
                    yield io.firelake.events.catalog.GlueTypes.structFields(hiveType).entrySet().stream()
                            .map(e -> "\"" + e.getKey() + "\" " + duckType(e.getValue()))
                            .collect(Collectors.joining(", ", "STRUCT(", ")"));
                }
                throw new IllegalArgumentException("no DuckDB type for Hive type " + hiveType);
            }
        };
    }

    private static String sqlString(String value) {
        return value.replace("'", "''");
    }

    private static List<String> shims() {
        try (InputStream in = DuckDbReportEngine.class.getResourceAsStream(SHIMS)) {
            if (in == null) {
                throw new IllegalStateException(SHIMS + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("--"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
