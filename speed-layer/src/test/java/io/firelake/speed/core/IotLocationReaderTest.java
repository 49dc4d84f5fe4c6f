package io.firelake.speed.core;

import io.firelake.speed.core.spec.SpeedLayerContracts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IoT's location record in the speed layer: speed-layer.yaml declares its sub-fields by dotted path, the reader descends
 * into the object for them (checking each as the transform does) and counts readings by {@code location.building}.
 */
class IotLocationReaderTest {

    private static final AggregatePlan PLAN = new AggregatePlan(SpeedLayerContracts.loadAndChecked("iot-telemetry"));
    private static final String READING = "{\"reading_id\":\"0b4f6c0e-8d1a-4a52-9a55-3c1f2d6e7a01\",\"device_id\":\"d-1\","
            + "\"device_type\":\"door_sensor\",\"read_at\":1795000000000,\"site_id\":\"s\",\"firmware\":\"3.1.4\","
            + "\"door_open\":true,\"battery_status\":\"ok\"";
    private final DeclaredEventReader reader = new DeclaredEventReader(PLAN);

    private ParseOutcome parse(String location) {
        return reader.parse((READING + (location == null ? "" : ",\"location\":" + location) + "}")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theBuildingIsReadFromInsideTheRecordAndAReadingWithoutOneIsStillAnEvent() {
        int building = slot("location_building");
        Event event = ((ParseOutcome.Parsed) parse("{\"site\":\"north\",\"building\":\"B\",\"floor\":2,"
                + "\"wing\":{\"x\":[1]}}")).event();
        assertThat(event.text()[building]).isEqualTo("B");
        assertThat(event.numbers()[slot("location_floor")]).isEqualTo(2);
        for (String without : new String[] {null, "null", "{}", "{\"site\":\"north\"}"}) {
            Event other = ((ParseOutcome.Parsed) parse(without)).event();
            assertThat(other.has(building)).as(without).isFalse();
        }
        assertThat(PLAN.spec().aggregates()).anySatisfy(a -> assertThat(a.by()).isEqualTo("location_building"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"site\":\"north\",\"floor\":\"2\"}|WRONG_TYPE",
            "{\"site\":7}|WRONG_TYPE",
            "{\"building\":[\"B\"]}|WRONG_TYPE",
            "\"north/B/2\"|WRONG_TYPE",
            "{\"site\":\"n\",\"site\":\"n\"}|MALFORMED_JSON",
    })
    void aWrongTypeInsideTheRecordRejectsTheReadingAsTheTransformDoes(String location, BadRecordReason reason) {
        ParseOutcome outcome = parse(location);
        assertThat(outcome).as(location).isInstanceOf(ParseOutcome.Rejected.class);
        assertThat(((ParseOutcome.Rejected) outcome).reason()).isEqualTo(reason);
    }

    @Test
    void labelsThatAreNotAnObjectAreTheWrongTypeAsInTheTransform() {
        ParseOutcome outcome = reader.parse((READING + ",\"labels\":\"not-a-map\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(((ParseOutcome.Rejected) outcome).reason()).isEqualTo(BadRecordReason.WRONG_TYPE);
        assertThat(reader.parse((READING + ",\"labels\":{\"floor\":\"2\"}}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ParseOutcome.Parsed.class);
    }

    private static int slot(String field) {
        for (int i = 0; i < PLAN.fields().length; i++) {
            if (PLAN.fields()[i].name().equals(field)) {
                return i;
            }
        }
        throw new AssertionError(field);
    }
}
