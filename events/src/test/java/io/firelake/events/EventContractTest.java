package io.firelake.events;

import io.firelake.events.catalog.AthenaDdl;
import io.firelake.events.contract.SimulatorHints;
import io.firelake.events.catalog.TableDefinition;
import io.firelake.events.schema.AvroSchemaReader;
import io.firelake.events.schema.FieldSpec;
import io.firelake.events.schema.FieldType;
import io.firelake.events.schema.SchemaException;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventContractTest {

    private static final String CLICKSTREAM = "/firelake/contracts/clickstream/";
    private final EventContract contract = EventContract.clickstream();

    @Test
    void ourReaderAgreesWithAvrosOwnParserOnEveryField() throws IOException {
        Schema.Parser parser = new Schema.Parser();
        Schema raw;
        Schema enriched;
        try (InputStream r = getClass().getResourceAsStream(CLICKSTREAM + "clickstream-raw.avsc");
             InputStream e = getClass().getResourceAsStream(CLICKSTREAM + "clickstream-enriched.avsc")) {
            raw = parser.parse(r);
            enriched = parser.parse(e);
        }
        assertAgrees(raw, contract.raw().fields());
        assertAgrees(enriched, contract.enriched().fields());
    }

    private static void assertAgrees(Schema avro, List<FieldSpec> ours) {
        assertThat(ours).extracting(FieldSpec::name)
                .containsExactlyElementsOf(avro.getFields().stream().map(Schema.Field::name).toList());
        for (FieldSpec field : ours) {
            Schema.Field avroField = avro.getField(field.name());
            Schema type = avroField.schema();
            assertThat(field.nullable()).as(field.name()).isEqualTo(type.isNullable());
            assertThat(field.hasDefault()).as(field.name()).isEqualTo(avroField.hasDefaultValue());
            List<Schema> branches = type.isUnion()
                    ? type.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList()
                    : List.of(type);
            assertThat(field.types()).as(field.name()).hasSameSizeAs(branches);
            for (int i = 0; i < branches.size(); i++) {
                assertThat(field.types().get(i).kind()).as(field.name()).isEqualTo(kindOf(branches.get(i)));
            }
        }
    }

    private static FieldType.Kind kindOf(Schema s) {
        if (s.getLogicalType() instanceof LogicalTypes.Decimal) {
            return FieldType.Kind.DECIMAL;
        }
        if (s.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
            return FieldType.Kind.TIMESTAMP_MILLIS;
        }
        if (s.getLogicalType() != null && "uuid".equals(s.getLogicalType().getName())) {
            return FieldType.Kind.UUID;
        }
        return FieldType.Kind.valueOf(s.getType().name());
    }

    @Test
    void requiredFieldsAreThoseWithoutDefaultOrNull() {
        assertThat(contract.raw().fields().stream().filter(FieldSpec::required).map(FieldSpec::name))
                .containsExactly("event_id", "event_type", "event_time", "session_id", "page_url");
        FieldSpec price = contract.raw().field("price").orElseThrow();
        assertThat(price.requiredFor("purchase")).isTrue();
        assertThat(price.requiredFor("page_view")).isFalse();
        assertThat(contract.eventTimeField().name()).isEqualTo("event_time");
    }

    @Test
    void fieldPositionsFollowSchemaOrder() {
        var fields = contract.enriched().fields();
        for (int i = 0; i < fields.size(); i++) {
            assertThat(contract.enriched().indexOf(fields.get(i).name())).isEqualTo(i);
        }
        assertThat(contract.enriched().indexOf("ip")).isEqualTo(-1);
    }

    @Test
    void rawIpNeverReachesTheLake() {
        assertThat(contract.raw().field("ip").orElseThrow().pii()).isTrue();
        assertThat(contract.enriched().has("ip")).isFalse();
        assertThat(contract.enriched().has("ip_anonymized")).isTrue();
    }

    @Test
    void aContractThatWouldStorePersonalDataIsRejected() {
        AvroSchemaReader reader = new AvroSchemaReader();
        var raw = reader.read("""
                {"type":"record","name":"R","fields":[
                  {"name":"t","type":"long","firelake.role":"event_time"},
                  {"name":"email","type":"string","firelake.pii":true}]}""");
        var enriched = reader.read("""
                {"type":"record","name":"E","fields":[{"name":"email","type":"string"}]}""");
        assertThatThrownBy(() -> new EventContract("r", raw, enriched, Map.of(), Map.of(),
                new SimulatorHints(SimulatorHints.GENERIC, Map.of(), List.of()), List.of(), List.of(), ""))
                .isInstanceOf(SchemaException.class).hasMessageContaining("email");
    }

    @Test
    void unsupportedTypesAreNamed() {
        assertThatThrownBy(() -> new AvroSchemaReader().read("""
                {"type":"record","name":"R","fields":[{"name":"m","type":{"type":"array","items":"string"}}]}"""))
                .isInstanceOf(SchemaException.class).hasMessageContaining("R.m");
    }

    @Test
    void aMapOfScalarsIsAGlueMapAndAMapOfMapsIsRefused() {
        var schema = new AvroSchemaReader().read("""
                {"type":"record","name":"R","fields":[{"name":"m","type":["null",{"type":"map","values":"long"}]}]}""");
        assertThat(schema.field("m").orElseThrow().storageType().glueType()).isEqualTo("map<string,bigint>");
        assertThatThrownBy(() -> new AvroSchemaReader().read("""
                {"type":"record","name":"R","fields":[{"name":"m","type":{"type":"map","values":{"type":"map","values":"int"}}}]}"""))
                .isInstanceOf(SchemaException.class).hasMessageContaining("R.m is a map of maps");
    }

    @Test
    void glueColumnsFollowTheEnrichedSchemaWithoutPartitionKeys() {
        TableDefinition table = TableDefinition.of(contract.enriched(), "firelake", "raw_events", "s3://lake/raw");
        assertThat(table.columnNames()).doesNotContain("event_date", "event_hour").contains("event_ts", "is_bot");
        assertThat(table.columns()).filteredOn(c -> c.name().equals("price")).singleElement()
                .extracting(c -> c.type()).isEqualTo("decimal(12,2)");
        assertThat(table.columns()).filteredOn(c -> c.name().equals("event_ts")).singleElement()
                .extracting(c -> c.type()).isEqualTo("timestamp");
        assertThat(table.partitionKeys()).extracting(c -> c.name()).containsExactly("event_date", "event_hour");
        assertThat(table.projection())
                .containsEntry("projection.enabled", "true")
                .containsEntry("projection.event_hour.digits", "2")
                .containsEntry("storage.location.template", "s3://lake/raw/event_date=${event_date}/event_hour=${event_hour}/");
    }

    @Test
    void ddlListsEveryColumnOnceInSchemaOrder() {
        TableDefinition table = TableDefinition.of(contract.enriched(), "firelake", "raw_events", "s3://lake/raw/");
        String ddl = AthenaDdl.createTable(table);
        int previous = -1;
        for (String column : table.columnNames()) {
            int at = ddl.indexOf("`" + column + "` ");
            assertThat(at).as(column).isGreaterThan(previous);
            assertThat(ddl.indexOf("`" + column + "` ", at + 1)).as(column + " once").isEqualTo(-1);
            previous = at;
        }
        assertThat(ddl).contains("PARTITIONED BY (`event_date` string, `event_hour` string)", "STORED AS PARQUET");
    }
}
