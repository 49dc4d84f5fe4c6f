package io.firelake.events.schema;

import java.util.Arrays;

/**
 * One event's values by field position in its {@link EventSchema}, as plain Java values, {@code null} for absent.
 * Positions come from the schema (resolve a name once with {@link EventSchema#indexOf}); the by-name lookup is for
 * tests and tools.
 */
public abstract class SchemaRow {

    private final EventSchema schema;
    private final Object[] values;

    protected SchemaRow(EventSchema schema, Object[] values) {
        if (values.length != schema.fields().size()) {
            throw new IllegalArgumentException(schema.fullName() + " has " + schema.fields().size() + " fields, not "
                    + values.length);
        }
        this.schema = schema;
        this.values = values;
    }

    public EventSchema schema() {
        return schema;
    }

    /** The value of the field at {@code index} in {@link EventSchema#fields()}. */
    public Object value(int index) {
        return values[index];
    }

    public Object value(String field) {
        int index = schema.indexOf(field);
        if (index < 0) {
            throw new IllegalArgumentException("no field " + field + " in " + schema.fullName());
        }
        return values[index];
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + Arrays.toString(values);
    }
}
