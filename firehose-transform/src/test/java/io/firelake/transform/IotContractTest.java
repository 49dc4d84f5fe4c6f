package io.firelake.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.events.EventContract;
import io.firelake.events.contract.Contracts;
import io.firelake.transform.core.InputRecord;
import io.firelake.transform.core.TransformBatch;
import io.firelake.transform.core.TransformResult;
import io.firelake.transform.validate.ReasonCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The transform Lambda's components built from the IoT contract, as FIRELAKE_CONTRACT=iot-telemetry builds them. */
class IotContractTest {

    private static final EventContract IOT = Contracts.packaged("iot-telemetry");
    private static final TransformBatch BATCH = FirehoseTransformHandler.Components
            .of(IOT, TestPipeline.userAgents(), TestPipeline.CLOCK).batch();

    @Test
    void aReadingIsEnrichedByTheContractsOwnEnrichments() throws Exception {
        String reading = "{\"reading_id\":\"0b4f6c0e-8d1a-4a52-9a55-3c1f2d6e7a01\",\"device_id\":\"dev-0042\","
                + "\"device_type\":\"air_quality\",\"read_at\":\"2026-11-22T01:30:00+01:00\",\"site_id\":\"site-0003\","
                + "\"firmware\":\"2.9.7\",\"temperature_c\":21.5,\"co2_ppm\":950,\"battery_status\":\"mains\","
                + "\"gateway_ip\":\"203.0.113.99\"}";
        TransformResult result = BATCH.apply(List.of(InputRecord.of("a", bytes(reading)))).get(0);

        assertThat(result).isInstanceOf(TransformResult.Ok.class);
        JsonNode row = new ObjectMapper().readTree(result.data());
        assertThat(row.path("reading_ts").asText()).isEqualTo("2026-11-22T00:30:00.000Z");
        assertThat(row.path("site_region").asText()).isEqualTo("south");
        assertThat(row.path("firmware_channel").asText()).isEqualTo("retired");
        assertThat(row.path("battery_pct").asInt()).isEqualTo(-1);
        assertThat(row.path("gateway_ip_anonymized").asText()).isEqualTo("203.0.113.0");
        assertThat(row.has("gateway_ip")).isFalse();
        assertThat(row.path("weekday").asText()).isEqualTo("sunday");
        assertThat(((TransformResult.Ok) result).partitionKeys())
                .isEqualTo(Map.of("event_date", "2026-11-22", "event_hour", "00"));
    }

    @Test
    void theLabelsMapIsCopiedAsAnObjectAndAMapOfOtherShapesIsRefused() throws Exception {
        String base = "{\"reading_id\":\"0b4f6c0e-8d1a-4a52-9a55-3c1f2d6e7a03\",\"device_id\":\"dev-1\","
                + "\"device_type\":\"door_sensor\",\"read_at\":1795000000000,\"site_id\":\"site-0001\","
                + "\"firmware\":\"3.1.4\",\"door_open\":true,\"battery_status\":\"ok\",\"labels\":";
        List<TransformResult> results = BATCH.apply(List.of(
                InputRecord.of("m1", bytes(base + "{\"room\":\"lobby\",\"floor\":\"0\"}}")),
                InputRecord.of("m2", bytes(base + "{}}")),
                InputRecord.of("m3", bytes(base + "{\"room\":3}}")),
                InputRecord.of("m4", bytes(base + "{\"room\":{\"name\":\"lobby\"}}}")),
                InputRecord.of("m5", bytes(base + "[\"lobby\"]}"))));

        JsonNode row = new ObjectMapper().readTree(results.get(0).data());
        assertThat(row.path("labels").toString()).isEqualTo("{\"room\":\"lobby\",\"floor\":\"0\"}");
        assertThat(new ObjectMapper().readTree(results.get(1).data()).path("labels").toString()).isEqualTo("{}");
        assertThat(results.subList(2, 5)).allSatisfy(r -> assertThat(((TransformResult.ProcessingFailed) r).failure()
                .code()).isEqualTo(ReasonCode.WRONG_TYPE));
        assertThat(((TransformResult.ProcessingFailed) results.get(2)).failure().message())
                .isEqualTo("labels is not an object of string values");
        assertThat(((TransformResult.ProcessingFailed) results.get(3)).failure().message())
                .isEqualTo("labels is an object or array; expected an object of string values");
    }

    @Test
    void aDeviceTypesOwnMeasurementIsRequired() {
        String meter = "{\"reading_id\":\"0b4f6c0e-8d1a-4a52-9a55-3c1f2d6e7a02\",\"device_id\":\"dev-7\","
                + "\"device_type\":\"energy_meter\",\"read_at\":1795000000000,\"site_id\":\"site-0001\","
                + "\"firmware\":\"3.1.4\",\"battery_status\":\"ok\"}";
        TransformResult result = BATCH.apply(List.of(InputRecord.of("b", bytes(meter)))).get(0);
        assertThat(result).isInstanceOf(TransformResult.ProcessingFailed.class);
        assertThat(((TransformResult.ProcessingFailed) result).failure().code()).isEqualTo(ReasonCode.MISSING_FIELD);
        assertThat(((TransformResult.ProcessingFailed) result).failure().message())
                .isEqualTo("power_w is missing but required for event type energy_meter");
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
