package io.firelake.sam;

import io.firelake.events.contract.Contracts;
import io.firelake.events.contract.RawSchemaParameters;
import io.firelake.events.catalog.Column;
import io.firelake.events.catalog.TableDefinition;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.firelake.sam.SamTemplate.at;
import static io.firelake.sam.SamTemplate.list;
import static io.firelake.sam.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Glue tables agree with the event contract: Firehose converts to Parquet with the raw table's columns, so a
 * column the transform emits but the table lacks is silently dropped, and a type mismatch fails conversion. The build
 * writes the deployed template with the columns of the contract it runs with ({@code ContractColumns}), the one this
 * test selects too ({@code FIRELAKE_CONTRACT} or {@code -Dfirelake.contract}, default clickstream).
 */
class GlueTablesMatchContractTest {

    private static final String LAKE = "s3://LAKE";
    private final SamTemplate template = SamTemplate.deployed();
    private final TableDefinition contract = TableDefinition.of(Contracts.selected().enriched(),
            "firelake", "raw_events", LAKE + "/raw/");

    @Test
    void rawTableColumnsAndPartitionKeysAreTheContracts() {
        Map<String, Object> table = tableInput("RawTable");
        assertThat(columns(at(table, "StorageDescriptor", "Columns").orElseThrow())).isEqualTo(nameAndType(contract.columns()));
        assertThat(columns(table.get("PartitionKeys"))).isEqualTo(nameAndType(contract.partitionKeys()));
    }

    @Test
    void rawTableRecordsTheContractsRawSchemaForTheNextDeploysCheck() {
        Map<String, Object> deployed = map(SamTemplate.deployed().properties("RawTable").get("TableInput"));
        assertThat(map(deployed.get("Parameters"))).containsAllEntriesOf(RawSchemaParameters.of(Contracts.selected()));
    }

    @Test
    void rawTablePartitionProjectionIsTheContracts() {
        Map<String, String> projection = new LinkedHashMap<>();
        map(tableInput("RawTable").get("Parameters")).forEach((key, value) -> {
            if (key.startsWith("projection.") || key.equals("storage.location.template")) {
                projection.put(key, resolveLakeLocation(value));
            }
        });
        assertThat(projection).isEqualTo(contract.projection());
    }

    @Test
    void firehoseWritesWhereTheRawTableReads() {
        String prefix = (String) template.withDefaults(template.parameter("RawPrefix").get("Default")).orElseThrow();
        String asTemplate = prefix.replaceAll("!\\{partitionKeyFromLambda:([a-z_]+)}", "\\${$1}");
        assertThat(LAKE + "/" + asTemplate).isEqualTo(contract.projection().get("storage.location.template"));
        assertThat(resolveLakeLocation(at(tableInput("RawTable"), "StorageDescriptor", "Location").orElseThrow()))
                .isEqualTo(contract.location());
        Map<String, Object> schema = map(at(template.properties("DeliveryStream"), "ExtendedS3DestinationConfiguration",
                "DataFormatConversionConfiguration", "SchemaConfiguration").orElseThrow());
        assertThat(schema.get("TableName")).isEqualTo(Map.of("Ref", "RawTable"));
        assertThat(schema.get("DatabaseName")).isEqualTo(Map.of("Ref", "GlueDatabase"));
        assertThat(template.properties("GlueDatabase").toString()).contains("GlueDatabaseName");
        assertThat(tableInput("RawTable").get("Name")).isEqualTo(Map.of("Ref", "RawTableName"));
    }

    @Test
    void curatedTableHasTheContractsColumnsAndOnePartitionPerDay() {
        Map<String, Object> table = tableInput("CuratedTable");
        assertThat(columns(at(table, "StorageDescriptor", "Columns").orElseThrow())).isEqualTo(nameAndType(contract.columns()));
        assertThat(columns(table.get("PartitionKeys"))).containsExactly("event_date string");
    }

    @Test
    void everyTableHasPartitionProjectionAndParquetUnlessItHoldsErrorDocuments() {
        for (String id : template.resourcesOfType("AWS::Glue::Table")) {
            Map<String, Object> table = tableInput(id);
            Map<String, Object> parameters = map(table.get("Parameters"));
            assertThat(parameters).as(id).containsEntry("projection.enabled", "true").containsKey("storage.location.template");
            String serde = at(table, "StorageDescriptor", "SerdeInfo", "SerializationLibrary").orElseThrow().toString();
            if ("parquet".equals(parameters.get("classification"))) {
                assertThat(serde).as(id).isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
            } else {
                // Only Firehose's JSON error documents are not Parquet.
                assertThat(parameters.get("classification")).as(id).isEqualTo("json");
                assertThat(serde).as(id).isEqualTo("org.openx.data.jsonserde.JsonSerDe");
            }
            for (Object key : list(table.get("PartitionKeys"))) {
                assertThat(parameters).as(id).containsKey("projection." + map(key).get("Name") + ".type");
            }
        }
    }

    private Map<String, Object> tableInput(String id) {
        return map(template.properties(id).get("TableInput"));
    }

    /** A {@code !Sub 's3://${LakeBucket}/...'} location with the bucket replaced and {@code ${!x}} unescaped. */
    private static String resolveLakeLocation(Object value) {
        Object text = value instanceof Map<?, ?> m && m.containsKey("Fn::Sub") ? m.get("Fn::Sub") : value;
        return String.valueOf(text).replace("s3://${LakeBucket}", LAKE).replace("${!", "${");
    }

    private static List<String> columns(Object columns) {
        return list(columns).stream().map(c -> map(c).get("Name") + " " + map(c).get("Type")).toList();
    }

    private static List<String> nameAndType(List<Column> columns) {
        return columns.stream().map(c -> c.name() + " " + c.type()).toList();
    }
}
