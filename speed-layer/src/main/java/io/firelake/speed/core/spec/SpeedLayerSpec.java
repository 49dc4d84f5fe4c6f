package io.firelake.speed.core.spec;

import java.util.List;

/**
 * A contract's speed-layer part ({@code contracts/<name>/speed-layer.yaml}): the fields read from each event, the
 * event's id, time and type, and the aggregates kept per event-time minute. Validated by {@link SpeedLayerSpecs}.
 *
 * @param source     where it was read from, for messages
 * @param idField    the field whose value identifies an event (duplicates within a shard's window are dropped)
 * @param timeField  the event-time field (type timestamp): it picks the minute
 * @param typeField  the field whose unknown values are {@code UNKNOWN_EVENT_TYPE}; null when the events have no type
 */
public record SpeedLayerSpec(String source, String idField, String timeField, String typeField, List<FieldSpec> fields,
                             List<AggregateSpec> aggregates) {

    public SpeedLayerSpec {
        fields = List.copyOf(fields);
        aggregates = List.copyOf(aggregates);
    }

    public FieldSpec field(String name) {
        for (FieldSpec field : fields) {
            if (field.name().equals(name)) {
                return field;
            }
        }
        return null;
    }

    public AggregateSpec aggregate(String name) {
        for (AggregateSpec aggregate : aggregates) {
            if (aggregate.name().equals(name)) {
                return aggregate;
            }
        }
        return null;
    }
}
