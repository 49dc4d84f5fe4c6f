package io.firelake.events.contract;

import io.firelake.events.EventContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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

    private EventContract edited(String before, String after) throws IOException {
        ContractLoaderTest.copyPackaged("iot-telemetry", dir);
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
