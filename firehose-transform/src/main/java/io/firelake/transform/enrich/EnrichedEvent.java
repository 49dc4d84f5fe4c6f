package io.firelake.transform.enrich;

import io.firelake.events.schema.EventSchema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One enriched row: values by enriched-schema field position, as plain Java values ({@code String}, {@code Integer},
 * {@code Long} epoch ms for timestamps, {@code Boolean}, {@code BigDecimal}); {@code null} for absent.
 */
public final class EnrichedEvent {

    private final EventSchema schema;
    private final Object[] values;

    EnrichedEvent(EventSchema schema, Object[] values) {
        this.schema = schema;
        this.values = values;
    }

    public EventSchema schema() {
        return schema;
    }

    public Object value(int index) {
        return values[index];
    }

    public Object value(String field) {
        int index = schema.indexOf(field);
        if (index < 0) {
            throw new IllegalArgumentException("no enriched field " + field);
        }
        return values[index];
    }

    /** Values of the schema's partition fields, in schema order: Firehose's {@code metadata.partitionKeys}. */
    public Map<String, String> partitionKeys() {
        Map<String, String> keys = new LinkedHashMap<>(4);
        for (int i = 0; i < values.length; i++) {
            if (schema.fields().get(i).partition()) {
                keys.put(schema.fields().get(i).name(), String.valueOf(values[i]));
            }
        }
        return keys;
    }
}
