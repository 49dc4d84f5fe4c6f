package io.firelake.events.contract;

import io.firelake.events.EventContract;
import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldSpec;
import io.firelake.events.yaml.YamlSetting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code contract.yaml}'s {@code roles}: which raw field is the event time, the event id (the de-duplication key), the
 * event type ({@code firelake.required_for} refers to its symbols) and the Kinesis partition key. Each role is set on
 * its field of the raw schema, where every stage finds it.
 */
final class Roles {

    static final List<String> ALL = List.of(EventContract.EVENT_TIME_ROLE, EventContract.EVENT_ID_ROLE,
            EventContract.EVENT_TYPE_ROLE, EventContract.PARTITION_KEY_ROLE);
    static final List<String> REQUIRED = List.of(EventContract.EVENT_TIME_ROLE, EventContract.EVENT_ID_ROLE);

    private Roles() {
    }

    static EventSchema apply(EventSchema raw, YamlSetting roles) {
        if (!roles.present()) {
            throw roles.error("is required: name the raw fields with roles " + REQUIRED);
        }
        roles.onlyKeys(new java.util.HashSet<>(ALL));
        Map<String, String> roleByField = new HashMap<>();
        for (String role : ALL) {
            YamlSetting node = roles.child(role);
            if (!node.present()) {
                if (REQUIRED.contains(role)) {
                    throw node.error("is required: the raw field that holds the " + role.replace('_', ' '));
                }
                continue;
            }
            String name = node.text();
            FieldSpec field = raw.field(name).orElseThrow(() -> node.error("'" + name + "' is not a field of "
                    + raw.fullName()));
            if (field.storageType().kind() == io.firelake.events.schema.FieldType.Kind.RECORD) {
                throw node.error("'" + name + "' is a record; a role needs a scalar field");
            }
            String other = roleByField.put(name, role);
            if (other != null) {
                throw node.error("'" + name + "' already has role " + other);
            }
            if (field.nullable() && !role.equals(EventContract.PARTITION_KEY_ROLE)) {
                throw node.error("'" + name + "' may be null, and the " + role.replace('_', ' ') + " must be required");
            }
        }
        List<FieldSpec> fields = new ArrayList<>();
        for (FieldSpec f : raw.fields()) {
            fields.add(new FieldSpec(f.name(), f.types(), f.nullable(), f.hasDefault(), f.requiredFor(), f.partition(),
                    f.pii(), roleByField.getOrDefault(f.name(), ""), f.doc(), f.projection()));
        }
        return new EventSchema(raw.fullName(), fields);
    }
}
