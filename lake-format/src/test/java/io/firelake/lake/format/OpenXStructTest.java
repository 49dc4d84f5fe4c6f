package io.firelake.lake.format;

import io.firelake.events.catalog.Column;
import io.firelake.events.catalog.TableDefinition;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A struct column by the OpenX JSON SerDe's rules, whichever of the deserializer's paths reads the record: keys
 * matched to sub-fields case-insensitively, other keys ignored whatever their shape, a missing key or JSON null a null
 * sub-field, text converted to the sub-field's type, and a record failed with the column named when a value does not
 * convert or a key repeats.
 */
class OpenXStructTest {

    private static final OpenXJsonDeserializer DESERIALIZER = new OpenXJsonDeserializer(LakeSchema.of(
            new TableDefinition("firelake", "raw_events", List.of(
                    new Column("reading_id", "string", ""),
                    new Column("location", "struct<site:string,building:string,floor:int>", ""),
                    new Column("labels", "map<string,string>", ""),
                    new Column("temperature_c", "double", "")), List.of(), Map.of(), "s3://lake/raw/")));

    @Test
    void subFieldsMatchIgnoringCaseAndOtherKeysAreIgnored() {
        assertThat(location("{\"site\":\"north\",\"building\":\"A\",\"floor\":2}"))
                .isEqualTo("{\"site\": \"north\", \"building\": \"A\", \"floor\": 2}");
        assertThat(location("{\"Site\":\"north\",\"BUILDING\":\"A\",\"wing\":\"e\"}"))
                .isEqualTo("{\"site\": \"north\", \"building\": \"A\", \"floor\": null}");
        assertThat(location("{\"wing\":{\"x\":[1,2]},\"site\":\"north\",\"gps\":[1.5,2.5]}"))
                .isEqualTo("{\"site\": \"north\", \"building\": null, \"floor\": null}");
        assertThat(location("{\"site\":null,\"floor\":\"1\"}"))
                .isEqualTo("{\"site\": null, \"building\": null, \"floor\": 1}");
        assertThat(location("{}")).isEqualTo("{\"site\": null, \"building\": null, \"floor\": null}");
        assertThat(row("{\"reading_id\":\"r\",\"location\":null}").get("location")).isNull();
        assertThat(row("{\"reading_id\":\"r\"}").get("location")).isNull();
    }

    @Test
    void twoSpellingsOfASubFieldKeepTheLastValueThatIsNotNull() {
        assertThat(location("{\"site\":\"a\",\"SITE\":\"b\"}")).startsWith("{\"site\": \"b\"");
        assertThat(location("{\"Site\":\"a\",\"site\":null}")).startsWith("{\"site\": \"a\"");
    }

    @Test
    void aStringSubFieldTakesAnyScalarAsText() {
        assertThat(location("{\"site\":42,\"building\":true}")).isEqualTo(
                "{\"site\": \"42\", \"building\": \"true\", \"floor\": null}");
        assertThat(location("{\"site\":{\"a\":1}}")).isEqualTo("{\"site\": \"{\\\"a\\\":1}\", \"building\": null, "
                + "\"floor\": null}");
    }

    @Test
    void whatDoesNotConvertOrRepeatsFailsTheRecord() {
        assertThat(failure("{\"floor\":\"x\"}")).contains("Column 'location'", "struct<site:string,building:string,"
                + "floor:int>");
        assertThat(failure("{\"floor\":1.5}")).contains("Column 'location'", "not an integer");
        assertThat(failure("{\"site\":\"a\",\"site\":\"b\"}")).contains("Duplicate field 'site'");
        assertThat(failure("{\"wing\":1,\"wing\":2}")).contains("Duplicate field 'wing'");
        assertThat(failure("[\"A\"]")).contains("Column 'location'");
        assertThat(failure("\"A\"")).contains("Column 'location'");
    }

    @Test
    void theOtherColumnsOfAStructRecordAreReadAsUsual() {
        GenericRecord row = row("{\"Reading_ID\":\"r-1\",\"location\":{\"site\":\"n\"},\"labels\":{\"room\":\"lobby\","
                + "\"floor\":null},\"temperature_c\":\"21.5\",\"extra\":[1]}");
        assertThat(row.get("reading_id").toString()).isEqualTo("r-1");
        assertThat(row.get("labels").toString()).isEqualTo("{room=lobby, floor=null}");
        assertThat(row.get("temperature_c")).isEqualTo(21.5);
        assertThat(row.get("location").toString()).isEqualTo("{\"site\": \"n\", \"building\": null, \"floor\": null}");
    }

    /** The doubles a reading carries (IoT's temperature, humidity, power): what Jackson's tree gives any JSON number. */
    @Test
    void aDoubleColumnTakesAnyJsonNumberAsJacksonReadsIt() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String number : List.of("21.5", "-0.0", "7", "-3000000000", "1e400", "4.9e-325", "0.1234567890123456789",
                "12345678901234567890123", "1E2")) {
            assertThat(row("{\"temperature_c\":" + number + "}").get("temperature_c")).as(number)
                    .isEqualTo(json.readTree(number).doubleValue());
        }
        assertThat(row("{\"temperature_c\":\" 21.5 \"}").get("temperature_c")).isEqualTo(21.5);
        assertThat(failedRecord("{\"temperature_c\":true}")).contains("Column 'temperature_c'", "not a number");
    }

    private static String location(String object) {
        return String.valueOf(row("{\"reading_id\":\"r\",\"location\":" + object + "}").get("location"));
    }

    private static GenericRecord row(String json) {
        ConversionResult result = DESERIALIZER.deserialize(json.getBytes(StandardCharsets.UTF_8));
        assertThat(result).as(json).isInstanceOf(ConversionResult.Converted.class);
        return ((ConversionResult.Converted) result).row();
    }

    private static String failure(String location) {
        return failedRecord("{\"reading_id\":\"r\",\"location\":" + location + "}");
    }

    private static String failedRecord(String json) {
        ConversionResult result = DESERIALIZER.deserialize(json.getBytes(StandardCharsets.UTF_8));
        assertThat(result).as(json).isInstanceOf(ConversionResult.Failed.class);
        return ((ConversionResult.Failed) result).message();
    }
}
