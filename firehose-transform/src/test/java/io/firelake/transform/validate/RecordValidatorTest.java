package io.firelake.transform.validate;

import io.firelake.transform.TestPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class RecordValidatorTest {

    private static final RecordValidator VALIDATOR = RecordValidator.clickstream(TestPipeline.CLOCK);
    private static final String BASE = "\"event_id\":\"0b4f6c0e-8d1a-4a52-9a55-3c1f2d6e7a01\",\"event_type\":\"page_view\","
            + "\"event_time\":\"2026-11-22T03:00:00Z\",\"session_id\":\"s-1\",\"page_url\":\"https://shop.example.com/\"";

    private static Validation validate(String json) {
        return VALIDATOR.validate(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Failure failure(String json) {
        Validation v = validate(json);
        assertThat(v).as(json).isInstanceOf(Validation.Invalid.class);
        return ((Validation.Invalid) v).failure();
    }

    private static ValidEvent valid(String json) {
        Validation v = validate(json);
        assertThat(v).as(json).isInstanceOf(Validation.Valid.class);
        return ((Validation.Valid) v).event();
    }

    @Test
    void aMinimalEventIsValidAndTakesTheSchemaDefaults() {
        ValidEvent event = valid("{" + BASE + "}");
        assertThat(event.value("schema_version")).isEqualTo(1);
        assertThat(event.value("user_id")).isNull();
        assertThat(event.eventTimeMillis()).isEqualTo(TestPipeline.NOW.toEpochMilli() - 600_000);
    }

    @Test
    void unknownFieldsAreIgnored() {
        valid("{" + BASE + ",\"new_field\":{\"nested\":[1,2,3]}}");
    }

    @Test
    void healthCheckPingIsRecognisedOnlyWithoutEventFields() {
        assertThat(validate("{\"health_check\":true}")).isInstanceOf(Validation.HealthCheck.class);
        assertThat(validate("{\"health_check\":false}")).isInstanceOf(Validation.Invalid.class);
        assertThat(validate("{" + BASE + ",\"health_check\":true}")).isInstanceOf(Validation.Valid.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"event_id\":                                  | MALFORMED_JSON |",
            "[1,2]                                           | MALFORMED_JSON |",
            "\"just a string\"                               | MALFORMED_JSON |",
            "''                                              | MALFORMED_JSON |",
            "{\"a\":1}{\"b\":2}                              | MALFORMED_JSON |",
            "{\"a\":1,\"a\":2}                               | MALFORMED_JSON |",
            "{\"a\":NaN}                                     | MALFORMED_JSON |",
            "{}                                              | MISSING_FIELD  | event_id",
    })
    void structuralFailures(String json, ReasonCode code, String field) {
        Failure f = failure(json);
        assertThat(f.code()).isEqualTo(code);
        assertThat(f.field()).isEqualTo(field);
    }

    @Test
    void duplicateKeysAreMalformedAtEveryLevel() {
        String[] duplicated = {
                "{" + BASE + ",\"session_id\":\"s-2\"}",
                "{" + BASE + ",\"new_field\":1,\"new_field\":2}",
                "{" + BASE + ",\"new_field\":{\"a\":1,\"a\":2}}",
                "{" + BASE + ",\"new_field\":[{\"a\":1},{\"b\":{\"c\":1,\"c\":2}}]}",
                "{" + BASE + ",\"new_field\":{\"a\":1},\"other\":{\"a\":1,\"a\":2}}",
                "{" + BASE + ",\"user_id\":{\"a\":1,\"a\":2}}",
        };
        for (String json : duplicated) {
            Failure f = failure(json);
            assertThat(f.code()).as(json).isEqualTo(ReasonCode.MALFORMED_JSON);
            assertThat(f.message()).as(json).isEqualTo("duplicate key in the JSON object");
        }
        valid("{" + BASE + ",\"new_field\":{\"a\":1},\"other\":{\"a\":1},\"third\":[{\"a\":1},{\"a\":2}]}");
    }

    @Test
    void invalidUtf8IsDetectedStrictly() {
        byte[][] bad = {
                {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},         // bad continuation
                {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},         // overlong '/'
                {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}, // encoded surrogate
                {'{', '"', 'a', '"', ':', '"', (byte) 0xE2, (byte) 0x82, '"', '}'},         // truncated
                {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'},
        };
        for (byte[] data : bad) {
            Validation v = VALIDATOR.validate(data);
            assertThat(((Validation.Invalid) v).failure().code()).as(Arrays.toString(data)).isEqualTo(ReasonCode.INVALID_UTF8);
        }
        valid("{" + BASE + ",\"search_query\":\"caf\u00e9 \u20ac \uD83D\uDE00\"}");
    }

    @Test
    void aBadByteIsFoundAtEveryOffsetOfTheWordWiseAsciiScan() {
        byte[] ascii = ("{" + BASE + "}").getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at < 40; at++) {
            byte[] data = ascii.clone();
            data[at] = (byte) 0x80;
            Validation v = VALIDATOR.validate(data);
            assertThat(((Validation.Invalid) v).failure().code()).as("offset " + at).isEqualTo(ReasonCode.INVALID_UTF8);
        }
    }

    @Test
    void anEscapedLoneSurrogateIsInvalidUtf8() {
        Failure f = failure("{" + BASE + ",\"search_query\":\"x\\ud800y\"}");
        assertThat(f.code()).isEqualTo(ReasonCode.INVALID_UTF8);
        assertThat(f.field()).isEqualTo("search_query");
    }

    @Test
    void sizeLimitIsFirehosesThousandKibibytes() {
        String filler = ",\"search_query\":\"";
        int overhead = ("{" + BASE + filler + "\"}").length();
        String exact = "{" + BASE + filler + "x".repeat(RecordValidator.DEFAULT_MAX_RECORD_BYTES - overhead) + "\"}";
        assertThat(exact.length()).isEqualTo(1_024_000);
        valid(exact);
        Failure f = failure(exact.replace("{\"event_id\"", "{ \"event_id\""));
        assertThat(f.code()).isEqualTo(ReasonCode.RECORD_TOO_LARGE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"event_id\":\"not-a-uuid\"                     | WRONG_TYPE         | event_id",
            "\"event_id\":\"0b4f6c0e-8d1a-4a52-9a55-3c1f2d6e7a0\" | WRONG_TYPE    | event_id",
            "\"event_id\":42                                 | WRONG_TYPE         | event_id",
            "\"event_type\":\"hover\"                        | UNKNOWN_EVENT_TYPE | event_type",
            "\"event_type\":\"PAGE_VIEW\"                    | UNKNOWN_EVENT_TYPE | event_type",
            "\"event_type\":7                                | WRONG_TYPE         | event_type",
            "\"event_type\":null                             | MISSING_FIELD      | event_type",
            "\"session_id\":{\"a\":1}                        | WRONG_TYPE         | session_id",
            "\"session_id\":12                               | WRONG_TYPE         | session_id",
            "\"quantity\":2.5                                | WRONG_TYPE         | quantity",
            "\"quantity\":2147483648                         | WRONG_TYPE         | quantity",
            "\"quantity\":\"3\"                              | WRONG_TYPE         | quantity",
            "\"schema_version\":null                         | MISSING_FIELD      | schema_version",
            "\"price\":\"12.345\"                            | WRONG_TYPE         | price",
            "\"price\":12345678901                           | WRONG_TYPE         | price",
            "\"price\":\"1e3\"                               | WRONG_TYPE         | price",
            "\"price\":\" 12.00\"                            | WRONG_TYPE         | price",
            "\"price\":true                                  | WRONG_TYPE         | price",
            "\"price\":17e5314166818                         | WRONG_TYPE         | price",
            "\"event_time\":17e5314166818                    | WRONG_TYPE         | event_time",
            "\"event_time\":\"2026-11-22 03:00:00\"          | WRONG_TYPE         | event_time",
            "\"event_time\":\"2026-11-22T03:00:00\"          | WRONG_TYPE         | event_time",
            "\"event_time\":1.5e12                           | WRONG_TYPE         | event_time",
            "\"event_time\":\"2026-02-30T03:00:00Z\"         | WRONG_TYPE         | event_time",
            "\"event_time\":\"2026-11-24T03:10:01Z\"         | EVENT_TIME_IN_FUTURE | event_time",
            "\"event_time\":1795403400001                    | EVENT_TIME_IN_FUTURE | event_time",
            "\"event_time\":1795316964                       | EVENT_TIME_TOO_OLD | event_time",
            "\"event_time\":\"1999-12-31T23:59:59.999Z\"     | EVENT_TIME_TOO_OLD | event_time",
    })
    void fieldFailures(String override, ReasonCode code, String field) {
        String key = override.substring(0, override.indexOf(':'));
        String json = "{" + override + "," + BASE.replaceAll(key + ":(\"[^\"]*\"|[^,]*),?", "") + "}";
        json = json.replace(",}", "}");
        Failure f = failure(json);
        assertThat(f.code()).as(json).isEqualTo(code);
        assertThat(f.field()).isEqualTo(field);
        assertThat(f.message()).startsWith(field);
    }

    @Test
    void requiredForDependsOnTheEventType() {
        Failure f = failure("{" + BASE.replace("page_view", "purchase") + ",\"product_id\":\"p\",\"currency\":\"EUR\"}");
        assertThat(f.code()).isEqualTo(ReasonCode.MISSING_FIELD);
        assertThat(f.field()).isEqualTo("price");
        assertThat(f.message()).contains("purchase");
        assertThat(failure("{" + BASE.replace("page_view", "add_to_cart") + "}").field()).isEqualTo("product_id");
        valid("{" + BASE.replace("page_view", "add_to_cart") + ",\"product_id\":\"p\"}");
    }

    @Test
    void pricesAcceptNumbersAndNumericStringsAtScaleTwo() {
        String purchase = "{" + BASE.replace("page_view", "purchase") + ",\"product_id\":\"p\",\"currency\":\"EUR\",\"price\":";
        assertThat(valid(purchase + "19.9}").value("price")).isEqualTo(new BigDecimal("19.90"));
        assertThat(valid(purchase + "\"19.90\"}").value("price")).isEqualTo(new BigDecimal("19.90"));
        assertThat(valid(purchase + "7}").value("price")).isEqualTo(new BigDecimal("7.00"));
        assertThat(valid(purchase + "1.230000}").value("price")).isEqualTo(new BigDecimal("1.23"));
        assertThat(valid(purchase + "\"-0.5\"}").value("price")).isEqualTo(new BigDecimal("-0.50"));
        assertThat(valid(purchase + "9999999999.99}").value("price")).isEqualTo(new BigDecimal("9999999999.99"));
        assertThat(valid(purchase + "1e2}").value("price")).isEqualTo(new BigDecimal("100.00"));
    }

    @Test
    void eventTimeAcceptsIsoWithOffsetAndEpochMillis() {
        long expected = TestPipeline.NOW.toEpochMilli() - 600_000;
        assertThat(valid("{" + BASE.replace("\"2026-11-22T03:00:00Z\"", "\"2026-11-22T04:00:00+01:00\"") + "}")
                .eventTimeMillis()).isEqualTo(expected);
        assertThat(valid("{" + BASE.replace("\"2026-11-22T03:00:00Z\"", "\"2026-11-21T22:00:00.000000-05:00\"") + "}")
                .eventTimeMillis()).isEqualTo(expected);
        assertThat(valid("{" + BASE.replace("\"2026-11-22T03:00:00Z\"", String.valueOf(expected)) + "}")
                .eventTimeMillis()).isEqualTo(expected);
        assertThat(valid("{" + BASE.replace("\"2026-11-22T03:00:00Z\"", "\"2026-11-22T03:00Z\"") + "}")
                .eventTimeMillis()).isEqualTo(expected);
    }

    @Test
    void uuidsAreStoredInLowerCase() {
        assertThat(valid("{" + BASE.replace("0b4f6c0e-8d1a", "0B4F6C0E-8D1A") + "}").value("event_id"))
                .isEqualTo("0b4f6c0e-8d1a-4a52-9a55-3c1f2d6e7a01");
    }

    @Test
    void theFirstFailureInSchemaOrderWins() {
        Failure f = failure("{\"event_type\":\"hover\",\"page_url\":7}");
        assertThat(f.code()).isEqualTo(ReasonCode.MISSING_FIELD);
        assertThat(f.field()).isEqualTo("event_id");
    }
}
