package io.firelake.producer.generate;

import io.firelake.events.contract.SimulatorHints.FieldHint;
import io.firelake.events.schema.FieldSpec;
import io.firelake.events.schema.FieldType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Values for one raw field of any contract, drawn from its simulator hint ({@code values} with weights,
 * {@code cardinality} with a {@code prefix}, {@code min}/{@code max} with a {@code distribution}) or, without one,
 * from what its type allows. All draws come from the simulator's one random, so a seed gives the same events.
 */
final class FieldValues {

    private static final FieldHint NONE = new FieldHint(Map.of(), 0, null, null, "uniform", 0, "", Map.of());

    private final FieldSpec field;
    private final FieldType type;
    private final FieldHint hint;
    private final List<String> choices;
    private final double[] cumulative;
    /** A record field's sub-fields' values, each from the hint under its dotted name; empty otherwise. */
    private final List<FieldValues> subFields = new ArrayList<>();

    /** The values of a field, and of a record field's sub-fields from the hints by dotted name. */
    FieldValues(FieldSpec field, Map<String, FieldHint> hints) {
        this(field, hints.get(field.name()));
        for (FieldSpec sub : type.fields()) {
            subFields.add(new FieldValues(sub, hints.get(field.name() + "." + sub.name())));
        }
    }

    private FieldValues(FieldSpec field, FieldHint hint) {
        this.field = field;
        this.type = field.types().get(0);
        this.hint = hint == null ? NONE : hint;
        List<String> values = new ArrayList<>(this.hint.values().keySet());
        if (values.isEmpty() && type.kind() == FieldType.Kind.ENUM) {
            values.addAll(type.symbols());
        }
        this.choices = values;
        this.cumulative = new double[values.size()];
        double total = 0;
        for (int i = 0; i < values.size(); i++) {
            total += this.hint.values().getOrDefault(values.get(i), 1.0);
            cumulative[i] = total;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= total;
        }
    }

    /** Whether an optional field is left out this time: its hint's {@code null_rate}, else one time in five. */
    boolean absent(Random random) {
        double rate = hint == NONE ? 0.2 : hint.nullRate();
        return random.nextDouble() < rate;
    }

    Object next(Random random) {
        if (type.kind() == FieldType.Kind.MAP) {
            return map(random);
        }
        if (type.kind() == FieldType.Kind.RECORD) {
            return record(random);
        }
        if (!choices.isEmpty()) {
            return typed(pick(random));
        }
        if (hint.cardinality() > 0) {
            int index = index(random, hint.cardinality());
            return switch (type.kind()) {
                case INT, LONG -> typed(Long.toString(index));
                case UUID -> new UUID(0x5EED_0000_0000_0000L | field.name().hashCode(), index).toString();
                default -> hint.prefix() + String.format("%04d", index);
            };
        }
        return switch (type.kind()) {
            case UUID -> new UUID(random.nextLong(), random.nextLong()).toString();
            case BOOLEAN -> random.nextBoolean();
            case INT -> (int) Math.round(number(random, 0, 100));
            case LONG, TIMESTAMP_MILLIS -> Math.round(number(random, 0, 1_000_000));
            case FLOAT, DOUBLE -> Math.round(number(random, 0, 100) * 1000) / 1000.0;
            case DECIMAL -> BigDecimal.valueOf(number(random, 0, 100)).setScale(type.scale(), RoundingMode.HALF_UP);
            case STRING -> hint.prefix() + text(random);
            case ENUM -> type.symbols().get(random.nextInt(type.symbols().size()));
            case MAP -> map(random);
            case RECORD -> record(random);
        };
    }

    /** A record field: its required sub-fields always, each optional one unless its null rate leaves it out. */
    private Map<String, Object> record(Random random) {
        Map<String, Object> record = new java.util.LinkedHashMap<>();
        for (FieldValues sub : subFields) {
            if (sub.field.required() || !sub.absent(random)) {
                record.put(sub.field.name(), sub.next(random));
            }
        }
        return record;
    }

    /** A map field: its hint's keys, each with one of its values; without {@code entries}, two keys of text. */
    private Map<String, Object> map(Random random) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        if (hint.entries().isEmpty()) {
            map.put("k1", text(random));
            map.put("k2", text(random));
            return map;
        }
        hint.entries().forEach((key, values) ->
                map.put(key, typed(type.values().kind(), values.get(random.nextInt(values.size())))));
        return map;
    }

    private String pick(Random random) {
        double u = random.nextDouble();
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return choices.get(i);
            }
        }
        return choices.get(choices.size() - 1);
    }

    /** 0..n-1, uniform or (zipf) skewed to the first few. */
    private int index(Random random, int n) {
        if ("zipf".equals(hint.distribution())) {
            return (int) Math.min(n - 1, Math.floor(Math.pow(n + 1.0, random.nextDouble())) - 1);
        }
        return random.nextInt(n);
    }

    private double number(Random random, double defaultMin, double defaultMax) {
        double min = hint.min() != null ? hint.min() : defaultMin;
        double max = hint.max() != null ? hint.max() : Math.max(min, defaultMax);
        if ("normal".equals(hint.distribution())) {
            double value = (min + max) / 2 + random.nextGaussian() * (max - min) / 6;
            return Math.max(min, Math.min(max, value));
        }
        return min + random.nextDouble() * (max - min);
    }

    private String text(Random random) {
        int min = hint.min() != null ? hint.min().intValue() : 4;
        int max = hint.max() != null ? hint.max().intValue() : Math.max(min, 12);
        int length = min + random.nextInt(max - min + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    /** A hinted value (always written as text in contract.yaml) as the JSON type of the field. */
    private Object typed(String value) {
        return typed(type.kind(), value);
    }

    private static Object typed(FieldType.Kind kind, String value) {
        return switch (kind) {
            case INT -> Integer.parseInt(value);
            case LONG, TIMESTAMP_MILLIS -> Long.parseLong(value);
            case FLOAT, DOUBLE -> Double.parseDouble(value);
            case DECIMAL -> new BigDecimal(value);
            case BOOLEAN -> Boolean.parseBoolean(value);
            default -> value;
        };
    }
}
