package io.firelake.events.schema;

import io.firelake.events.EventContract;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaRowTest {

    static final class Row extends SchemaRow {
        Row(EventSchema schema, Object[] values) {
            super(schema, values);
        }
    }

    private final EventSchema raw = EventContract.clickstream().raw();

    @Test
    void valuesAreFoundByPositionAndByName() {
        Object[] values = new Object[raw.fields().size()];
        int eventType = raw.indexOf("event_type");
        values[eventType] = "click";
        Row row = new Row(raw, values);
        assertThat(row.value(eventType)).isEqualTo("click");
        assertThat(row.value("event_type")).isEqualTo("click");
        assertThat(row.value("event_id")).isNull();
        assertThat(row.schema()).isSameAs(raw);
        assertThat(row.toString()).startsWith("Row[").contains("click");
    }

    @Test
    void anUnknownNameOrAWrongNumberOfValuesIsABug() {
        Row row = new Row(raw, new Object[raw.fields().size()]);
        assertThatThrownBy(() -> row.value("no_such_field")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no_such_field");
        assertThatThrownBy(() -> new Row(raw, new Object[1])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fields, not 1");
    }
}
