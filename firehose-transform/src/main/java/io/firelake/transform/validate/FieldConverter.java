package io.firelake.transform.validate;

import io.firelake.events.EventContract;
import io.firelake.events.schema.FieldSpec;
import io.firelake.events.schema.FieldType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The type rules of {@link RecordValidator}: converts a JSON scalar ({@link RawJsonReader}'s values) to the first of
 * its field's types it matches, or answers {@link #NO_MATCH}. Enum symbols, canonical UUIDs (lower-cased), int and
 * long ranges, finite floats and doubles, and decimals from a JSON number or a plain numeric string that fit
 * {@code decimal(precision, scale)} without rounding.
 */
final class FieldConverter {

    static final Object NO_MATCH = new Object();

    private final FieldSpec[] fields;
    private final List<Set<String>> enumSymbols;

    FieldConverter(FieldSpec[] fields) {
        this.fields = fields;
        List<Set<String>> symbolSets = new ArrayList<>(fields.length);
        for (FieldSpec field : fields) {
            Set<String> symbols = new HashSet<>();
            field.types().stream().map(t -> t.kind() == FieldType.Kind.MAP ? t.values() : t)
                    .filter(t -> t.kind() == FieldType.Kind.ENUM)
                    .forEach(t -> symbols.addAll(t.symbols()));
            symbolSets.add(Set.copyOf(symbols));
        }
        this.enumSymbols = List.copyOf(symbolSets);
    }

    /** The value converted to field {@code index}'s first matching type, or {@link #NO_MATCH}. */
    Object convert(int index, Object value) {
        for (FieldType type : fields[index].types()) {
            Object converted = convert(type, index, value);
            if (converted != NO_MATCH) {
                return converted;
            }
        }
        return NO_MATCH;
    }

    /** Whether field {@code index} takes a map: a JSON object of scalars. */
    boolean takesMap(int index) {
        return fields[index].types().stream().anyMatch(t -> t.kind() == FieldType.Kind.MAP);
    }

    private Object convert(FieldType type, int index, Object value) {
        switch (type.kind()) {
            case MAP:
                return map(type.values(), index, value);
            case STRING:
                return value instanceof String ? value : NO_MATCH;
            case UUID:
                return value instanceof String text && Uuids.canonical(text) ? text.toLowerCase(Locale.ROOT) : NO_MATCH;
            case ENUM:
                return value instanceof String text && enumSymbols.get(index).contains(text) ? text : NO_MATCH;
            case INT:
                return value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE
                        ? (Object) l.intValue() : NO_MATCH;
            case LONG:
            case TIMESTAMP_MILLIS:
                return value instanceof Long ? value : NO_MATCH;
            case FLOAT:
            case DOUBLE:
                if (value instanceof Long l) {
                    return l.doubleValue();
                }
                if (value instanceof BigInteger || value instanceof BigDecimal) {
                    double d = ((Number) value).doubleValue();
                    return Double.isFinite(d) ? (Object) d : NO_MATCH;
                }
                return NO_MATCH;
            case BOOLEAN:
                return value instanceof Boolean ? value : NO_MATCH;
            case DECIMAL:
                return decimal(type, value);
            default:
                return NO_MATCH;
        }
    }

    /** An object whose every value converts to the map's value type (Avro map values are not null). */
    private Object map(FieldType values, int index, Object value) {
        if (!(value instanceof java.util.Map<?, ?> entries)) {
            return NO_MATCH;
        }
        java.util.Map<String, Object> converted = new java.util.LinkedHashMap<>(entries.size() * 2);
        for (java.util.Map.Entry<?, ?> entry : entries.entrySet()) {
            String key = (String) entry.getKey();
            Object item = entry.getValue();
            if (!Utf8.pairedSurrogates(key) || item instanceof String text && !Utf8.pairedSurrogates(text)) {
                return NO_MATCH;
            }
            Object typed = convert(values, index, item);
            if (typed == NO_MATCH) {
                return NO_MATCH;
            }
            converted.put(key, typed);
        }
        return converted;
    }

    /** A JSON number or a numeric string that fits {@code decimal(precision, scale)} without rounding. */
    private static Object decimal(FieldType type, Object value) {
        BigDecimal number;
        if (value instanceof Long l) {
            number = BigDecimal.valueOf(l);
        } else if (value instanceof BigInteger b) {
            number = new BigDecimal(b);
        } else if (value instanceof BigDecimal d) {
            number = d;
        } else if (value instanceof String text && text.length() <= 64 && numeric(text)) {
            try {
                number = new BigDecimal(text);
            } catch (NumberFormatException e) {
                return NO_MATCH;
            }
        } else {
            return NO_MATCH;
        }
        BigDecimal stripped = number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
        if (stripped.scale() > type.scale()) {
            return NO_MATCH;
        }
        long integerDigits = (long) stripped.precision() - stripped.scale();
        if (integerDigits > type.precision() - type.scale()) {
            return NO_MATCH;
        }
        return stripped.setScale(type.scale(), RoundingMode.UNNECESSARY);
    }

    /** Plain decimal notation only: an optional sign, digits, an optional fraction. No exponents, no spaces. */
    private static boolean numeric(String text) {
        int i = 0;
        int n = text.length();
        if (n > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            i++;
        }
        int digits = 0;
        boolean dot = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return false;
            }
        }
        return digits > 0;
    }

    /** What a field accepts, in words, for the failure message. */
    static String expected(FieldSpec field) {
        if (EventContract.EVENT_TIME_ROLE.equals(field.role())) {
            return "ISO-8601 with an offset or epoch milliseconds";
        }
        return field.types().stream().map(t -> switch (t.kind()) {
            case DECIMAL -> "a decimal(" + t.precision() + "," + t.scale() + ") number or numeric string";
            case ENUM -> "one of " + t.symbols();
            case UUID -> "a UUID string";
            case INT -> "an integer in the int range";
            case MAP -> "an object of " + t.values().kind().name().toLowerCase(Locale.ROOT) + " values";
            case RECORD -> "an object with fields " + t.fields().stream().map(FieldSpec::name).toList();
            case LONG -> "an integer in the long range";
            default -> "a " + t.kind().name().toLowerCase(Locale.ROOT);
        }).reduce((a, b) -> a + " or " + b).orElse("?");
    }
}
