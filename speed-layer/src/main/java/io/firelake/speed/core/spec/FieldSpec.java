package io.firelake.speed.core.spec;

import java.util.List;

/**
 * One field the speed layer reads from each event, and the checks a valid event passes (those of the transform for the
 * same field, so both layers count the same events).
 *
 * @param name         the field's name in the spec (aggregates refer to it)
 * @param path         where it is in the event's JSON: object keys from the root ({@code measurements.temperature_c})
 * @param type         its JSON type and how it is held
 * @param required     a missing or null value is {@code MISSING_FIELD}
 * @param nullable     an explicit JSON null is allowed (as absent); when false it is {@code WRONG_TYPE}
 * @param requiredWhen required only in events matching this condition; null for none
 * @param values       the allowed values of a string field (an enum); empty for any
 * @param pattern      a regular expression a string value must match whole; null for any
 * @param cutAt        characters at the first of which a string value is cut ({@code "?#"}: a URL without query); null for none
 * @param maxLength    the longest string kept (longer values are cut); 0 for no limit
 * @param precision    a decimal's total digits (as Avro's {@code decimal(precision, scale)})
 * @param scale        a decimal's digits after the point
 * @param defaultValue the value of a numeric field when absent, as text; null for none
 * @param line         the line of its declaration in the speed-layer.yaml, for messages; 0 when unknown
 */
public record FieldSpec(String name, List<String> path, FieldType type, boolean required, boolean nullable,
                        Condition requiredWhen, List<String> values, String pattern, String cutAt, int maxLength,
                        int precision, int scale, String defaultValue, int line) {

    public FieldSpec {
        path = List.copyOf(path);
        values = List.copyOf(values);
    }

    public boolean isEnum() {
        return !values.isEmpty();
    }

    public boolean isNumeric() {
        return type == FieldType.INT || type == FieldType.LONG || type == FieldType.DECIMAL || type == FieldType.DOUBLE;
    }

    public String pathText() {
        return String.join(".", path);
    }
}
