package io.firelake.events.simulate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.firelake.events.EventContract;
import io.firelake.events.schema.FieldSpec;
import io.firelake.events.schema.FieldType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Serializes an event as one JSON object with the contract's raw fields, in the contract's order, nulls left out.
 * A key the contract does not know is a bug in the simulator, not a fault to inject: it fails at once.
 */
public final class EventWriter {

    private final JsonFactory factory = new JsonFactory();
    private final List<FieldSpec> fields;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);

    public EventWriter(EventContract contract) {
        this.fields = contract.raw().fields();
    }

    public byte[] write(Map<String, Object> event) {
        for (String key : event.keySet()) {
            if (fields.stream().noneMatch(f -> f.name().equals(key))) {
                throw new IllegalStateException("the simulator wrote '" + key + "', which the contract lacks");
            }
        }
        buffer.reset();
        try (JsonGenerator json = factory.createGenerator(buffer)) {
            json.writeStartObject();
            for (FieldSpec field : fields) {
                Object value = event.get(field.name());
                if (value == null && !event.containsKey(field.name())) {
                    continue;
                }
                if (value == null) {
                    continue;
                }
                json.writeFieldName(field.name());
                writeValue(json, value);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value instanceof String s) {
            json.writeString(s);
        } else if (value instanceof Integer i) {
            json.writeNumber(i);
        } else if (value instanceof Long l) {
            json.writeNumber(l);
        } else if (value instanceof BigDecimal d) {
            json.writeNumber(d);
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Double d) {
            json.writeNumber(d);
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName(entry.getKey().toString());
                writeValue(json, entry.getValue());
            }
            json.writeEndObject();
        } else {
            throw new IllegalStateException("cannot write " + value.getClass());
        }
    }

    /** A value of the wrong JSON type for this field: what a buggy producer would send. */
    public static Object wrongValueFor(FieldSpec field) {
        boolean acceptsString = field.types().stream().anyMatch(t -> switch (t.kind()) {
            case STRING, UUID, ENUM, TIMESTAMP_MILLIS -> true;
            default -> false;
        });
        boolean acceptsNumber = field.types().stream().anyMatch(t -> switch (t.kind()) {
            case INT, LONG, FLOAT, DOUBLE, DECIMAL, TIMESTAMP_MILLIS -> true;
            default -> false;
        });
        if (acceptsString && acceptsNumber) {
            return Boolean.TRUE;
        }
        if (acceptsString) {
            return 12345;
        }
        FieldType.Kind kind = field.types().get(0).kind();
        return kind == FieldType.Kind.BOOLEAN ? "yes" : "not-a-number";
    }
}
