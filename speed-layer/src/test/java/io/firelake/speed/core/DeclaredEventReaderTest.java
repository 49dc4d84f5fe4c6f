package io.firelake.speed.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reader driven by the packaged clickstream contract gives the outcomes the hand-written ClickEventParser gave. */
class DeclaredEventReaderTest {

    private static final AggregatePlan PLAN = io.firelake.speed.ClickstreamFixtures.PLAN;
    private final DeclaredEventReader parser = new DeclaredEventReader(PLAN);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "[1,2]|MALFORMED_JSON",
            "{\"event_id\":\"e\"|MALFORMED_JSON",
            "{\"event_id\":\"e\",\"event_type\":\"click\",\"event_time\":1,\"session_id\":\"s\",\"page_url\":\"/\"} x|MALFORMED_JSON",
            "{\"event_type\":\"click\",\"event_time\":1,\"session_id\":\"s\",\"page_url\":\"/\"}|MISSING_FIELD",
            "{\"event_id\":\"e\",\"event_type\":\"click\",\"event_time\":1,\"session_id\":null,\"page_url\":\"/\"}|MISSING_FIELD",
            "{\"event_id\":\"e\",\"event_type\":\"click\",\"event_time\":1.5,\"session_id\":\"s\",\"page_url\":\"/\"}|WRONG_TYPE",
            "{\"event_id\":\"e\",\"event_type\":\"click\",\"event_time\":\"yesterday\",\"session_id\":\"s\",\"page_url\":\"/\"}|WRONG_TYPE",
            "{\"event_id\":\"e\",\"event_type\":\"click\",\"event_time\":1,\"session_id\":\"s\",\"page_url\":\"/\",\"quantity\":\"2\"}|WRONG_TYPE",
            "{\"event_id\":\"e\",\"event_type\":\"click\",\"event_time\":1,\"session_id\":\"s\",\"page_url\":{}}|WRONG_TYPE",
            "{\"event_id\":\"e\",\"event_type\":\"fly\",\"event_time\":1,\"session_id\":\"s\",\"page_url\":\"/\"}|UNKNOWN_EVENT_TYPE",
            "{\"event_id\":\"e\",\"event_type\":\"purchase\",\"event_time\":1,\"session_id\":\"s\",\"page_url\":\"/\",\"product_id\":\"p\",\"currency\":\"EUR\"}|MISSING_FIELD",
            "{\"event_id\":\"e\",\"event_type\":\"purchase\",\"event_time\":1,\"session_id\":\"s\",\"page_url\":\"/\",\"product_id\":\"p\",\"price\":\"1.234\",\"currency\":\"EUR\"}|WRONG_TYPE",
            "{\"event_id\":\"e\",\"event_type\":\"purchase\",\"event_time\":1,\"session_id\":\"s\",\"page_url\":\"/\",\"product_id\":\"p\",\"price\":\"abc\",\"currency\":\"EUR\"}|WRONG_TYPE",
            "{\"event_id\":\"e\",\"event_type\":\"add_to_cart\",\"event_time\":1,\"session_id\":\"s\",\"page_url\":\"/\"}|MISSING_FIELD",
            "{\"event_id\":\"e\",\"event_type\":\"click\",\"event_time\":1,\"session_id\":\"s\",\"page_url\":\"/\",\"event_id\":\"f\"}|MALFORMED_JSON",
            "{\"event_id\":\"e\",\"event_type\":\"click\",\"event_time\":1,\"session_id\":\"s\",\"page_url\":\"/\",\"x\":1,\"x\":2}|MALFORMED_JSON",
            "{\"event_id\":\"e\",\"event_type\":\"click\",\"event_time\":1,\"session_id\":\"s\",\"page_url\":\"/\",\"x\":{\"a\":{\"b\":1,\"b\":2}}}|MALFORMED_JSON",
            "{\"event_id\":\"e\",\"event_type\":\"click\",\"event_time\":1,\"session_id\":\"s\",\"page_url\":\"/\",\"x\":[1,{\"a\":1,\"a\":1}]}|MALFORMED_JSON",
            "{\"event_id\":\"e\",\"event_type\":\"click\",\"event_time\":1,\"session_id\":\"s\",\"page_url\":\"/\",\"x\":[1,{\"a\":1}|MALFORMED_JSON",
    })
    void badRecordsAreRejectedWithTheTransformsReasonCodes(String json, BadRecordReason reason) {
        ParseOutcome outcome = parser.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(outcome).isInstanceOf(ParseOutcome.Rejected.class);
        assertThat(((ParseOutcome.Rejected) outcome).reason()).isEqualTo(reason);
    }

    @Test
    void undeclaredNestedValuesAreSkippedWhateverTheirShape() {
        String json = "{\"event_id\":\"e\",\"event_type\":\"click\",\"event_time\":1,\"session_id\":\"s\","
                + "\"page_url\":\"/\",\"x\":[1,{\"a\":[{\"a\":1}],\"b\":{}},[]],\"y\":{\"a\":{\"a\":null}}}";
        assertThat(parser.parse(json.getBytes(StandardCharsets.UTF_8))).isInstanceOf(ParseOutcome.Parsed.class);
    }

    @Test
    void invalidUtf8IsItsOwnReason() {
        byte[] data = "{\"event_id\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(((ParseOutcome.Rejected) parser.parse(data)).reason()).isEqualTo(BadRecordReason.INVALID_UTF8);
    }

    @Test
    void aPurchaseCarriesRevenueInCentsTimesQuantity() {
        String json = "{\"event_id\":\"e\",\"event_type\":\"purchase\",\"event_time\":\"2026-11-22T03:09:24.123+02:00\","
                + "\"session_id\":\"s\",\"page_url\":\"https://x/checkout?step=2\",\"product_id\":\"p\","
                + "\"price\":12.5,\"currency\":\"USD\",\"quantity\":3,\"extra\":{\"nested\":[1,2]}}";
        Event event = ((ParseOutcome.Parsed) parser.parse(json.getBytes(StandardCharsets.UTF_8))).event();
        MinuteAggregate minute = new MinuteAggregate(PLAN);
        minute.add(event);
        MinuteItem item = new MinuteItem(0, null, minute.events(), minute.values());

        assertThat(item.amounts("revenue")).isEqualTo(java.util.Map.of("USD", new java.math.BigDecimal("37.50")));
        assertThat(item.amount("items_sold")).isEqualByComparingTo("3");
        assertThat(event.text()[PLAN.slot("page")]).isEqualTo("https://x/checkout");
        assertThat(event.eventTimeMillis()).isEqualTo(Instant.parse("2026-11-22T01:09:24.123Z").toEpochMilli());
    }

    @Test
    void theHealthCheckPingIsIgnored() {
        assertThat(parser.parse("{\"health_check\":true}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ParseOutcome.Ignored.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2026-11-22T03:09:24.123Z", "2026-11-22t03:09:24.123z", "2026-11-22T05:09:24.123+02:00",
            "2026-11-21T19:09:24.123-08:00", "2026-11-22T03:09:24.123456789Z", "2026-11-22T21:09:24.123+18:00",
    })
    void eventTimesWithAnyOffsetAreTheSameInstant(String eventTime) {
        Event event = ((ParseOutcome.Parsed) parser.parse(click(eventTime))).event();
        assertThat(event.eventTimeMillis()).isEqualTo(Instant.parse("2026-11-22T03:09:24.123Z").toEpochMilli());
    }

    /** The event-time language is java.time's ISO_OFFSET_DATE_TIME, the transform's too (events' IsoTimestamps). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"2026-02-30T00:00:00Z", "2026-11-22T03:09:24", "2016-12-31T23:59:60Z", "2026-11-22T03:09:24+18:30",
            "2026-11-22 03:09:24Z"})
    void eventTimesOutsideIsoWithAnOffsetAreTheWrongType(String eventTime) {
        ParseOutcome outcome = parser.parse(click(eventTime));
        assertThat(outcome).isInstanceOf(ParseOutcome.Rejected.class);
        assertThat(((ParseOutcome.Rejected) outcome).reason()).isEqualTo(BadRecordReason.WRONG_TYPE);
    }

    private static byte[] click(String eventTime) {
        return ("{\"event_id\":\"e\",\"event_type\":\"click\",\"event_time\":\"" + eventTime
                + "\",\"session_id\":\"s\",\"page_url\":\"/\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theEventTypesAreTheContractsEnumSymbols() throws Exception {
        try (InputStream avsc = getClass().getResourceAsStream("/io/firelake/events/clickstream-raw.avsc")) {
            JsonNode schema = new ObjectMapper().readTree(avsc);
            List<String> symbols = new ArrayList<>();
            for (JsonNode field : schema.get("fields")) {
                if (field.get("name").asText().equals("event_type")) {
                    field.get("type").get("symbols").forEach(s -> symbols.add(s.asText()));
                }
            }
            assertThat(symbols).isEqualTo(PLAN.spec().field(PLAN.spec().typeField()).values());
        }
    }
}
