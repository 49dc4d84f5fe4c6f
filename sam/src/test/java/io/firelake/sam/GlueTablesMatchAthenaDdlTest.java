package io.firelake.sam;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.firelake.sam.SamTemplate.at;
import static io.firelake.sam.SamTemplate.list;
import static io.firelake.sam.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Glue tables are the ones the batch layer's Athena DDL declares (module athena-queries): same names, columns,
 * partition keys and projection, so the jobs write what the reports read on AWS as they do locally. And the named
 * queries are reports that exist there. Skipped while that module is not in the tree.
 */
class GlueTablesMatchAthenaDdlTest {

    private static final Path ATHENA = SamTemplate.moduleDir().resolveSibling("athena-queries/src/main/resources");
    private static final Path DDL = ATHENA.resolve("io/firelake/athena/ddl");
    private static final Path REPORTS = ATHENA.resolve("reports");
    private static final Pattern COLUMN = Pattern.compile("^\\s*`(\\w+)` (.+?),?$", Pattern.MULTILINE);
    private static final Pattern PROPERTY = Pattern.compile("'([^']+)'='([^']*)'");

    private final SamTemplate template = SamTemplate.load();

    @Test
    void everyDdlTableIsAGlueTableWithTheSameColumnsAndProjection() throws IOException {
        assumeTrue(Files.isDirectory(DDL), "athena-queries is not in this tree");
        Map<String, Map<String, Object>> glueTables = glueTablesByName();
        List<Path> ddlFiles;
        try (Stream<Path> files = Files.list(DDL)) {
            ddlFiles = files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
        }
        assertThat(ddlFiles).isNotEmpty();
        for (Path file : ddlFiles) {
            String ddl = Files.readString(file);
            String name = file.getFileName().toString().replace(".sql", "");
            assertThat(glueTables).as("Glue table for %s", file).containsKey(name);
            Map<String, Object> table = glueTables.get(name);
            int columnsEnd = ddl.indexOf("\n)");
            assertThat(columns(at(table, "StorageDescriptor", "Columns").orElseThrow())).as(name)
                    .isEqualTo(ddlColumns(ddl.substring(ddl.indexOf('(') + 1, columnsEnd)));
            String partitions = ddl.contains("PARTITIONED BY (")
                    ? ddl.substring(ddl.indexOf("PARTITIONED BY (") + 16, ddl.indexOf(")\n", ddl.indexOf("PARTITIONED BY ("))) : "";
            assertThat(columns(table.get("PartitionKeys"))).as(name)
                    .isEqualTo(ddlColumns(partitions.replace(", ", ",\n")));
            assertThat(projection(map(table.get("Parameters")))).as(name).isEqualTo(ddlProjection(ddl));
        }
    }

    @Test
    void namedQueriesAreReportsOfTheBatchLayer() {
        assumeTrue(Files.isDirectory(REPORTS), "athena-queries is not in this tree");
        for (String query : template.resourcesOfType("AWS::Athena::NamedQuery")) {
            Object name = template.properties(query).get("Name");
            assertThat(REPORTS.resolve(name + ".sql")).as(query).exists();
        }
    }

    private Map<String, Map<String, Object>> glueTablesByName() {
        Map<String, Map<String, Object>> tables = new LinkedHashMap<>();
        for (String id : template.resourcesOfType("AWS::Glue::Table")) {
            Map<String, Object> input = map(template.properties(id).get("TableInput"));
            tables.put(String.valueOf(template.withDefaults(input.get("Name")).orElseThrow()), input);
        }
        return tables;
    }

    private static List<String> ddlColumns(String block) {
        List<String> columns = new ArrayList<>();
        Matcher matcher = COLUMN.matcher(block);
        while (matcher.find()) {
            columns.add(matcher.group(1) + " " + matcher.group(2).trim());
        }
        return columns;
    }

    /** Projection properties, with the lake's location written the same way on both sides. */
    private static Map<String, String> ddlProjection(String ddl) {
        Map<String, String> properties = new TreeMap<>();
        String tblProperties = ddl.substring(ddl.indexOf("TBLPROPERTIES"));
        Matcher matcher = PROPERTY.matcher(tblProperties);
        while (matcher.find()) {
            if (matcher.group(1).startsWith("projection.") || matcher.group(1).equals("storage.location.template")) {
                properties.put(matcher.group(1), matcher.group(2).replace(":lake", "LAKE"));
            }
        }
        return properties;
    }

    private static Map<String, String> projection(Map<String, Object> parameters) {
        Map<String, String> properties = new TreeMap<>();
        parameters.forEach((key, value) -> {
            if (key.startsWith("projection.") || key.equals("storage.location.template")) {
                Object text = value instanceof Map<?, ?> m && m.containsKey("Fn::Sub") ? m.get("Fn::Sub") : value;
                properties.put(key, String.valueOf(text).replace("s3://${LakeBucket}", "LAKE").replace("${!", "${"));
            }
        });
        return properties;
    }

    private static List<String> columns(Object columns) {
        return list(columns).stream().map(c -> map(c).get("Name") + " " + map(c).get("Type")).toList();
    }
}
