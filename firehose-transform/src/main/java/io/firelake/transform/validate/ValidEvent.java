package io.firelake.transform.validate;

import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.SchemaRow;

/**
 * A raw event that passed validation. Values are held by raw-schema field position, converted to their schema types:
 * {@code String} (string, uuid in lower case, enum), {@code Integer}, {@code Long}, {@code Double}, {@code Boolean},
 * {@code BigDecimal} (decimal, at the schema's scale); {@code null} when absent. The event-time field holds epoch
 * milliseconds as a {@code Long}.
 */
public final class ValidEvent extends SchemaRow {

    private final long eventTimeMillis;
    private final long plainText;

    ValidEvent(EventSchema schema, Object[] values, long eventTimeMillis, long plainText) {
        super(schema, values);
        this.eventTimeMillis = eventTimeMillis;
        this.plainText = plainText;
    }

    /**
     * A bit per field (below 63) whose value is a string of ASCII characters that JSON writes as they are, as the
     * record's bytes showed: the enriched line copies it without escaping (issue 19). A bit may be clear for any value.
     */
    public long plainText() {
        return plainText;
    }

    public String string(int index) {
        Object value = value(index);
        return value == null ? null : value.toString();
    }

    /** Event time, epoch milliseconds UTC. */
    public long eventTimeMillis() {
        return eventTimeMillis;
    }
}
