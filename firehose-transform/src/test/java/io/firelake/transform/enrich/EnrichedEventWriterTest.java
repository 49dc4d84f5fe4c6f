package io.firelake.transform.enrich;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.firelake.events.EventContract;
import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldSpec;
import io.firelake.transform.time.Timestamps;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer's bytes are what Jackson's generator writes with its defaults, for every kind of value and character. */
class EnrichedEventWriterTest {

    private static final EventSchema ENRICHED = EventContract.clickstream().enriched();
    private static final List<String> STRINGS = List.of("plain", "", "quote \" backslash \\ slash /",
            "controls \b \t \n \f \r \u0000 \u0001 \u001f \u007f", "é ü ß", "€ 中文", "emoji 😀 𝄞",
            "https://shop.example.com/p?q=a%20b&x=<y>");

    @Test
    void writesWhatJacksonWritesForEveryValue() throws IOException {
        EnrichedEventWriter writer = new EnrichedEventWriter(ENRICHED);
        for (String text : STRINGS) {
            EnrichedEvent event = event(text, 1_795_316_965_123L, new BigDecimal("19.9"), 7, true);
            assertThat(new String(writer.write(event), StandardCharsets.UTF_8))
                    .isEqualTo(new String(jackson(event), StandardCharsets.UTF_8));
        }
        EnrichedEvent sparse = event(null, 0L, null, null, false);
        assertThat(writer.write(sparse)).isEqualTo(jackson(sparse));
    }

    @Test
    void aTimestampItCannotWriteLeavesNothingBehind() throws IOException {
        EnrichedEventWriter writer = new EnrichedEventWriter(ENRICHED);
        EnrichedEvent beyond = event("x", 300_000_000_000_000L, null, null, false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> writer.write(beyond))
                .isInstanceOf(java.time.DateTimeException.class);
        for (long millis : new long[]{0L, 0L, 1_795_316_965_123L, 1_795_316_965_123L, 0L}) {
            EnrichedEvent event = event("x", millis, null, null, false);
            assertThat(new String(writer.write(event), StandardCharsets.UTF_8))
                    .isEqualTo(new String(jackson(event), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aSplitSurrogateIsEscapedAsJacksonEscapesIt() throws IOException {
        EnrichedEvent event = event("broken \ud800 pair \udc00", 0L, null, null, false);
        assertThat(new EnrichedEventWriter(ENRICHED).write(event)).isEqualTo(jackson(event));
    }

    /** Every field set: strings to {@code text} (required ones to "x" when text is null), the rest by kind. */
    private static EnrichedEvent event(String text, long millis, BigDecimal price, Integer quantity, boolean bot) {
        List<FieldSpec> fields = ENRICHED.fields();
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            FieldSpec field = fields.get(i);
            values[i] = switch (field.storageType().kind()) {
                case INT -> field.name().equals("quantity") ? quantity : (Object) 1;
                case LONG -> (Object) (field.nullable() && text == null ? null : -42L);
                case TIMESTAMP_MILLIS -> millis;
                case BOOLEAN -> bot;
                case DECIMAL -> price;
                case FLOAT, DOUBLE -> 1.5;
                default -> text != null ? text : field.nullable() ? null : "x";
            };
        }
        return new EnrichedEvent(ENRICHED, values);
    }

    /** The writer as it was: a Jackson generator per record. */
    private static byte[] jackson(EnrichedEvent event) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        char[] timestamp = new char[24];
        try (JsonGenerator out = new JsonFactory().createGenerator(buffer)) {
            out.writeStartObject();
            List<FieldSpec> fields = ENRICHED.fields();
            for (int i = 0; i < fields.size(); i++) {
                Object value = event.value(i);
                if (value == null) {
                    continue;
                }
                out.writeFieldName(fields.get(i).name());
                switch (fields.get(i).storageType().kind()) {
                    case INT -> out.writeNumber(((Number) value).intValue());
                    case LONG -> out.writeNumber(((Number) value).longValue());
                    case FLOAT, DOUBLE -> out.writeNumber(((Number) value).doubleValue());
                    case BOOLEAN -> out.writeBoolean((Boolean) value);
                    case DECIMAL -> out.writeNumber(((BigDecimal) value)
                            .setScale(fields.get(i).storageType().scale()).toPlainString());
                    case TIMESTAMP_MILLIS -> {
                        Timestamps.writeIsoMillis(((Number) value).longValue(), timestamp);
                        out.writeString(timestamp, 0, timestamp.length);
                    }
                    default -> out.writeString(value.toString());
                }
            }
            out.writeEndObject();
        }
        buffer.write('\n');
        return buffer.toByteArray();
    }
}
