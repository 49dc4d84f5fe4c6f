package io.firelake.events.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The non-null defaults of a raw {@code .avsc} (such as {@code schema_version: 1}), which {@code FieldSpec} records only
 * as "has a default". An absent field takes its default, so the lake never sees a hole where the contract promised a
 * value.
 */
public final class AvroDefaults {

    private AvroDefaults() {
    }

    /** Field name to default as a plain Java value ({@code Long}, {@code String}, {@code Boolean}, {@code BigDecimal}). */
    public static Map<String, Object> read(byte[] avsc) {
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
            throw new SchemaException("cannot read Avro defaults: " + e.getMessage(), e);
        }
    }
}
