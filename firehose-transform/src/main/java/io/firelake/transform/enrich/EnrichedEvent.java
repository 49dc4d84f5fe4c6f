package io.firelake.transform.enrich;

import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.SchemaRow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One enriched row: values by enriched-schema field position, as plain Java values ({@code String}, {@code Integer},
 * {@code Long} epoch ms for timestamps, {@code Boolean}, {@code BigDecimal}); {@code null} for absent.
 */
public final class EnrichedEvent extends SchemaRow {

    EnrichedEvent(EventSchema schema, Object[] values) {
        super(schema, values);
    }

    /** Values of the schema's partition fields, in schema order: Firehose's {@code metadata.partitionKeys}. */
    public Map<String, String> partitionKeys() {
        Map<String, String> keys = new LinkedHashMap<>(4);
        var fields = schema().fields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).partition()) {
                keys.put(fields.get(i).name(), String.valueOf(value(i)));
            }
        }
        return keys;
    }
}
