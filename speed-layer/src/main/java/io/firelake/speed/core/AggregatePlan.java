package io.firelake.speed.core;

import io.firelake.speed.core.spec.AggregateSpec;
import io.firelake.speed.core.spec.Condition;
import io.firelake.speed.core.spec.FieldSpec;
import io.firelake.speed.core.spec.FieldType;
import io.firelake.speed.core.spec.SpeedLayerSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link SpeedLayerSpec} compiled for the hot path: each field gets a slot (its position in the spec), enum values an
 * index, conditions a bit mask, and each sum with {@code times} a slot for its product. The reader fills an
 * {@link Event}'s slots; {@link MinuteAggregate} folds them into the aggregates. Immutable, shared by threads.
 */
public final class AggregatePlan {

    /** A compiled condition: "field has one of these values", as a bit test for an enum field. */
    record Match(int slot, boolean enumField, long mask, Set<String> values) {

        boolean test(Event event) {
            if (!event.has(slot)) {
                return false;
            }
            return enumField ? (mask >>> event.numbers()[slot] & 1L) != 0 : values.contains(event.text()[slot]);
        }
    }

    /** One aggregate with its slots resolved; -1 for a slot it does not use. */
    record Planned(AggregateSpec spec, int field, int times, int product, int by, List<String> byValues, Match where,
                   boolean real, int scale) {

        String name() {
            return spec.name();
        }

        AggregateSpec.Kind kind() {
            return spec.kind();
        }

        /** Keys held in an array: a dimension with declared values, or no dimension (one key, ""). */
        boolean arrayKeyed() {
            return by < 0 || byValues != null;
        }
    }

    /** A sum's {@code field x times}, computed by the reader (where an overflow makes the record bad). */
    record Product(int slot, int field, int times, Match where) {
    }

    private final SpeedLayerSpec spec;
    private final FieldSpec[] fields;
    private final List<Map<String, Integer>> enumIndexes;
    private final Planned[] aggregates;
    private final Product[] products;
    private final Map<String, Integer> byName = new HashMap<>();
    private final TextPattern[] patterns;
    private final boolean[] textNeeded;

    public AggregatePlan(SpeedLayerSpec spec) {
        this.spec = spec;
        this.fields = spec.fields().toArray(new FieldSpec[0]);
        this.enumIndexes = new ArrayList<>();
        this.patterns = new TextPattern[fields.length];
        for (int i = 0; i < fields.length; i++) {
            patterns[i] = fields[i].pattern() == null ? null : TextPattern.of(fields[i].pattern());
        }
        for (FieldSpec field : fields) {
            Map<String, Integer> index = null;
            if (field.isEnum()) {
                index = new HashMap<>();
                for (int i = 0; i < field.values().size(); i++) {
                    index.put(field.values().get(i), i);
                }
            }
            enumIndexes.add(index);
        }
        List<Planned> planned = new ArrayList<>();
        List<Product> productList = new ArrayList<>();
        for (AggregateSpec aggregate : spec.aggregates()) {
            int field = slot(aggregate.field());
            int times = slot(aggregate.times());
            int by = slot(aggregate.by());
            Match where = match(aggregate.where());
            int product = -1;
            if (times >= 0) {
                product = fields.length + productList.size();
                productList.add(new Product(product, field, times, where));
            }
            boolean real = field >= 0 && fields[field].type() == FieldType.DOUBLE;
            int scale = field < 0 ? 0 : fields[field].scale() + (times < 0 ? 0 : fields[times].scale());
            byName.put(aggregate.name(), planned.size());
            planned.add(new Planned(aggregate, field, times, product, by,
                    by >= 0 && fields[by].isEnum() ? fields[by].values() : null, where, real, scale));
        }
        this.aggregates = planned.toArray(new Planned[0]);
        this.products = productList.toArray(new Product[0]);
        this.textNeeded = new boolean[fields.length];
        for (int i = 0; i < fields.length; i++) {
            textNeeded[i] = fields[i].isEnum() || fields[i].pattern() != null;
        }
        for (String role : new String[] {spec.idField(), spec.timeField(), spec.typeField()}) {
            if (role != null) {
                textNeeded[slot(role)] = true;
            }
        }
        for (Planned aggregate : aggregates) {
            for (int slot : new int[] {aggregate.field(), aggregate.by(), aggregate.where() == null ? -1 : aggregate.where().slot()}) {
                if (slot >= 0) {
                    textNeeded[slot] = true;
                }
            }
        }
        for (FieldSpec field : fields) {
            if (field.requiredWhen() != null) {
                textNeeded[slot(field.requiredWhen().field())] = true;
            }
        }
    }

    public SpeedLayerSpec spec() {
        return spec;
    }

    FieldSpec[] fields() {
        return fields;
    }

    /** The value's index among an enum field's values, -1 when it is not one; null map for other fields. */
    Map<String, Integer> enumIndex(int slot) {
        return enumIndexes.get(slot);
    }

    /**
     * Whether a string field's text is used (an aggregate, a condition, a role, a value check); one only checked for
     * its JSON type is not materialised, which is most of the reader's cost on wide events.
     */
    boolean textNeeded(int slot) {
        return textNeeded[slot];
    }

    /** The field's pattern, compiled; null for none. */
    TextPattern pattern(int slot) {
        return patterns[slot];
    }

    Planned[] aggregates() {
        return aggregates;
    }

    Product[] products() {
        return products;
    }

    /** The aggregate's position, or -1 when the spec has none of that name. */
    int aggregateIndex(String name) {
        return byName.getOrDefault(name, -1);
    }

    int slot(String fieldName) {
        if (fieldName == null) {
            return -1;
        }
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].name().equals(fieldName)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no field " + fieldName + " in " + spec.source());
    }

    Match match(Condition condition) {
        if (condition == null) {
            return null;
        }
        int slot = slot(condition.field());
        Map<String, Integer> index = enumIndexes.get(slot);
        long mask = 0;
        if (index != null) {
            for (String value : condition.values()) {
                mask |= 1L << index.get(value);
            }
        }
        return new Match(slot, index != null, mask, new HashSet<>(condition.values()));
    }
}
