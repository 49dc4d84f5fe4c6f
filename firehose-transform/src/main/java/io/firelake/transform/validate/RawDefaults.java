package io.firelake.transform.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.events.EventContract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The non-null defaults of a raw {@code .avsc} (such as {@code schema_version: 1}), which {@code FieldSpec} records only
 * as "has a default". An absent field takes its default, so the lake never sees a hole where the contract promised a
 * value.
 */
public final class RawDefaults {

    private RawDefaults() {
    }

    /** Field name to default as a plain Java value ({@code Long}, {@code String}, {@code Boolean}, {@code BigDecimal}). */
    public static Map<String, Object> fromAvsc(InputStream avsc) {
        try {
            JsonNode root = new ObjectMapper().readTree(avsc);
            Map<String, Object> defaults = new HashMap<>();
            for (JsonNode field : root.path("fields")) {
                JsonNode value = field.get("default");
                if (value == null || value.isNull()) {
                    continue;
                }
                Object plain;
                if (value.isIntegralNumber()) {
                    plain = value.longValue();
                } else if (value.isNumber()) {
                    plain = value.decimalValue();
                } else if (value.isBoolean()) {
                    plain = value.booleanValue();
                } else {
                    plain = value.asText();
                }
                defaults.put(field.path("name").asText(), plain);
            }
            return Map.copyOf(defaults);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Avro defaults", e);
        }
    }

    /** Defaults of the clickstream raw schema that ships in firelake-events. */
    public static Map<String, Object> clickstream() {
        try (InputStream in = EventContract.class.getResourceAsStream(EventContract.RAW_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(EventContract.RAW_RESOURCE + " is missing from the class path");
            }
            return fromAvsc(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
