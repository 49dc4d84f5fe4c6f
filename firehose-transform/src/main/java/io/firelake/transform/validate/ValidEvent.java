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

    ValidEvent(EventSchema schema, Object[] values, long eventTimeMillis) {
        super(schema, values);
        this.eventTimeMillis = eventTimeMillis;
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
