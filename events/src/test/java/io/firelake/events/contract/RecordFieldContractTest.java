package io.firelake.events.contract;

import io.firelake.events.EventContract;
import io.firelake.events.schema.AvroSchemaReader;
import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldType;
import io.firelake.events.schema.SchemaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Record (struct) fields in a schema and a contract folder: what is read, and what is refused where. */
class RecordFieldContractTest {

    private static final String LOCATION = """
            {"name": "location", "type": ["null", {"type": "record", "name": "Location", "fields": [
               {"name": "site", "type": "string"},
               {"name": "building", "type": ["null", "string"], "default": null},
               {"name": "floor", "type": ["null", "int"], "default": null}]}], "default": null},
            """;

    @TempDir
    Path dir;

    @Test
    void aRecordIsAGlueStructOfItsSubFieldsAndDottedPathsFindThem() {
        EventSchema schema = new AvroSchemaReader().read("""
                {"type":"record","name":"R","fields":[{"name":"t","type":"long"},""" + LOCATION.strip()
                .replaceAll(",$", "") + "]}");
        FieldType location = schema.field("location").orElseThrow().storageType();
        assertThat(location.kind()).isEqualTo(FieldType.Kind.RECORD);
        assertThat(location.glueType()).isEqualTo("struct<site:string,building:string,floor:int>");
        assertThat(schema.fieldAt("location.floor").orElseThrow().storageType().kind()).isEqualTo(FieldType.Kind.INT);
        assertThat(schema.fieldAt("location.floor").orElseThrow().nullable()).isTrue();
        assertThat(schema.fieldAt("location.site").orElseThrow().required()).isTrue();
        assertThat(schema.fieldAt("location.room")).isEmpty();
        assertThat(schema.fieldAt("t.x")).isEmpty();
    }

    @Test
    void aNamedRecordIsReusableByNameInALaterSchema() {
        AvroSchemaReader reader = new AvroSchemaReader();
        reader.read("""
                {"type":"record","name":"R","namespace":"n","fields":[{"name":"p","type":{"type":"record",
                 "name":"Point","fields":[{"name":"x","type":"double"}]}}]}""");
        EventSchema later = reader.read("""
                {"type":"record","name":"E","namespace":"n","fields":[{"name":"p","type":["null","Point"]}]}""");
        assertThat(later.field("p").orElseThrow().storageType().glueType()).isEqualTo("struct<x:double>");
    }

    @Test
    void whatARecordCannotHoldIsRefusedWithItsPath() {
        assertRefused("{\"name\":\"l\",\"type\":{\"type\":\"record\",\"name\":\"L\",\"fields\":[{\"name\":\"in\","
                + "\"type\":{\"type\":\"record\",\"name\":\"In\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}}]}}",
                "l.in: is a record inside a record");
        assertRefused("{\"name\":\"l\",\"type\":{\"type\":\"record\",\"name\":\"L\",\"fields\":[{\"name\":\"m\","
                + "\"type\":{\"type\":\"map\",\"values\":\"int\"}}]}}", "l.m: is a map inside a record");
        assertRefused("{\"name\":\"l\",\"type\":{\"type\":\"record\",\"name\":\"L\",\"fields\":[{\"name\":\"x\","
                + "\"type\":\"int\",\"firelake.pii\":true}]}}", "l.x: has \"firelake.pii\"");
        assertRefused("{\"name\":\"l\",\"type\":{\"type\":\"record\",\"name\":\"L\",\"fields\":[{\"name\":\"x\","
                + "\"type\":\"int\",\"default\":0}]}}", "l.x: has a non-null default");
        assertRefused("{\"name\":\"l\",\"type\":{\"type\":\"record\",\"name\":\"L\",\"fields\":[{\"name\":\"x\","
                + "\"type\":\"int\"},{\"name\":\"x\",\"type\":\"long\"}]}}", "l.x: is declared twice");
        assertRefused("{\"name\":\"l\",\"type\":{\"type\":\"record\",\"name\":\"L\",\"fields\":[]}}",
                "l: is a record without fields");
        assertRefused("{\"name\":\"l\",\"type\":[\"null\",\"string\",{\"type\":\"record\",\"name\":\"L\","
                + "\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}]}", "l: a record can only be united with null");
        assertRefused("{\"name\":\"l\",\"type\":{\"type\":\"record\",\"name\":\"L\",\"fields\":[{\"name\":\"x\","
                + "\"type\":{\"type\":\"array\",\"items\":\"int\"}}]}}", "l.x: ");
    }

    private static void assertRefused(String field, String message) {
        assertThatThrownBy(() -> new AvroSchemaReader().read("{\"type\":\"record\",\"name\":\"R\",\"fields\":["
                + field + "]}")).isInstanceOf(SchemaException.class).hasMessageContaining(message);
    }

    @Test
    void theIotContractHasARecordWhoseHintsUseDottedNames() {
        EventContract contract = Contracts.packaged("iot-telemetry");
        assertThat(contract.raw().fieldAt("location.building")).isPresent();
        assertThat(contract.enriched().field("location").orElseThrow().storageType().glueType())
                .isEqualTo("struct<site:string,building:string,floor:int>");
        assertThat(contract.simulator().fields().get("location.floor").max()).isEqualTo(6.0);
        assertThat(contract.simulator().fields().get("location").nullRate()).isEqualTo(0.25);
    }

    @Test
    void aBadSubFieldNamesTheSchemaFileItsLineAndItsPath() throws IOException {
        iotWithLocation();
        int line = edit("iot-raw.avsc", "{\"name\": \"floor\", \"type\": [\"null\", \"int\"], \"default\": null}",
                "{\"name\": \"floor\", \"type\": \"int\", \"default\": 0}");
        assertThatThrownBy(() -> ContractLoader.load(dir)).isInstanceOf(ContractException.class)
                .hasMessage(dir.resolve("iot-raw.avsc") + ":" + line + ": location.floor: has a non-null default; "
                        + "a sub-field's default may only be null (an absent optional sub-field is null)")
                .satisfies(e -> assertThat(((ContractException) e).field()).isEqualTo("location.floor"));
    }

    @Test
    void hintsAndRolesOfARecordAreCheckedWithTheirLine() throws IOException {
        iotWithLocation();
        int line = edit("contract.yaml", "    labels: {", "    location.flor: {min: 0}\n    labels: {");
        assertThatThrownBy(() -> ContractLoader.load(dir)).isInstanceOf(ContractException.class)
                .hasMessageContaining("contract.yaml:" + line + ": simulator.fields.location.flor: is not a field of")
                .hasMessageContaining("a dotted name is a record field's sub-field");
        edit("contract.yaml", "    location.flor: {min: 0}\n", "");
        edit("contract.yaml", "    location: {null_rate: 0.25}", "    location: {min: 0}");
        assertThatThrownBy(() -> ContractLoader.load(dir)).isInstanceOf(ContractException.class)
                .hasMessageContaining("a record field takes only null_rate; hint its sub-fields by dotted name "
                        + "(location.site)");
        edit("contract.yaml", "    location: {min: 0}", "    location: {null_rate: 0.25}");
        edit("contract.yaml", "partition_key: device_id", "partition_key: location");
        assertThatThrownBy(() -> ContractLoader.load(dir)).isInstanceOf(ContractException.class)
                .hasMessageContaining("roles.partition_key: 'location' is a record; a role needs a scalar field");
    }

    @Test
    void everyKindWithAFromReadsASubFieldByDottedPathWhenItsTypeFits() throws IOException {
        iotWithLocation();
        edit("contract.yaml", "{kind: lookup, from: site_id,", "{kind: lookup, from: location.site,");
        assertThat(ContractLoader.load(dir).enrichments().get("site_region").from()).isEqualTo("location.site");
        int line = edit("contract.yaml", "{kind: ip_anonymize, from: gateway_ip}", "{kind: ip_anonymize, from: location.site}");
        assertThat(ContractLoader.load(dir).enrichments().get("gateway_ip_anonymized").from()).isEqualTo("location.site");
        edit("contract.yaml", "{kind: ip_anonymize, from: location.site}", "{kind: ip_anonymize, from: location.floor}");
        assertThatThrownBy(() -> ContractLoader.load(dir)).isInstanceOf(ContractException.class)
                .hasMessageContaining("contract.yaml:" + line + ": enrichments.gateway_ip_anonymized.from: "
                        + "raw field 'location.floor' is INT; ip_anonymize reads text, a string field");
        edit("contract.yaml", "from: location.floor}", "from: gateway_ip}");
        line = edit("contract.yaml", "{kind: lookup, from: location.site,", "{kind: lookup, from: location.room,");
        assertThatThrownBy(() -> ContractLoader.load(dir)).isInstanceOf(ContractException.class)
                .hasMessageContaining("contract.yaml:" + line + ": enrichments.site_region.from: 'location.room' is "
                        + "not a sub-field of a record field");
        edit("contract.yaml", "{kind: lookup, from: location.room,", "{kind: rename, from: location.floor,");
        edit("contract.yaml", "table: sites.csv, default: unknown}", "}");
        assertThatThrownBy(() -> ContractLoader.load(dir)).isInstanceOf(ContractException.class)
                .hasMessageContaining("raw field 'location.floor' is INT and cannot fill enriched field 'site_region'");
    }

    private void iotWithLocation() throws IOException {
        ContractLoaderTest.copyPackaged("iot-telemetry", dir);
    }

    /** Replaces {@code from} by {@code to} in a file of the folder; returns the 1-based line where it was. */
    private int edit(String file, String from, String to) throws IOException {
        Path path = dir.resolve(file);
        String text = Files.readString(path);
        int at = text.indexOf(from);
        assertThat(at).as(from).isNotNegative();
        Files.writeString(path, text.substring(0, at) + to + text.substring(at + from.length()));
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
