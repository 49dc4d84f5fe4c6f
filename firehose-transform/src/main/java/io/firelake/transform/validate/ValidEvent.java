package io.firelake.transform.validate;

import io.firelake.events.schema.EventSchema;

import java.util.Arrays;

/**
 * A raw event that passed validation. Values are held by raw-schema field position, converted to their schema types:
 * {@code String} (string, uuid in lower case, enum), {@code Integer}, {@code Long}, {@code Double}, {@code Boolean},
 * {@code BigDecimal} (decimal, at the schema's scale); {@code null} when absent. The event-time field holds epoch
 * milliseconds as a {@code Long}.
 */
public final class ValidEvent {

    private final EventSchema schema;
    private final Object[] values;
    private final long eventTimeMillis;

    ValidEvent(EventSchema schema, Object[] values, long eventTimeMillis) {
        this.schema = schema;
        this.values = values;
        this.eventTimeMillis = eventTimeMillis;
    }

    public EventSchema schema() {
        return schema;
    }

    /** Value of the raw field at {@code index} in {@link EventSchema#fields()}. */
    public Object value(int index) {
        return values[index];
    }

    public Object value(String field) {
        int index = schema.indexOf(field);
        if (index < 0) {
            throw new IllegalArgumentException("no raw field " + field);
        }
        return values[index];
    }

    public String string(int index) {
        Object value = values[index];
        return value == null ? null : value.toString();
    }

    /** Event time, epoch milliseconds UTC. */
    public long eventTimeMillis() {
        return eventTimeMillis;
    }

    @Override
    public String toString() {
        return "ValidEvent" + Arrays.toString(values);
    }
}
