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

    private final int[] partitionFields;
    private final long plainText;

    EnrichedEvent(EventSchema schema, Object[] values) {
        this(schema, values, partitionFields(schema), 0);
    }

    /**
     * @param partitionFields the schema's partition fields' positions ({@link #partitionFields(EventSchema)})
     * @param plainText       a bit per field (below 63) whose value is a string JSON writes as it is
     *                        ({@link io.firelake.transform.validate.ValidEvent#plainText()})
     */
    EnrichedEvent(EventSchema schema, Object[] values, int[] partitionFields, long plainText) {
        super(schema, values);
        this.partitionFields = partitionFields;
        this.plainText = plainText;
    }

    /** A bit per field (below 63) whose value is a string of ASCII characters that JSON writes as they are. */
    long plainText() {
        return plainText;
    }

    /** Positions of the schema's partition fields, in schema order: computed once by the enricher, not per record. */
    static int[] partitionFields(EventSchema schema) {
        var fields = schema.fields();
        return java.util.stream.IntStream.range(0, fields.size()).filter(i -> fields.get(i).partition()).toArray();
    }

    /** Values of the schema's partition fields, in schema order: Firehose's {@code metadata.partitionKeys}. */
    public Map<String, String> partitionKeys() {
        Map<String, String> keys = new LinkedHashMap<>(4);
        var fields = schema().fields();
        for (int i : partitionFields) {
            keys.put(fields.get(i).name(), String.valueOf(value(i)));
        }
        return keys;
    }
}
