package io.firelake.local.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firelake.config.layout.DataLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code /api/lake}: the lake's partitions with their objects and bytes, and the newest objects, from the files under
 * the raw prefix; {@code /api/lake?partition=event_date=D/event_hour=H}: the first rows of that partition, read by
 * DuckDB as the demo and {@code report} read the lake.
 */
final class LakeView {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int NEWEST = 8;
    static final int PREVIEW_ROWS = 10;

    private record LakeObject(String partition, String name, long bytes, Instant modified) {
    }

    private final DataLayout layout;

    LakeView(DataLayout layout) {
        this.layout = layout;
    }

    ObjectNode lake() throws IOException {
        Path raw = layout.rawDir();
        List<LakeObject> objects = objects(raw);
        ObjectNode node = JSON.createObjectNode().put("prefix", raw.toString()).put("objects", objects.size())
                .put("bytes", objects.stream().mapToLong(LakeObject::bytes).sum());
        Map<String, long[]> partitions = new TreeMap<>(Comparator.reverseOrder());
        objects.forEach(o -> {
            long[] p = partitions.computeIfAbsent(o.partition(), k -> new long[2]);
            p[0]++;
            p[1] += o.bytes();
        });
        ArrayNode list = node.putArray("partitions");
        partitions.forEach((name, p) -> list.addObject().put("partition", name).put("objects", p[0]).put("bytes", p[1]));
        ArrayNode newest = node.putArray("newest");
        objects.stream().sorted(Comparator.comparing(LakeObject::modified).reversed()).limit(NEWEST)
                .forEach(o -> newest.addObject().put("key", o.partition() + "/" + o.name()).put("bytes", o.bytes())
                        .put("modified", o.modified().toString()));
        return node;
    }

    /** The first rows of one partition; the name must be a partition directory under the raw prefix. */
    ObjectNode preview(String partition) throws SQLException, IOException {
        Path raw = layout.rawDir().toAbsolutePath().normalize();
        Path dir = raw.resolve(partition).normalize();
        if (!dir.startsWith(raw) || dir.equals(raw) || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no partition '" + partition + "' under " + raw);
        }
        String glob = dir.resolve("*.parquet").toString().replace("'", "''");
        ObjectNode node = JSON.createObjectNode().put("partition", partition)
                .put("sql", "SELECT * FROM read_parquet('" + glob + "') LIMIT " + PREVIEW_ROWS);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            sql.execute("SET TimeZone='UTC'");
            try (ResultSet rows = sql.executeQuery(node.get("sql").asText())) {
                ResultSetMetaData meta = rows.getMetaData();
                ArrayNode columns = node.putArray("columns");
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    columns.add(meta.getColumnName(c));
                }
                ArrayNode data = node.putArray("rows");
                while (rows.next()) {
                    ArrayNode row = data.addArray();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        Object value = rows.getObject(c);
                        row.add(value == null ? null : value.toString());
                    }
                }
            }
        }
        return node;
    }

    private static List<LakeObject> objects(Path raw) throws IOException {
        if (!Files.isDirectory(raw)) {
            return List.of();
        }
        List<LakeObject> objects = new ArrayList<>();
        try (Stream<Path> files = Files.walk(raw)) {
            files.filter(p -> p.getFileName().toString().endsWith(".parquet") && Files.isRegularFile(p)).forEach(p -> {
                try {
                    objects.add(new LakeObject(raw.relativize(p.getParent()).toString().replace('\\', '/'),
                            p.getFileName().toString(), Files.size(p), Files.getLastModifiedTime(p).toInstant()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return objects;
    }
}
