package io.firelake.events.contract;

import io.firelake.events.EventContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.firelake.events.catalog.Column;

import java.io.IOException;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ContractEvolutionTest {

    @TempDir
    Path dir;

    private final EventContract running = Contracts.packaged("iot-telemetry");

    @Test
    void anOptionalFieldAddedEverywhereIsCompatible() throws IOException {
        EventContract next = edited("{\"name\": \"signal_dbm\"", "{\"name\": \"voltage_v\", \"type\": [\"null\", \"double\"], "
                + "\"default\": null},\n    {\"name\": \"signal_dbm\"");
        ContractEvolution.Verdict verdict = ContractEvolution.compare(running, next);
        assertThat(verdict.compatible()).as(verdict.breaking().toString()).isTrue();
        assertThat(verdict.additions()).containsExactly("raw field voltage_v", "lake column voltage_v");
        assertThat(next.enrichments()).containsKey("voltage_v");
    }

    @Test
    void aTypeChangeAndARemovedRequiredFieldAreRefusedWithEveryReason() throws IOException {
        ContractLoaderTest.copyPackaged("iot-telemetry", dir);
        replace("iot-raw.avsc", "{\"name\": \"co2_ppm\", \"type\": [\"null\", \"int\"]", "{\"name\": \"co2_ppm\", \"type\": [\"null\", \"double\"]");
        replace("iot-enriched.avsc", "{\"name\": \"co2_ppm\", \"type\": [\"null\", \"int\"]", "{\"name\": \"co2_ppm\", \"type\": [\"null\", \"double\"]");
        replace("iot-raw.avsc", "    {\"name\": \"firmware\", \"type\": \"string\", \"doc\": \"Firmware version, major.minor.patch.\"},\n", "");
        replace("iot-enriched.avsc", "    {\"name\": \"firmware\", \"type\": \"string\"},\n", "");
        replace("contract.yaml", "  firmware_channel: {kind: lookup, from: firmware, table: firmware.csv, default: unknown}\n", "");
        replace("iot-enriched.avsc", "    {\"name\": \"firmware_channel\", \"type\": [\"null\", \"string\"], \"default\": null, \"doc\": \"stable, beta or retired, from firmware.csv.\"},\n", "");
        replace("contract.yaml", "    firmware: {values: {3.1.4: 60, 3.1.2: 25, 3.2.0: 10, 2.9.7: 5}}\n", "");

        ContractEvolution.Verdict verdict = ContractEvolution.compare(running, ContractLoader.load(dir));
        assertThat(verdict.compatible()).isFalse();
        assertThat(verdict.breaking()).contains(
                "raw field firmware is required and removed",
                "lake column firmware is removed (files already written hold it)",
                "lake column co2_ppm changes type int -> double");
        assertThat(verdict.breaking()).contains("raw field co2_ppm changes type int -> double");
        assertThat(verdict.refusal("iot-telemetry")).startsWith("contract iot-telemetry cannot replace the running one: ")
                .contains("Add a new optional field instead");
    }

    @Test
    void theRecordedRawSchemaReadsBackAsTheContractsAndJudgesARawOnlyChange() throws IOException {
        java.util.Map<String, String> recorded = RawSchemaParameters.of(running);
        assertThat(recorded).containsEntry(RawSchemaParameters.CONTRACT, "iot-telemetry");
        var deployed = RawSchemaParameters.read(recorded).orElseThrow();
        assertThat(deployed.fields()).extracting(f -> f.name() + " " + f.types() + " " + f.required())
                .containsExactlyElementsOf(running.raw().fields().stream()
                        .map(f -> f.name() + " " + f.types() + " " + f.required()).toList());
        assertThat(ContractEvolution.deployedRaw(deployed, running).breaking()).isEmpty();

        ContractLoaderTest.copyPackaged("iot-telemetry", dir);
        replace("iot-raw.avsc", "{\"name\": \"signal_dbm\"", "{\"name\": \"site_note\", \"type\": \"string\"},\n"
                + "    {\"name\": \"signal_dbm\"");
        EventContract next = ContractLoader.load(dir);
        assertThat(RawSchemaParameters.of(next)).isNotEqualTo(recorded);
        assertThat(ContractEvolution.deployedRaw(deployed, next).breaking())
                .containsExactly("new raw field site_note is required (old producers do not send it)");
        assertThat(RawSchemaParameters.read(java.util.Map.of())).isEmpty();
    }

    @Test
    void anOptionalSubFieldAddedToARecordIsCompatibleAndRemovingOrRetypingOneIsNot() throws IOException {
        String floor = "{\"name\": \"floor\", \"type\": [\"null\", \"int\"], \"default\": null";
        EventContract added = edited(floor, "{\"name\": \"room\", \"type\": [\"null\", \"string\"], "
                + "\"default\": null},\n       " + floor);
        ContractEvolution.Verdict verdict = ContractEvolution.compare(running, added);
        assertThat(verdict.compatible()).as(verdict.breaking().toString()).isTrue();
        assertThat(verdict.additions()).containsExactly("raw field location.room", "lake column location.room");
        List<Column> deployed = running.enriched().dataFields().stream()
                .map(f -> new Column(f.name(), f.storageType().glueType(), "")).toList();
        assertThat(ContractEvolution.deployed(deployed, added).additions()).containsExactly("lake column location.room");

        EventContract retyped = edited(floor, floor.replace("\"int\"", "\"string\""));
        assertThat(ContractEvolution.compare(running, retyped).breaking()).containsExactly(
                "raw field location.floor changes type int -> string",
                "lake column location.floor changes type int -> string");
        assertThat(ContractEvolution.deployed(deployed, retyped).breaking()).containsExactly(
                "lake column location.floor changes type int -> string (files already written hold int)");

        ContractLoaderTest.copyPackaged("iot-telemetry", dir);
        replace("iot-raw.avsc", ",\n       " + floor + "}", "");
        replace("iot-enriched.avsc", ",\n       " + floor + "}", "");
        replace("contract.yaml", "    location.floor: {min: 0, max: 6, null_rate: 0.1}\n", "");
        EventContract removed = ContractLoader.load(dir);
        assertThat(ContractEvolution.compare(running, removed).breaking()).containsExactly(
                "raw field location.floor is removed",
                "lake column location.floor is removed (files already written hold it)");
        assertThat(ContractEvolution.deployed(deployed, removed).breaking()).containsExactly(
                "lake column location.floor is removed (files already written hold it)");

        ContractLoaderTest.copyPackaged("iot-telemetry", dir);
        replace("contract.yaml", "values: {A: 40, B: 30, C: 20, annex: 10}, null_rate: 0.05}", "values: [A, B]}");
        EventContract required = editedInPlace("{\"name\": \"building\", \"type\": [\"null\", \"string\"], \"default\": null}",
                "{\"name\": \"building\", \"type\": \"string\"}");
        assertThat(ContractEvolution.compare(running, required).breaking())
                .contains("raw field location.building becomes required");
    }

    @Test
    void deployedPartitionKeysMustStayTheSame() {
        assertThat(ContractEvolution.deployedPartitions(java.util.List.of("EVENT_DATE", "event_hour"),
                java.util.List.of("event_date", "event_hour")).compatible()).isTrue();
        assertThat(ContractEvolution.deployedPartitions(java.util.List.of(), java.util.List.of("event_date"))
                .compatible()).as("a table without partition keys is not judged").isTrue();
        assertThat(ContractEvolution.deployedPartitions(java.util.List.of("event_date", "event_hour"),
                java.util.List.of("scan_day", "scan_hour")).breaking()).containsExactly("partition keys change "
                + "[event_date, event_hour] -> [scan_day, scan_hour] (files already written are under the old keys' "
                + "prefixes)");
    }

    @Test
    void theRecordedRolesReadBackAndAChangedEventIdOrEventTimeIsRefusedSayingWhatToDo() throws IOException {
        java.util.Map<String, String> recorded = RawSchemaParameters.of(running);
        assertThat(recorded).containsEntry(RawSchemaParameters.EVENT_ID, "reading_id")
                .containsEntry(RawSchemaParameters.EVENT_TIME, "read_at");
        assertThat(ContractEvolution.deployedRoles(recorded, running).compatible()).isTrue();

        ContractLoaderTest.copyPackaged("iot-telemetry", dir);
        replace("contract.yaml", "  event_id: reading_id\n", "  event_id: site_id\n");
        EventContract next = ContractLoader.load(dir);
        ContractEvolution.Verdict verdict = ContractEvolution.deployedRoles(recorded, next);
        assertThat(verdict.breaking()).singleElement().asString()
                .startsWith("event id changes reading_id -> site_id (the data already written was de-duplicated by "
                        + "reading_id")
                .endsWith("): keep reading_id as the event id, or deploy the change as a new contract under another "
                        + "database (--database) or after dropping the tables");
        assertThat(ContractEvolution.compare(running, next).breaking()).containsExactlyElementsOf(verdict.breaking());

        java.util.Map<String, String> otherTime = new java.util.LinkedHashMap<>(recorded);
        otherTime.put(RawSchemaParameters.EVENT_TIME, "measured_at");
        assertThat(ContractEvolution.deployedRoles(otherTime, running).breaking()).singleElement().asString()
                .startsWith("event time changes measured_at -> read_at (the data already written is partitioned by "
                        + "measured_at")
                .contains("keep measured_at as the event time");

        java.util.Map<String, String> before = new java.util.LinkedHashMap<>(recorded);
        before.remove(RawSchemaParameters.EVENT_ID);
        before.remove(RawSchemaParameters.EVENT_TIME);
        assertThat(ContractEvolution.deployedRoles(before, next).compatible())
                .as("a table recorded before the roles were is not judged on them").isTrue();
    }

    private EventContract edited(String before, String after) throws IOException {
        ContractLoaderTest.copyPackaged("iot-telemetry", dir);
        return editedInPlace(before, after);
    }

    private EventContract editedInPlace(String before, String after) throws IOException {
        replace("iot-raw.avsc", before, after);
        replace("iot-enriched.avsc", before, after);
        return ContractLoader.load(dir);
    }

    private void replace(String file, String before, String after) throws IOException {
        String text = Files.readString(dir.resolve(file));
        assertThat(text).as(file).contains(before);
        Files.writeString(dir.resolve(file), text.replace(before, after));
    }
}
