package io.firelake.transform.validate;

import io.firelake.events.schema.FieldSpec;
import io.firelake.events.schema.FieldType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checks of one record (struct) field: each sub-field of the nested object by the type rules of top-level fields
 * ({@link FieldConverter}), in schema order, the first failure naming its path ({@code location.floor}). Keys the
 * record does not declare are ignored, as unknown top-level keys are. The answer is the object's sub-fields converted,
 * in schema order, without the absent and null ones; or the {@link Failure}.
 */
final class RecordFieldChecker {

    private final String name;
    private final FieldSpec[] subFields;
    private final FieldConverter converter;

    RecordFieldChecker(String name, FieldType record) {
        this.name = name;
        this.subFields = record.fields().toArray(FieldSpec[]::new);
        this.converter = new FieldConverter(subFields);
    }

    /** The converted sub-fields ({@code Map<String, Object>}), or the {@link Failure} of the first that fails. */
    Object check(Map<?, ?> object) {
        Map<String, Object> converted = new LinkedHashMap<>(subFields.length * 2);
        for (int i = 0; i < subFields.length; i++) {
            FieldSpec sub = subFields[i];
            String path = name + "." + sub.name();
            Object value = object.get(sub.name());
            if (value == null || value == RawJsonReader.NULL) {
                if (!sub.nullable()) {
                    return new Failure(ReasonCode.MISSING_FIELD, path, path + (value == null ? " is missing" : " is null"));
                }
                continue;
            }
            if (value == RawJsonReader.HUGE_NUMBER) {
                return new Failure(ReasonCode.WRONG_TYPE, path, path + " is a number out of any range");
            }
            if (value == RawJsonReader.STRUCT || value instanceof Map) {
                return new Failure(ReasonCode.WRONG_TYPE, path, path + " is an object or array; expected "
                        + FieldConverter.expected(sub));
            }
            if (value instanceof String text && !Utf8.pairedSurrogates(text)) {
                return new Failure(ReasonCode.INVALID_UTF8, path, path
                        + " escapes an unpaired surrogate (\\uD800-\\uDFFF), which no UTF-8 text can hold");
            }
            Object typed = converter.convert(i, value);
            if (typed == FieldConverter.NO_MATCH) {
                return new Failure(ReasonCode.WRONG_TYPE, path, path + " is not " + FieldConverter.expected(sub));
            }
            converted.put(sub.name(), typed);
        }
        return converted;
    }
}
