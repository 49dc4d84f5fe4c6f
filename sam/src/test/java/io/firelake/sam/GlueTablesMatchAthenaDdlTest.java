package io.firelake.sam;

import io.firelake.athena.catalog.LakeTables;
import io.firelake.athena.catalog.TableSpec;
import io.firelake.athena.report.ReportCatalog;
import io.firelake.events.catalog.Column;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.firelake.sam.SamTemplate.at;
import static io.firelake.sam.SamTemplate.list;
import static io.firelake.sam.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Glue tables are the ones the batch layer's Athena DDL declares (module athena-queries, which renders raw and
 * curated from the event contract): same names, columns, partition keys and projection, so the jobs write what the
 * reports read on AWS as they do locally. And the named queries are reports that exist there.
 */
class GlueTablesMatchAthenaDdlTest {

    private final SamTemplate template = SamTemplate.deployed();

    @Test
    void everyDdlTableIsAGlueTableWithTheSameColumnsAndProjection() {
        Map<String, Map<String, Object>> glueTables = glueTablesByName();
        for (String name : LakeTables.all()) {
            TableSpec ddl = LakeTables.spec(name);
            assertThat(glueTables).as("Glue table for %s", name).containsKey(name);
            Map<String, Object> table = glueTables.get(name);
            assertThat(columns(at(table, "StorageDescriptor", "Columns").orElseThrow())).as(name)
                    .isEqualTo(nameAndType(ddl.columns()));
            assertThat(columns(table.get("PartitionKeys"))).as(name).isEqualTo(nameAndType(ddl.partitionKeys()));
            assertThat(projection(map(table.get("Parameters")))).as(name).isEqualTo(ddlProjection(ddl));
        }
    }

    /** No table of another contract: the view tables are generated for the build's contract (ViewTables). */
    @Test
    void theGlueTablesAreExactlyTheLakeTablesOfTheBuildsContract() {
        assertThat(glueTablesByName().keySet()).containsExactlyInAnyOrderElementsOf(LakeTables.all());
    }

    @Test
    void namedQueriesAreReportsOfTheBatchLayer() {
        for (String query : template.resourcesOfType("AWS::Athena::NamedQuery")) {
            assertThat(ReportCatalog.names()).as(query).contains(String.valueOf(template.properties(query).get("Name")));
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

    /** Projection properties, with the lake's location written the same way on both sides. */
    private static Map<String, String> ddlProjection(TableSpec ddl) {
        Map<String, String> properties = new TreeMap<>();
        ddl.properties().forEach((key, value) -> {
            if (key.startsWith("projection.") || key.equals("storage.location.template")) {
                properties.put(key, value.replace(LakeTables.LAKE_PLACEHOLDER, "LAKE"));
            }
        });
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

    private static List<String> nameAndType(List<Column> columns) {
        return columns.stream().map(c -> c.name() + " " + c.type()).toList();
    }
}
