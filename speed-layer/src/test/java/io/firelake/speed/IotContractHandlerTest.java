package io.firelake.speed;

import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import io.firelake.speed.core.MinuteItem;
import io.firelake.speed.core.WindowOutput;
import io.firelake.speed.core.spec.SpeedLayerContracts;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.firelake.speed.LambdaEvents.fixture;
import static io.firelake.speed.LambdaEvents.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same handler on the IoT telemetry contract (contracts/iot-telemetry/speed-layer.yaml, iot-raw.avsc's fields):
 * readings with nullable measurements, event time as epoch milliseconds or ISO-8601, and a battery enum, from
 * {@code events/iot-window-batch.json} (five valid readings, a duplicate, two of
 * the wrong type, one without its device, one malformed, a health check). Nothing in the code knows these fields.
 */
class IotContractHandlerTest {

    private final InMemoryAggregateStore store = new InMemoryAggregateStore();
    private final List<String> logLines = new ArrayList<>();
    private final SpeedLayerHandler handler = new SpeedLayerHandler(store, 10, logLines::add,
            SpeedLayerContracts.load("iot-telemetry"));

    @Test
    void readingsPerDeviceTypeMinMaxTemperatureAndDistinctDevicesPerMinute() {
        TimeWindowEventResponse batch = roundTrip(handler.handleRequest(fixture("iot-window-batch.json"), null));
        assertThat(batch.getBatchItemFailures()).isEmpty();
        roundTrip(handler.handleRequest(fixture("window-final.json", batch.getState()), null));

        assertThat(store.writes).hasSize(1);
        WindowOutput output = store.writes.get(0);
        assertThat(output.minutes()).hasSize(2);
        MinuteItem early = output.minutes().get(0);
        assertThat(early.counts("readings")).isEqualTo(Map.of("energy_meter", 1L));
        assertThat(early.amount("temperature_min")).as("no reading of the minute had a temperature").isNull();
        assertThat(early.sketch("devices").estimate()).isEqualTo(1);
        assertThat(early.sketch("low_battery_devices").estimate()).isZero();

        MinuteItem main = output.minutes().get(1);
        assertThat(main.events()).isEqualTo(4);
        assertThat(main.counts("readings")).isEqualTo(Map.of("thermostat", 2L, "air_quality", 2L));
        assertThat(main.amount("temperature_min")).isEqualByComparingTo(new BigDecimal("-18.75"));
        assertThat(main.amount("temperature_max")).isEqualByComparingTo(new BigDecimal("21.5"));
        assertThat(main.sketch("devices").estimate()).isEqualTo(3);
        assertThat(main.sketch("low_battery_devices").estimate()).isEqualTo(2);

        assertThat(output.summary().userRecords()).isEqualTo(11);
        assertThat(output.summary().events()).isEqualTo(5);
        assertThat(output.summary().duplicates()).isEqualTo(1);
        assertThat(output.summary().ignoredRecords()).isEqualTo(1);
        assertThat(output.summary().badByReason())
                .isEqualTo(Map.of("WRONG_TYPE", 2L, "MISSING_FIELD", 1L, "MALFORMED_JSON", 1L));
        assertThat(logLines).filteredOn(line -> line.contains("bad record skipped"))
                .anySatisfy(line -> assertThat(line).contains("battery_status is not one of [ok, low, critical, charging, mains]"))
                .anySatisfy(line -> assertThat(line).contains("device_id is missing or null"));

        long first = output.minutes().get(0).epochMinute();
        io.firelake.speed.report.RealtimeReport report = io.firelake.speed.report.RealtimeReport.of(
                SpeedLayerContracts.load("iot-telemetry"), output.minutes(), List.of(output.summary()), first,
                first + 1, 10);
        assertThat(report.distinct("devices")).isEqualTo(4);
        assertThat(report.render("a test")).contains("thermostat", "air_quality", "energy_meter", "temperature_min: -18.75",
                "temperature_max: 21.5", "devices: 4", "low_battery_devices: 2", "Bad records skipped: 4");
        assertThat(report.toJson()).contains("\"readings\":{\"air_quality\":2,\"energy_meter\":1,\"thermostat\":2}");
    }
}
