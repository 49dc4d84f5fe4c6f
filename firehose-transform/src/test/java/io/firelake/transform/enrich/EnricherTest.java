package io.firelake.transform.enrich;

import io.firelake.events.EventContract;
import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldSpec;
import io.firelake.transform.TestPipeline;
import io.firelake.transform.validate.RecordValidator;
import io.firelake.transform.validate.ValidEvent;
import io.firelake.transform.validate.Validation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnricherTest {

    private static final EventContract CONTRACT = EventContract.clickstream();
    private static final Enricher ENRICHER = new Enricher(CONTRACT, TestPipeline.userAgents());
    private static final RecordValidator VALIDATOR = RecordValidator.clickstream(TestPipeline.CLOCK);
    private static final long NOW = TestPipeline.NOW.toEpochMilli();
    private static final String FULL = "{\"schema_version\":1,\"event_id\":\"0b4f6c0e-8d1a-4a52-9a55-3c1f2d6e7a01\","
            + "\"event_type\":\"purchase\",\"event_time\":\"2026-11-22T00:30:00-02:30\",\"session_id\":\"s\",\"user_id\":\"u\","
            + "\"page_url\":\"https://shop.example.com/p?utm_source=a&utm_medium=b&utm_campaign=c\","
            + "\"referrer\":\"https://www.bing.com/\",\"user_agent\":\"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) "
            + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1\",\"ip\":\"192.0.2.9\","
            + "\"product_id\":\"p\",\"price\":\"5\",\"currency\":\"EUR\",\"quantity\":3,\"search_query\":\"q\"}";

    private static ValidEvent valid(String json) {
        return ((Validation.Valid) VALIDATOR.validate(json.getBytes(StandardCharsets.UTF_8))).event();
    }

    @Test
    void aFullyPopulatedEventFillsEveryEnrichedFieldAndNothingElse() throws Exception {
        EnrichedEvent event = ENRICHER.enrich(valid(FULL),
                new SourceMetadata(NOW - 1000, "shardId-000000000007", "4955", 2L), NOW);
        byte[] line = new EnrichedEventWriter(CONTRACT.enriched()).write(event);
        Iterator<String> names = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).fieldNames();
        List<String> keys = new ArrayList<>();
        names.forEachRemaining(keys::add);
        assertThat(keys).containsExactlyElementsOf(CONTRACT.enriched().fields().stream().map(FieldSpec::name).toList());
        assertThat(event.value("event_ts")).isEqualTo(NOW - 10 * 60_000);
        assertThat(event.value("event_date")).isEqualTo("2026-11-22");
        assertThat(event.value("event_hour")).isEqualTo("03");
        assertThat(event.value("utm_campaign")).isEqualTo("c");
        assertThat(event.value("referrer_class")).isEqualTo("search");
        assertThat(event.value("device_class")).isEqualTo("mobile");
        assertThat(event.value("ip_anonymized")).isEqualTo("192.0.2.0");
        assertThat(event.value("price")).isEqualTo(new BigDecimal("5.00"));
        assertThat(event.value("received_ts")).isEqualTo(NOW - 1000);
        assertThat(event.value("processed_ts")).isEqualTo(NOW);
        assertThat(event.value("kinesis_shard_id")).isEqualTo("shardId-000000000007");
        assertThat(event.value("kinesis_sequence_number")).isEqualTo("4955");
        assertThat(event.value("kinesis_subsequence_number")).isEqualTo(2L);
        assertThat(event.partitionKeys()).isEqualTo(Map.of("event_date", "2026-11-22", "event_hour", "03"));
        assertThat(new String(line, StandardCharsets.UTF_8)).contains("\"price\":5.00,")
                .contains("\"event_ts\":\"2026-11-22T03:00:00.000Z\"").endsWith("}\n");
    }

    @Test
    void directPutRecordsHaveNoKinesisCoordinatesAndImplausibleArrivalTimesAreDropped() {
        EnrichedEvent event = ENRICHER.enrich(valid(FULL), new SourceMetadata(-5L, null, null, null), NOW);
        assertThat(event.value("received_ts")).isNull();
        assertThat(event.value("kinesis_shard_id")).isNull();
        assertThat(event.value("kinesis_subsequence_number")).isNull();
    }

    @Test
    void anEnrichedSchemaWithAFieldNobodyProducesIsRejectedAtStartUp() {
        List<FieldSpec> fields = new ArrayList<>(CONTRACT.enriched().fields());
        FieldSpec template = fields.get(1);
        fields.add(new FieldSpec("country", template.types(), true, true, java.util.Set.of(), false, false, "", "",
                Map.of()));
        EventSchema drifted = new EventSchema("Drifted", fields);
        assertThatThrownBy(() -> new Enricher(CONTRACT.raw(), drifted, CONTRACT.enrichments(),
                TestPipeline.userAgents()))
                .hasMessageContaining("country");
    }

    @Test
    void thePersonalRawIpCannotBeCopiedIntoTheLake() {
        List<FieldSpec> fields = new ArrayList<>(CONTRACT.enriched().fields());
        FieldSpec template = fields.get(1);
        fields.add(new FieldSpec("ip", template.types(), true, true, java.util.Set.of(), false, false, "", "", Map.of()));
        assertThatThrownBy(() -> new Enricher(CONTRACT.raw(), new EventSchema("Leaky", fields),
                CONTRACT.enrichments(), TestPipeline.userAgents()))
                .hasMessageContaining("ip");
    }
}
