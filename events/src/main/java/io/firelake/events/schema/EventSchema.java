package io.firelake.events.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An event schema: a named, ordered list of fields. Field order is the column order of the lake.
 */
public final class EventSchema {

    private final String fullName;
    private final List<FieldSpec> fields;
    private final Map<String, FieldSpec> byName;
    private final Map<String, Integer> positions;

    public EventSchema(String fullName, List<FieldSpec> fields) {
        this.fullName = fullName;
        this.fields = List.copyOf(fields);
        Map<String, FieldSpec> index = new LinkedHashMap<>();
        Map<String, Integer> position = new LinkedHashMap<>();
        for (FieldSpec field : this.fields) {
            if (index.put(field.name(), field) != null) {
                throw new SchemaException(fullName + " declares field '" + field.name() + "' twice");
            }
            position.put(field.name(), position.size());
        }
        this.byName = Map.copyOf(index);
        this.positions = Map.copyOf(position);
    }

    public String fullName() {
        return fullName;
    }

    public List<FieldSpec> fields() {
        return fields;
    }

    public Optional<FieldSpec> field(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * A field or, by a dotted path ({@code location.building}), a sub-field of a record field; empty when there is
     * none.
     */
    public Optional<FieldSpec> fieldAt(String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            return field(path);
        }
        return field(path.substring(0, dot))
                .filter(f -> f.storageType().kind() == FieldType.Kind.RECORD)
                .flatMap(f -> f.storageType().field(path.substring(dot + 1)));
    }

    /** The position of the named field in {@link #fields()}, or -1 when the schema has no such field. */
    public int indexOf(String name) {
        return positions.getOrDefault(name, -1);
    }

    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /** The field with the given {@code firelake.role}, if any. */
    public Optional<FieldSpec> fieldWithRole(String role) {
        return fields.stream().filter(f -> role.equals(f.role())).findFirst();
    }

    /** Fields stored in the data files (everything but partition keys). */
    public List<FieldSpec> dataFields() {
        return fields.stream().filter(f -> !f.partition()).toList();
    }

    public List<FieldSpec> partitionFields() {
        return fields.stream().filter(FieldSpec::partition).toList();
    }

    @Override
    public String toString() {
        return fullName + fields.stream().map(FieldSpec::name).toList();
    }
}
