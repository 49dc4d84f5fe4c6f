package io.firelake.transform.core;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.firelake.events.EventContract;
import io.firelake.events.catalog.Column;
import io.firelake.events.catalog.TableDefinition;
import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@code Ok} record must be, checked against the contract rather than examples: keys are enriched-schema
 * names in schema order, every non-nullable field is present, each value parses as its Glue column type, and the
 * partition keys are the event_ts's UTC date and hour.
 */
public final class OkOutputContract {

    /** Decimals exactly as written: Jackson would otherwise strip "19.90" to "19.9". */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private static final EventSchema ENRICHED = EventContract.clickstream().enriched();
    private static final TableDefinition TABLE = TableDefinition.of(ENRICHED, "firelake", "events", "s3://lake/raw/");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),(\\d+)\\)");

    private OkOutputContract() {
    }

    /** Asserts the contract and returns the parsed row. */
    public static JsonNode check(TransformResult.Ok ok) {
        byte[] data = ok.data();
        assertThat(data[data.length - 1]).as("Ok data ends with a newline").isEqualTo((byte) '\n');
        JsonNode row;
        try {
            row = JSON.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(row.isObject()).isTrue();
        List<String> keys = new ArrayList<>();
        row.fieldNames().forEachRemaining(keys::add);
        List<String> schemaOrder = ENRICHED.fields().stream().map(FieldSpec::name).filter(keys::contains).toList();
        assertThat(keys).as("keys are enriched field names in schema order").isEqualTo(schemaOrder);
        for (FieldSpec field : ENRICHED.fields()) {
            if (!field.nullable()) {
                assertThat(row.has(field.name())).as("required enriched field " + field.name()).isTrue();
            }
            if (row.has(field.name())) {
                assertThat(row.get(field.name()).isNull()).as("nulls are omitted").isFalse();
            }
        }
        for (Column column : TABLE.columns()) {
            if (row.has(column.name())) {
                assertParsesAs(column.name(), column.type(), row.get(column.name()));
            }
        }
        for (Column key : TABLE.partitionKeys()) {
            assertParsesAs(key.name(), key.type(), row.get(key.name()));
        }
        Instant eventTs = Instant.parse(row.get("event_ts").asText());
        String iso = eventTs.toString();
        assertThat(ok.partitionKeys()).isEqualTo(Map.of(
                "event_date", iso.substring(0, 10),
                "event_hour", iso.substring(11, 13)));
        assertThat(row.get("event_date").asText()).isEqualTo(iso.substring(0, 10));
        assertThat(row.get("event_hour").asText()).isEqualTo(iso.substring(11, 13));
        assertThat(row.has("ip")).as("the raw ip never reaches the lake").isFalse();
        return row;
    }

    private static void assertParsesAs(String name, String glueType, JsonNode value) {
        String what = name + " as " + glueType + ": " + value;
        switch (glueType) {
            case "string" -> assertThat(value.isTextual()).as(what).isTrue();
            case "int" -> assertThat(value.canConvertToInt() && value.isIntegralNumber()).as(what).isTrue();
            case "bigint" -> assertThat(value.canConvertToLong() && value.isIntegralNumber()).as(what).isTrue();
            case "boolean" -> assertThat(value.isBoolean()).as(what).isTrue();
            case "double", "float" -> assertThat(value.isNumber()).as(what).isTrue();
            case "timestamp" -> {
                assertThat(value.isTextual() && TIMESTAMP.matcher(value.asText()).matches()).as(what).isTrue();
                Instant.parse(value.asText());
            }
            default -> {
                var m = DECIMAL.matcher(glueType);
                assertThat(m.matches()).as("unexpected Glue type " + glueType).isTrue();
                assertThat(value.isNumber()).as(what).isTrue();
                BigDecimal number = value.decimalValue();
                int precision = Integer.parseInt(m.group(1));
                int scale = Integer.parseInt(m.group(2));
                assertThat(number.scale()).as(what).isEqualTo(scale);
                assertThat(number.precision() - number.scale()).as(what).isLessThanOrEqualTo(precision - scale);
            }
        }
    }
}
