package io.firelake.events.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One field of an event schema.
 *
 * @param name        the JSON key and column name
 * @param types       the non-null branches of the Avro type, in declaration order
 * @param nullable    whether null (or absence, when a default exists) is allowed
 * @param hasDefault  whether the schema gives a default, which makes the field optional on input
 * @param requiredFor event types for which a nullable field must nevertheless be present ({@code firelake.required_for})
 * @param partition   whether the field is a partition key ({@code firelake.partition}): in the S3 prefix, not in Parquet
 * @param pii         whether the field is personal data that must never reach the lake ({@code firelake.pii})
 * @param role        a semantic role such as {@code event_time} ({@code firelake.role}), or empty
 * @param doc         the schema's documentation, or empty
 * @param projection  Athena partition projection properties of a partition key ({@code firelake.projection}), or empty
 */
public record FieldSpec(
        String name,
        List<FieldType> types,
        boolean nullable,
        boolean hasDefault,
        Set<String> requiredFor,
        boolean partition,
        boolean pii,
        String role,
        String doc,
        Map<String, String> projection) {

    public FieldSpec {
        types = List.copyOf(types);
        requiredFor = Set.copyOf(requiredFor);
        projection = Collections.unmodifiableMap(new LinkedHashMap<>(projection));
    }

    /** Required on every event: no default and not nullable. */
    public boolean required() {
        return !hasDefault && !nullable;
    }

    /** Required for this event type, either always or through {@code firelake.required_for}. */
    public boolean requiredFor(String eventType) {
        return required() || requiredFor.contains(eventType);
    }

    /** The single type when there is one; a union of several non-null types is stored as a string. */
    public FieldType storageType() {
        return types.size() == 1 ? types.get(0) : FieldType.of(FieldType.Kind.STRING);
    }
}
