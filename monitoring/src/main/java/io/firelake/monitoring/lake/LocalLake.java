package io.firelake.monitoring.lake;

import io.firelake.events.contract.Contracts;
import io.firelake.config.layout.DataLayout;
import io.firelake.config.layout.LakePrefix;
import io.firelake.monitoring.errors.ErrorDocument;
import io.firelake.monitoring.errors.ErrorDocumentParser;
import io.firelake.monitoring.errors.ErrorDocuments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads the lake from disk: raw Parquet through DuckDB, error documents as files. */
public final class LocalLake {
    private final DataLayout layout;

    public LocalLake(DataLayout layout) {
        this.layout = layout;
    }

    public DataLayout layout() {
        return layout;
    }

    /** How many raw rows carry each event id (the contract's id column), over every Parquet file under raw/. */
    public Map<String, Integer> eventIdCounts() throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        if (parquetFiles().isEmpty()) {
            return counts;
        }
        String glob = layout.rawDir().toAbsolutePath() + "/**/*.parquet";
        String id = "\"" + Contracts.selected().lake().eventId() + "\"";
        String sql = "SELECT " + id + ", count(*) FROM read_parquet('" + glob.replace("'", "''")
                + "', hive_partitioning = false, union_by_name = true) WHERE " + id + " IS NOT NULL GROUP BY " + id;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        } catch (SQLException e) {
            throw new IOException("cannot read the raw Parquet under " + layout.rawDir() + ": " + e.getMessage(), e);
        }
        return counts;
    }

    public List<Path> parquetFiles() throws IOException {
        return regularFiles(layout.rawDir()).filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
    }

    /** Every error document under errors/, its output type taken from the path. */
    public ErrorDocuments errorDocuments() throws IOException {
        List<ErrorDocument> documents = new ArrayList<>();
        int unreadable = 0;
        ErrorDocumentParser parser = new ErrorDocumentParser();
        Path root = layout.errorsDir();
        for (Path file : regularFiles(root).sorted().toList()) {
            String key = layout.lakeDir().relativize(file).toString().replace('\\', '/');
            String outputType = ErrorDocument.outputTypeFromKey(key, LakePrefix.ERRORS.key() + "/");
            try (InputStream in = Files.newInputStream(file)) {
                ErrorDocumentParser.Parsed parsed = parser.parse(in, outputType, key);
                documents.addAll(parsed.documents());
                unreadable += parsed.unreadable();
            }
        }
        return new ErrorDocuments(documents, unreadable);
    }

    /** Regular, non-hidden files (S3Proxy and editors leave dot files that are not objects). */
    private static Stream<Path> regularFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .toList().stream();
        }
    }
}
