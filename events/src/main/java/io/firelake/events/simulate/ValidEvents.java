package io.firelake.events.simulate;

import io.firelake.events.EventContract;
import io.firelake.events.schema.FieldSpec;
import io.firelake.events.schema.FieldType;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Valid events of any contract, from its raw schema and its simulator hints ({@code contract.yaml}'s
 * {@code simulator.fields}): every required field, optional ones now and then, the fields the event's type requires,
 * a fresh UUID for a UUID event id, and the given event time. The one owner of that generation: the producer's
 * simulator adds faults and pacing around it, the transform primes its SnapStart snapshot with it. Draws come from
 * the caller's random, so a seed gives the same events.
 */
public final class ValidEvents {

    private final List<FieldSpec> fields;
    private final List<FieldValues> values = new ArrayList<>();
    private final Random random;
    private final String idField;
    private final String timeField;
    private final String typeField;

    public ValidEvents(EventContract contract, Random random) {
        this.fields = contract.raw().fields();
        this.random = random;
        for (FieldSpec field : fields) {
            values.add(new FieldValues(field, contract.simulator().fields()));
        }
        this.idField = contract.eventIdField().name();
        this.timeField = contract.eventTimeField().name();
        this.typeField = contract.eventTypeField().map(FieldSpec::name).orElse(null);
    }

    /** The next event, its fields in schema order ({@link EventWriter} writes it), its event time {@code time}. */
    public Map<String, Object> next(Instant time) {
        Map<String, Object> event = new LinkedHashMap<>();
        String type = null;
        for (int i = 0; i < fields.size(); i++) {
            FieldSpec field = fields.get(i);
            if (field.name().equals(timeField)) {
                event.put(field.name(), time(field, time));
                continue;
            }
            boolean required = type == null ? field.required() : field.requiredFor(type);
            if (!required && values.get(i).absent(random)) {
                continue;
            }
            Object value = field.name().equals(idField) && field.types().get(0).kind() == FieldType.Kind.UUID
                    ? new UUID(random.nextLong(), random.nextLong()).toString()
                    : values.get(i).next(random);
            event.put(field.name(), value);
            if (field.name().equals(typeField)) {
                type = (String) value;
            }
        }
        return event;
    }

    /** Epoch milliseconds when the field takes a long, else ISO-8601 in UTC. */
    private static Object time(FieldSpec field, Instant time) {
        boolean text = field.types().stream().anyMatch(t -> t.kind() == FieldType.Kind.STRING);
        return text ? DateTimeFormatter.ISO_INSTANT.format(time) : time.toEpochMilli();
    }
}
