package io.firelake.speed.core.spec;

import io.firelake.events.EventContract;
import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldType.Kind;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A speed-layer.yaml checked against its contract's raw schema, when both are loaded together: every field it reads is
 * a field of the raw schema, of a type whose every value the speed layer reads (so it counts the events the lake
 * keeps), its values those of an enum, and its event id and time the contract's roles. The Lambda loads only the
 * yaml; the local runtime, the build and the tests load both and call this.
 */
public final class RawSchemaCheck {

    /** The raw kinds each speed-layer type reads: every branch of a raw field's type must be among them. */
    private static final Map<FieldType, Set<Kind>> READS = Map.of(
            FieldType.STRING, EnumSet.of(Kind.STRING, Kind.UUID, Kind.ENUM),
            FieldType.INT, EnumSet.of(Kind.INT),
            FieldType.LONG, EnumSet.of(Kind.INT, Kind.LONG),
            FieldType.DECIMAL, EnumSet.of(Kind.DECIMAL),
            FieldType.DOUBLE, EnumSet.of(Kind.INT, Kind.LONG, Kind.FLOAT, Kind.DOUBLE),
            FieldType.BOOLEAN, EnumSet.of(Kind.BOOLEAN),
            FieldType.TIMESTAMP, EnumSet.of(Kind.TIMESTAMP_MILLIS, Kind.LONG, Kind.STRING));
    /** Kinds with no keys inside: a path through one of them reads nothing. */
    private static final Set<Kind> SCALARS = EnumSet.of(Kind.STRING, Kind.UUID, Kind.INT, Kind.LONG, Kind.FLOAT,
            Kind.DOUBLE, Kind.BOOLEAN, Kind.DECIMAL, Kind.TIMESTAMP_MILLIS, Kind.ENUM);

    private RawSchemaCheck() {
    }

    /** {@code spec}, unchanged, when it agrees with {@code contract}'s raw schema; else a {@link SpecException}. */
    public static SpeedLayerSpec check(SpeedLayerSpec spec, EventContract contract) {
        EventSchema raw = contract.raw();
        String schema = "the raw schema of contract '" + contract.name() + "' (" + raw.fullName() + ")";
        for (FieldSpec field : spec.fields()) {
            String top = field.path().get(0);
            String at = "fields." + field.name() + (field.path().size() == 1 && top.equals(field.name()) ? "" : ".path");
            io.firelake.events.schema.FieldSpec rawField = raw.field(top).orElseThrow(() -> new SpecException(
                    spec.source(), field.line(), at, "'" + top + "' is not a field of " + schema + "; its fields: "
                    + raw.fields().stream().map(io.firelake.events.schema.FieldSpec::name).toList()));
            List<Kind> kinds = rawField.types().stream().map(io.firelake.events.schema.FieldType::kind).toList();
            if (field.path().size() > 1 && kinds.contains(Kind.RECORD)) {
                rawField = subField(spec, field, rawField, at, schema);
                kinds = rawField.types().stream().map(io.firelake.events.schema.FieldType::kind).toList();
            } else if (field.path().size() > 1) {
                if (SCALARS.containsAll(kinds)) {
                    throw new SpecException(spec.source(), field.line(), at, "'" + field.pathText() + "' reads inside '"
                            + top + "', which is " + kinds + " in " + schema + ", with no keys inside");
                }
                continue; // inside a map field: its keys are the producer's
            }
            String name = field.path().size() > 1 ? field.pathText() : top;
            if (!READS.get(field.type()).containsAll(kinds)) {
                throw new SpecException(spec.source(), field.line(), "fields." + field.name() + ".type",
                        (field.type() == FieldType.INT ? "an " : "a ") + field.type().name().toLowerCase(java.util.Locale.ROOT)
                                + " reads only " + READS.get(field.type())
                        + ", but '" + name + "' is " + kinds + " in " + schema);
            }
            rawField.types().stream().filter(t -> t.kind() == Kind.ENUM).findFirst().ifPresent(symbols -> {
                if (field.isEnum() && !new HashSet<>(field.values()).equals(new HashSet<>(symbols.symbols()))) {
                    throw new SpecException(spec.source(), field.line(), "fields." + field.name() + ".values",
                            field.values() + " are not the symbols of '" + name + "' in " + schema + ": " + symbols.symbols());
                }
            });
        }
        role(spec, spec.idField(), contract.eventIdField().name(), "event.id", schema);
        role(spec, spec.timeField(), contract.eventTimeField().name(), "event.time", schema);
        return spec;
    }

    /**
     * A record's sub-field a dotted path reads ({@code location.building}): one level deep, declared in the record, and
     * not {@code required} when the record may be absent (the transform takes an event without it).
     */
    private static io.firelake.events.schema.FieldSpec subField(SpeedLayerSpec spec, FieldSpec field,
            io.firelake.events.schema.FieldSpec record, String at, String schema) {
        io.firelake.events.schema.FieldType type = record.storageType();
        if (field.path().size() != 2) {
            throw new SpecException(spec.source(), field.line(), at, "'" + field.pathText() + "' reads below a sub-field"
                    + " of record '" + record.name() + "', whose sub-fields are scalars");
        }
        if (field.required() && !record.required()) {
            throw new SpecException(spec.source(), field.line(), "fields." + field.name() + ".required", "'"
                    + field.pathText() + "' cannot be required: record '" + record.name() + "' is optional in " + schema);
        }
        return type.field(field.path().get(1)).orElseThrow(() -> new SpecException(spec.source(), field.line(), at,
                "'" + field.pathText() + "' is not a sub-field of record '" + record.name() + "' in " + schema
                        + "; its sub-fields: " + type.fields().stream().map(io.firelake.events.schema.FieldSpec::name)
                        .toList()));
    }

    private static void role(SpeedLayerSpec spec, String field, String rawName, String at, String schema) {
        FieldSpec declared = spec.field(field);
        if (!declared.pathText().equals(rawName)) {
            throw new SpecException(spec.source(), declared.line(), at, "'" + field + "' reads '" + declared.pathText()
                    + "', but the role's field in " + schema + " is '" + rawName + "'");
        }
    }
}
