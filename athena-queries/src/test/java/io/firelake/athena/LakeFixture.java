package io.firelake.athena;

import io.firelake.athena.catalog.LakeTables;
import io.firelake.athena.catalog.TableSpec;
import io.firelake.athena.local.LakeScan;
import io.firelake.events.catalog.Column;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes small lake partitions with DuckDB's {@code COPY ... (FORMAT PARQUET)}, in the layout of the DDL. */
public final class LakeFixture implements AutoCloseable {

    private final Path lake;
    private final Connection duck;

    public LakeFixture(Path lake) throws SQLException {
        this.lake = lake;
        this.duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duck.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
        }
    }

    /** Writes {@code rows} (column to SQL literal; absent columns are NULL) as one Parquet file of a partition. */
    public Path parquet(String table, Map<String, String> partition, String fileName, List<Map<String, String>> rows)
            throws SQLException, IOException {
        TableSpec spec = LakeTables.spec(table);
        Path file = partitionDirectory(spec, partition).resolve(fileName);
        Files.createDirectories(file.getParent());
        List<String> selects = new ArrayList<>();
        for (Map<String, String> row : rows) {
            for (String column : row.keySet()) {
                if (!spec.columnNames().contains(column)) {
                    throw new IllegalArgumentException(table + " has no column " + column);
                }
            }
            selects.add("SELECT " + spec.columns().stream()
                    .map(c -> "CAST(" + row.getOrDefault(c.name(), "NULL") + " AS " + duckType(c) + ") AS " + c.name())
                    .collect(Collectors.joining(", ")));
        }
        try (Statement s = duck.createStatement()) {
            s.execute("COPY (" + String.join(" UNION ALL ", selects) + ") TO '" + file + "' (FORMAT PARQUET)");
        }
        return file;
    }

    /**
     * Writes the rows of a query (its columns named and typed as the table's, in order) as one Parquet file of a
     * partition: for data sets too large to spell row by row.
     */
    public Path parquetOf(String table, Map<String, String> partition, String fileName, String select)
            throws SQLException, IOException {
        Path file = partitionDirectory(LakeTables.spec(table), partition).resolve(fileName);
        Files.createDirectories(file.getParent());
        try (Statement s = duck.createStatement()) {
            s.execute("COPY (" + select + ") TO '" + file + "' (FORMAT PARQUET)");
        }
        return file;
    }

    /** Writes Firehose error documents, one JSON object per line, into an error prefix object. */
    public Path errors(String outputType, String day, String fileName, List<String> jsonLines) throws IOException {
        Path file = lake.resolve("errors").resolve(outputType).resolve(day.replace('-', '/')).resolve(fileName);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", jsonLines) + "\n");
        return file;
    }

    Path partitionDirectory(TableSpec spec, Map<String, String> partition) {
        String template = spec.locationTemplate().orElseThrow();
        for (Map.Entry<String, String> e : partition.entrySet()) {
            template = template.replace("${" + e.getKey() + "}", e.getValue());
        }
        return LakeScan.localDirectory(new TableSpec(spec.database(), spec.name(), spec.columns(),
                spec.partitionKeys(), spec.format(), template, spec.properties()), lake);
    }

    private static String duckType(Column c) {
        return switch (c.type()) {
            case "string" -> "VARCHAR";
            case "int" -> "INTEGER";
            case "bigint" -> "BIGINT";
            case "boolean" -> "BOOLEAN";
            case "timestamp" -> "TIMESTAMP";
            default -> c.type().toUpperCase();
        };
    }

    @Override
    public void close() throws SQLException {
        duck.close();
    }
}
