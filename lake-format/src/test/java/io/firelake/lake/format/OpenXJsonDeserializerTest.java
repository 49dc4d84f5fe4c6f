package io.firelake.lake.format;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class OpenXJsonDeserializerTest {

    private final OpenXJsonDeserializer deserializer = new OpenXJsonDeserializer(LakeFormatContractTest.SCHEMA);

    @Test
    void keysMatchColumnsIgnoringCaseAndUnknownKeysAreIgnored() {
        GenericRecord row = converted("{\"EVENT_ID\":\"e-1\",\"Event_Type\":\"click\",\"not_a_column\":{\"x\":1}}");
        assertThat(row.get("event_id").toString()).isEqualTo("e-1");
        assertThat(row.get("event_type").toString()).isEqualTo("click");
        assertThat(row.get("session_id")).as("missing key is null").isNull();
    }

    @Test
    void aKeyRepeatedAtAnyLevelFailsTheRecordButTwoSpellingsOfAColumnDoNot() {
        assertThat(failure("{\"event_id\":\"e-1\",\"quantity\":1,\"event_id\":\"e-2\"}"))
                .contains("not valid JSON", "Duplicate field 'event_id'");
        assertThat(failure("{\"x\":1,\"event_id\":\"e-1\",\"x\":2}")).contains("Duplicate field 'x'");
        assertThat(failure("{\"event_id\":\"e-1\",\"nested\":{\"a\":1,\"a\":2}}")).contains("Duplicate field 'a'");
        GenericRecord row = converted("{\"event_id\":\"e-1\",\"EVENT_ID\":\"e-2\",\"price\":12.5,\"quantity\":2}");
        assertThat(row.get("event_id").toString()).isEqualTo("e-2");
        assertThat(new java.math.BigInteger(((ByteBuffer) row.get("price")).array())).isEqualTo(1250);
        assertThat(row.get("quantity")).isEqualTo(2);
    }

    @Test
    void timestampsAcceptIsoSqlAndEpochMillis() {
        long expected = Instant.parse("2026-11-22T03:09:24.123Z").toEpochMilli();
        assertThat(converted("{\"event_ts\":\"2026-11-22T03:09:24.123Z\"}").get("event_ts")).isEqualTo(expected);
        assertThat(converted("{\"event_ts\":\"2026-11-22 03:09:24.123\"}").get("event_ts")).isEqualTo(expected);
        assertThat(converted("{\"event_ts\":" + expected + "}").get("event_ts")).isEqualTo(expected);
    }

    /** Only the canonical form takes the hand-written path (events' IsoTimestamps); Instant.parse decides the rest. */
    @Test
    void timestampsOutsideTheCanonicalFormStillConvertThroughInstantParse() {
        long expected = Instant.parse("2026-11-22T03:09:24.123Z").toEpochMilli();
        for (String t : new String[]{"2026-11-22T03:09:24.123Z", "2026-11-22T03:09:24.123z",
                "2026-11-22T04:09:24.123+01:00", "2026-11-22T03:09:24.123999Z"}) {
            assertThat(converted("{\"event_ts\":\"" + t + "\"}").get("event_ts")).as(t).isEqualTo(expected);
        }
    }

    @Test
    void aNonDigitInTheTimeFailsTheRecordInsteadOfShiftingTheInstant() {
        assertThat(failure("{\"event_ts\":\"2026-11-22Tx3:09:24Z\"}")).contains("event_ts");
        assertThat(failure("{\"event_ts\":\"2026-11-22T03:09:x4.5Z\"}")).contains("event_ts");
    }

    @Test
    void numbersAndBooleansConvertFromTheirTextForms() {
        GenericRecord row = converted("{\"quantity\":\"3\",\"is_bot\":\"TRUE\",\"price\":\"9.999\"}");
        assertThat(row.get("quantity")).isEqualTo(3);
        assertThat(row.get("is_bot")).isEqualTo(true);
        assertThat(new java.math.BigInteger(((ByteBuffer) row.get("price")).array())).isEqualTo(1000);
    }

    @Test
    void valuesThatDoNotFitTheColumnFailTheRecordWithAReason() {
        assertThat(failure("{\"quantity\":\"many\"}")).contains("quantity", "int", "not a number");
        assertThat(failure("{\"quantity\":1.5}")).contains("not an integer");
        assertThat(failure("{\"quantity\":3000000000}")).contains("out of range");
        assertThat(failure("{\"price\":12345678901.5}")).contains("exceeds decimal(12,2)");
        assertThat(failure("{\"event_ts\":\"yesterday\"}")).contains("event_ts", "timestamp");
        assertThat(failure("{\"is_bot\":\"maybe\"}")).contains("not a boolean");
        assertThat(failure("not json")).contains("not valid JSON");
        assertThat(failure("[1,2]")).contains("not a JSON object");
    }

    private GenericRecord converted(String json) {
        ConversionResult result = deserializer.deserialize(json.getBytes(StandardCharsets.UTF_8));
        assertThat(result).isInstanceOf(ConversionResult.Converted.class);
        return ((ConversionResult.Converted) result).row();
    }

    private String failure(String json) {
        ConversionResult result = deserializer.deserialize(json.getBytes(StandardCharsets.UTF_8));
        assertThat(result).isInstanceOf(ConversionResult.Failed.class);
        ConversionResult.Failed failed = (ConversionResult.Failed) result;
        assertThat(failed.errorCode()).isEqualTo(OpenXJsonDeserializer.ERROR_CODE);
        return failed.message();
    }
}
