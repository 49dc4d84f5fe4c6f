package io.firelake.producer.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.events.EventContract;
import io.firelake.events.contract.Contracts;
import io.firelake.producer.model.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The generic simulator on the IoT contract: events from its raw schema and hints, faults as labelled. */
class ContractSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventContract IOT = Contracts.packaged("iot-telemetry");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private static List<ProducerRecord> generate(long seed, long events, FaultRates faults) {
        List<ProducerRecord> out = new ArrayList<>();
        Simulators.of(new SimulationSettings(seed, 1000, events, null, null, faults, 0.05, CLOCK), IOT)
                .forEachRemaining(out::add);
        return out;
    }

    @Test
    void theContractAsksForTheGenericSimulator() {
        assertThat(Simulators.of(SimulationSettings.live(1, 1), IOT)).isInstanceOf(ContractSimulator.class);
        assertThat(Simulators.of(SimulationSettings.live(1, 1), EventContract.clickstream()))
                .isInstanceOf(ClickstreamSimulator.class);
    }

    @Test
    void validReadingsFollowTheContractAndItsHints() throws Exception {
        Map<String, Integer> types = new HashMap<>();
        Set<String> devices = new HashSet<>();
        for (ProducerRecord record : generate(7, 3000, FaultRates.none())) {
            assertThat(record.kind()).isEqualTo(ProducerRecord.VALID);
            assertThat(ContractRules.violations(IOT, record.data())).as(new String(record.data())).isEmpty();
            JsonNode reading = JSON.readTree(record.data());
            assertThat(record.partitionKey()).isEqualTo(reading.get("device_id").asText()).startsWith("dev-");
            assertThat(record.eventId()).isEqualTo(reading.get("reading_id").asText());
            assertThat(reading.get("read_at").asText()).isEqualTo("2026-11-22T10:00:00Z");
            types.merge(reading.get("device_type").asText(), 1, Integer::sum);
            devices.add(reading.get("device_id").asText());
            if (reading.has("temperature_c")) {
                assertThat(reading.get("temperature_c").asDouble()).isBetween(12.0, 31.0);
            }
        }
        assertThat(types.get("thermostat")).isGreaterThan(types.get("door_sensor") * 3);
        assertThat(devices).hasSizeBetween(300, 400);
    }

    @Test
    void theSameSeedGivesTheSameRecordsAndFaultsBreakTheRules() {
        List<ProducerRecord> first = generate(3, 4000, FaultRates.combined(0.2));
        assertThat(first).isEqualTo(generate(3, 4000, FaultRates.combined(0.2)));
        Map<String, Integer> kinds = new HashMap<>();
        for (ProducerRecord record : first) {
            kinds.merge(record.kind(), 1, Integer::sum);
            boolean breaks = record.kind().equals("malformed_json") || record.kind().equals("invalid_utf8")
                    || record.kind().equals("wrong_type") || record.kind().equals("missing_field");
            assertThat(ContractRules.violations(IOT, record.data()).isEmpty()).as(record.kind()).isNotEqualTo(breaks);
            if (record.kind().equals("oversized")) {
                assertThat(record.data().length).isGreaterThan(1_000 * 1024);
            }
        }
        assertThat(kinds.keySet()).contains("valid", "malformed_json", "invalid_utf8", "wrong_type", "missing_field",
                "duplicate", "late");
    }

    @Test
    void theLocationRecordFollowsItsSubFieldHintsAndAWrongTypeMayHideInsideIt() throws Exception {
        int located = 0;
        Set<String> buildings = new HashSet<>();
        List<ProducerRecord> records = generate(11, 2000, FaultRates.none());
        for (ProducerRecord record : records) {
            JsonNode location = JSON.readTree(record.data()).get("location");
            if (location == null) {
                continue;
            }
            located++;
            assertThat(location.get("site").asText()).isIn("north-campus", "south-campus");
            if (location.has("floor")) {
                assertThat(location.get("floor").isInt()).isTrue();
                assertThat(location.get("floor").asInt()).isBetween(0, 6);
            }
            if (location.has("building")) {
                buildings.add(location.get("building").asText());
            }
        }
        assertThat(located).isBetween(1300, 1700);
        assertThat(buildings).containsExactlyInAnyOrder("A", "B", "C", "annex");

        int insideLocation = 0;
        for (ProducerRecord record : generate(5, 20_000, FaultRates.combined(0.3))) {
            JsonNode location = record.kind().equals("wrong_type") ? JSON.readTree(record.data()).get("location") : null;
            if (location != null && location.isObject()
                    && ContractRules.violations(IOT, record.data()).stream().anyMatch(v -> v.contains("location"))) {
                insideLocation++;
            }
        }
        assertThat(insideLocation).isPositive();
    }
}
