package io.firelake.transform.validate;

import io.firelake.events.schema.AvroSchemaReader;
import io.firelake.transform.TestPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Record (struct) fields: a nested object whose sub-fields are checked by the rules of top-level fields. */
class RecordFieldValidationTest {

    private static final String SCHEMA = """
            {"type": "record", "name": "Reading", "namespace": "test", "fields": [
              {"name": "id", "type": "string"},
              {"name": "at", "type": "long"},
              {"name": "location", "type": ["null", {"type": "record", "name": "Location", "fields": [
                {"name": "site", "type": "string"},
                {"name": "floor", "type": ["null", "int"], "default": null},
                {"name": "zone", "type": ["null", {"type": "enum", "name": "Zone", "symbols": ["north", "south"]}]},
                {"name": "area_m2", "type": ["null", {"type": "bytes", "logicalType": "decimal", "precision": 6,
                                                      "scale": 1}], "default": null}
              ]}], "default": null},
              {"name": "building", "type": {"type": "record", "name": "Building", "fields": [
                {"name": "code", "type": "string"}]}}
            ]}""";
    private static final RecordValidator VALIDATOR = new RecordValidator(
            new AvroSchemaReader().read(SCHEMA.replace("\"at\", \"type\": \"long\"",
                    "\"at\", \"type\": \"long\", \"firelake.role\": \"event_time\"")),
            Map.of(), TestPipeline.CLOCK, RecordValidator.DEFAULT_MAX_FUTURE_SKEW,
            RecordValidator.DEFAULT_MAX_RECORD_BYTES);
    private static final String BASE = "\"id\":\"r-1\",\"at\":" + (TestPipeline.NOW.toEpochMilli() - 1000)
            + ",\"building\":{\"code\":\"B1\"}";

    private static Validation validate(String json) {
        return VALIDATOR.validate(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Failure failure(String json) {
        Validation v = validate(json);
        assertThat(v).as(json).isInstanceOf(Validation.Invalid.class);
        return ((Validation.Invalid) v).failure();
    }

    @Test
    void aNestedObjectIsConvertedSubFieldBySubFieldInSchemaOrder() {
        Validation v = validate("{" + BASE + ",\"location\":{\"zone\":\"north\",\"floor\":3,\"site\":\"HQ\","
                + "\"area_m2\":\"12.5\"}}");
        assertThat(v).isInstanceOf(Validation.Valid.class);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("site", "HQ");
        expected.put("floor", 3);
        expected.put("zone", "north");
        expected.put("area_m2", new java.math.BigDecimal("12.5"));
        Object location = ((Validation.Valid) v).event().value("location");
        assertThat(location).isEqualTo(expected);
        assertThat(List.copyOf(((Map<?, ?>) location).keySet())).isEqualTo(List.of("site", "floor", "zone", "area_m2"));
        assertThat(((Validation.Valid) v).event().value("building")).isEqualTo(Map.of("code", "B1"));
    }

    @Test
    void anOptionalRecordMayBeAbsentOrNullAndItsOptionalSubFieldsToo() {
        assertThat(validate("{" + BASE + "}")).isInstanceOf(Validation.Valid.class);
        assertThat(validate("{" + BASE + ",\"location\":null}")).isInstanceOf(Validation.Valid.class);
        Validation v = validate("{" + BASE + ",\"location\":{\"site\":\"HQ\",\"floor\":null}}");
        assertThat(((Validation.Valid) v).event().value("location")).isEqualTo(Map.of("site", "HQ"));
    }

    @Test
    void unknownNestedKeysAreIgnoredLikeUnknownTopLevelKeys() {
        Validation v = validate("{" + BASE + ",\"location\":{\"site\":\"HQ\",\"wing\":\"east\","
                + "\"gps\":{\"lat\":1.5,\"lon\":[1,2]}}}");
        assertThat(((Validation.Valid) v).event().value("location")).isEqualTo(Map.of("site", "HQ"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"floor\":1}                       | MISSING_FIELD | location.site  | location.site is missing",
            "{\"site\":null}                     | MISSING_FIELD | location.site  | location.site is null",
            "{\"site\":\"HQ\",\"floor\":\"3\"}   | WRONG_TYPE    | location.floor | location.floor is not an integer in the int range",
            "{\"site\":\"HQ\",\"floor\":3000000000} | WRONG_TYPE | location.floor | location.floor is not an integer in the int range",
            "{\"site\":\"HQ\",\"zone\":\"east\"} | WRONG_TYPE    | location.zone  | location.zone is not one of [north, south]",
            "{\"site\":\"HQ\",\"area_m2\":1.25}  | WRONG_TYPE    | location.area_m2 | location.area_m2 is not a decimal(6,1) number or numeric string",
            "{\"site\":{\"name\":\"HQ\"}}        | WRONG_TYPE    | location.site  | location.site is an object or array; expected a string",
            "{\"site\":[\"HQ\"]}                 | WRONG_TYPE    | location.site  | location.site is an object or array; expected a string",
            "{\"site\":\"HQ\",\"floor\":1e999999999999} | WRONG_TYPE | location.floor | location.floor is a number out of any range",
            "{\"site\":\"\\uD800\"}              | INVALID_UTF8  | location.site  | location.site escapes an unpaired surrogate (\\uD800-\\uDFFF), which no UTF-8 text can hold",
            "\"HQ\"                              | WRONG_TYPE    | location       | location is not an object with fields [site, floor, zone, area_m2]",
            "[{\"site\":\"HQ\"}]                 | WRONG_TYPE    | location       | location is an object or array; expected an object with fields [site, floor, zone, area_m2]",
    })
    void aBadSubFieldFailsWithItsPath(String location, ReasonCode code, String field, String message) {
        Failure f = failure("{" + BASE + ",\"location\":" + location + "}");
        assertThat(f.code()).isEqualTo(code);
        assertThat(f.field()).isEqualTo(field);
        assertThat(f.message()).isEqualTo(message);
    }

    @Test
    void aRequiredRecordMustBePresent() {
        Failure f = failure("{\"id\":\"r-1\",\"at\":" + (TestPipeline.NOW.toEpochMilli() - 1000) + "}");
        assertThat(f.code()).isEqualTo(ReasonCode.MISSING_FIELD);
        assertThat(f.message()).isEqualTo("building is missing");
        assertThat(failure("{" + BASE.replace("{\"code\":\"B1\"}", "{}") + "}").message())
                .isEqualTo("building.code is missing");
    }

    @Test
    void duplicateKeysAreMalformedInsideARecordAndBelowIt() {
        assertThat(failure("{" + BASE + ",\"location\":{\"site\":\"HQ\",\"site\":\"HQ\"}}").code())
                .isEqualTo(ReasonCode.MALFORMED_JSON);
        assertThat(failure("{" + BASE + ",\"location\":{\"site\":\"HQ\",\"x\":{\"a\":1,\"a\":2}}}").code())
                .isEqualTo(ReasonCode.MALFORMED_JSON);
        assertThat(failure("{" + BASE + ",\"location\":{\"site\":\"HQ\"},\"location\":null}").code())
                .isEqualTo(ReasonCode.MALFORMED_JSON);
    }

    @Test
    void nestingBeyondTheParserLimitIsMalformedInsideARecordToo() {
        String deep = "[".repeat(2000) + "]".repeat(2000);
        assertThat(failure("{" + BASE + ",\"location\":{\"site\":\"HQ\",\"x\":" + deep + "}}").code())
                .isEqualTo(ReasonCode.MALFORMED_JSON);
    }
}
