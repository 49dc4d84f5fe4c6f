package io.firelake.speed.core.spec;

import io.firelake.events.EventContract;
import io.firelake.events.contract.Contracts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A speed-layer.yaml whose fields are not its contract's raw fields is refused, naming file, line and field. */
class RawSchemaCheckTest {

    private static final String IOT = """
            event:
              id: reading_id
              time: read_at
            fields:
              reading_id:     {type: string, required: true}
              read_at:        {type: timestamp, required: true}
              device_id:      {type: string, required: true}
              temperature_c:  {type: double}
              battery_status: {type: string, values: [ok, low, critical, charging, mains]}
            aggregates:
              hottest: {kind: max, field: temperature_c}
            """;

    @ParameterizedTest
    @ValueSource(strings = {"clickstream", "iot-telemetry"})
    void theShippedSpeedLayersReadTheirContractsFields(String contract) {
        SpeedLayerSpec spec = SpeedLayerContracts.loadAndChecked(contract);

        assertThat(spec.fields()).isNotEmpty();
    }

    @org.junit.jupiter.api.Test
    void theLambdaReadsTheContractsVariable() {
        assertThat(SpeedLayerContracts.ENVIRONMENT_VARIABLE).isEqualTo(Contracts.ENV);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
            "temperature_c:  {type: double}|temperature:  {path: measurements.temperature_c, type: double}|8|fields.temperature.path: 'measurements' is not a field of the raw schema of contract 'iot-telemetry'",
            "read_at:        {type: timestamp, required: true}|reading_time:   {type: timestamp, required: true}|6|fields.reading_time: 'reading_time' is not a field",
            "device_id:      {type: string, required: true}|device_id:      {type: long, required: true}|7|fields.device_id.type: a long reads only [INT, LONG], but 'device_id' is [STRING]",
            "temperature_c:  {type: double}|temperature_c:  {type: int}|8|fields.temperature_c.type: an int reads only [INT], but 'temperature_c' is [DOUBLE]",
            "ok, low, critical, charging, mains|ok, low, critical|9|fields.battery_status.values: [ok, low, critical] are not the symbols of 'battery_status'",
            "device_id:      {type: string, required: true}|device_id:      {path: firmware.major, type: string}|7|fields.device_id.path: 'firmware.major' reads inside 'firmware', which is [STRING]",
            "device_id:      {type: string, required: true}|location_floor: {path: location.floor, type: string}|7|fields.location_floor.type: a string reads only [STRING, UUID, ENUM], but 'location.floor' is [INT]",
            "device_id:      {type: string, required: true}|location_flor: {path: location.flor, type: int}|7|fields.location_flor.path: 'location.flor' is not a sub-field of record 'location' in the raw schema of contract 'iot-telemetry' (io.firelake.contracts.iot.DeviceReading); its sub-fields: [site, building, floor]",
            "device_id:      {type: string, required: true}|location_site: {path: location.site, type: string, required: true}|7|fields.location_site.required: 'location.site' cannot be required: record 'location' is optional",
            "device_id:      {type: string, required: true}|building: {path: location.building.name, type: string}|7|fields.building.path: 'location.building.name' reads below a sub-field of record 'location'",
    })
    void aFieldTheRawSchemaDoesNotHaveIsRefused(String from, String to, int line, String message) {
        String yaml = IOT.replace(from, to).replace("field: temperature_c}", to.startsWith("temperature:")
                ? "field: temperature}" : "field: temperature_c}");
        SpeedLayerSpec spec = SpeedLayerSpecs.parse("contracts/iot-telemetry/speed-layer.yaml", new StringReader(
                to.startsWith("reading_time") ? yaml.replace("time: read_at", "time: reading_time") : yaml));
        EventContract iot = Contracts.packaged("iot-telemetry");

        assertThatThrownBy(() -> RawSchemaCheck.check(spec, iot))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("contracts/iot-telemetry/speed-layer.yaml:" + line + ": ")
                .hasMessageContaining(message);
    }
}
