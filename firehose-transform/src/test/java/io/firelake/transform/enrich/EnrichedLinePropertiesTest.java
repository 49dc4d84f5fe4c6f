package io.firelake.transform.enrich;

import io.firelake.events.EventContract;
import io.firelake.transform.TestPipeline;
import io.firelake.transform.validate.RecordValidator;
import io.firelake.transform.validate.Validation;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The enriched line's shortcuts change no byte: strings the byte reader or the enricher marked plain (copied without a
 * look) and timestamps remembered from the last record are written exactly as a fresh writer writes the same values
 * with no marks, whose bytes {@code EnrichedEventWriterTest} holds to Jackson's.
 */
class EnrichedLinePropertiesTest {

    private static final EventContract CONTRACT = EventContract.clickstream();
    private static final RecordValidator VALIDATOR = RecordValidator.clickstream(TestPipeline.CLOCK);
    private static final Enricher ENRICHER = new Enricher(CONTRACT, TestPipeline.userAgents());
    /** Shared by every try, as a Lambda instance shares it across records: its remembered timestamps carry over. */
    private static final EnrichedEventWriter WARM = new EnrichedEventWriter(CONTRACT.enriched());
    private static final long NOW = TestPipeline.NOW.toEpochMilli();

    /** JSON string literals: plain, escaped, non-ASCII, and characters Latin-1 has but ASCII lacks. */
    private static final List<String> TEXTS = List.of("\"s-1\"", "\"a much longer plain session identifier\"",
            "\"quote \\\" inside\"", "\"back\\\\slash\"", "\"tab\\there\"", "\"caf\u00e9 \u20ac \uD83D\uDE00\"",
            "\"\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\"",
            "\"what? yes?? \u0141?\"", "\"\\u00e9 escaped\"", "\"\\ud83d\\ude00 pair\"", "\"\"", "\"?\"");
    private static final List<String> URLS = List.of("\"https://shop.example.com/p/42?utm_source=news&utm_medium=mail\"",
            "\"https://SHOP.example.com:8443/caf\u00e9?utm_campaign=%E2%82%AC\"", "\"https://a.example/\\\"q\\\"\"",
            "\"/relative/path?utm_source=x\"", "\"https://\u00fcber.example/\u00fc?utm_source=\u00fc\"");
    private static final List<String> AGENTS = List.of("\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
                    + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0 Safari/537.36\"",
            "\"Googlebot/2.1 (+http://www.google.com/bot.html)\"", "\"curl/8.0 \\\"quoted\\\"\"", "\"\u00fcAgent/1\"");
    private static final List<String> IPS = List.of("\"203.0.113.7\"", "\"2001:db8::1\"", "\"not an ip\"",
            "\"\u00fc\"");

    @Property(tries = 1500)
    void markedValuesAreWrittenAsUnmarkedOnesAre(@ForAll("texts") String session, @ForAll("texts") String query,
                                                 @ForAll("urls") String page, @ForAll("urls") String referrer,
                                                 @ForAll("agents") String agent, @ForAll("ips") String ip,
                                                 @ForAll("times") String eventTime,
                                                 @ForAll @LongRange(min = 0, max = 3) long receivedStep) {
        String json = "{\"schema_version\":1,\"event_id\":\"0B4F6C0E-8D1A-4A52-9A55-3C1F2D6E7A01\","
                + "\"event_type\":\"search\",\"event_time\":" + eventTime + ",\"session_id\":" + session
                + ",\"page_url\":" + page + ",\"referrer\":" + referrer + ",\"user_agent\":" + agent + ",\"ip\":" + ip
                + ",\"search_query\":" + query + "}";
        Validation validation = VALIDATOR.validate(json.getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(validation).as(json).isInstanceOf(Validation.Valid.class);
        SourceMetadata source = new SourceMetadata(NOW - receivedStep, "shardId-000000000000",
                "49590338271490256608559692538361571095921575989136588898", 3L);
        EnrichedEvent marked = ENRICHER.enrich(((Validation.Valid) validation).event(), source, NOW);
        EnrichedEvent unmarked = new EnrichedEvent(marked.schema(), values(marked), EnrichedEvent.partitionFields(
                marked.schema()), 0);

        assertThat(new String(WARM.write(marked), StandardCharsets.UTF_8)).as(json)
                .isEqualTo(new String(new EnrichedEventWriter(CONTRACT.enriched()).write(unmarked),
                        StandardCharsets.UTF_8));
    }

    @Property(tries = 200)
    void copiedTextOfPlainCharactersIsMarked(@ForAll("plainTexts") String session) {
        String json = "{\"event_id\":\"0b4f6c0e-8d1a-4a52-9a55-3c1f2d6e7a01\",\"event_type\":\"page_view\","
                + "\"event_time\":\"2026-11-22T03:00:00Z\",\"session_id\":\"" + session + "\","
                + "\"page_url\":\"https://a.example/p\"}";
        EnrichedEvent event = ENRICHER.enrich(((Validation.Valid) VALIDATOR.validate(
                json.getBytes(StandardCharsets.UTF_8), NOW)).event(), SourceMetadata.NONE, NOW);
        int sessionField = event.schema().indexOf("session_id");
        int hostField = event.schema().indexOf("url_host");
        assertThat(event.plainText() & (1L << sessionField)).isNotZero();
        assertThat(event.plainText() & (1L << hostField)).isNotZero();
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of(TEXTS);
    }

    @Provide
    Arbitrary<String> plainTexts() {
        return Arbitraries.strings().withCharRange(' ', '~').excludeChars('"', '\\').ofMaxLength(40);
    }

    @Provide
    Arbitrary<String> urls() {
        return Arbitraries.of(URLS);
    }

    @Provide
    Arbitrary<String> agents() {
        return Arbitraries.of(AGENTS);
    }

    @Provide
    Arbitrary<String> ips() {
        return Arbitraries.of(IPS);
    }

    /** Event times that repeat and that change, as text and as epoch milliseconds. */
    @Provide
    Arbitrary<String> times() {
        return Arbitraries.oneOf(Arbitraries.of("\"2026-11-22T03:00:00Z\"", "\"2026-11-22T04:00:00.5+01:00\"",
                        "1795316964000"),
                Arbitraries.longs().between(NOW - 86_400_000L * 400, NOW).map(Object::toString));
    }

    private static Object[] values(EnrichedEvent event) {
        Object[] values = new Object[event.schema().fields().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = event.value(i);
        }
        return values;
    }
}
