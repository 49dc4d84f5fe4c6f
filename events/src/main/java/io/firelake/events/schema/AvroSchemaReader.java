package io.firelake.events.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.events.json.JsonParseError;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an Avro record schema ({@code .avsc}) into an {@link EventSchema}.
 *
 * <p>It reads the JSON itself rather than through the Avro library so that the Lambda jars that validate events do not
 * carry Avro; a test checks every schema we ship with Avro's own parser. Supported: primitive types, enums, the
 * {@code uuid}, {@code decimal} and {@code timestamp-millis} logical types, maps of those (string keys; a Glue
 * {@code map<string,...>}), records of those (a field holding a nested object; a Glue {@code struct<...>}: one level,
 * scalar sub-fields, each with its own nullability, defaults only null), and unions with {@code null}. Named types
 * declared in one schema may be referenced by name from a later one read by the same reader.
 *
 * @see <a href="https://avro.apache.org/docs/1.12.0/specification/">Avro specification</a>
 */
public final class AvroSchemaReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, FieldType> namedTypes = new HashMap<>();

    public EventSchema read(InputStream avsc) {
        try {
            return read(JSON.readTree(avsc));
        } catch (IOException e) {
            throw new SchemaException("cannot read Avro schema: " + JsonParseError.describe(e), e);
        }
    }

    public EventSchema read(String avsc) {
        try {
            return read(JSON.readTree(avsc));
        } catch (IOException e) {
            throw new SchemaException("cannot read Avro schema: " + JsonParseError.describe(e), e);
        }
    }

    private EventSchema read(JsonNode root) {
        if (root == null || !"record".equals(root.path("type").asText())) {
            throw new SchemaException("an event schema must be an Avro record");
        }
        String namespace = root.path("namespace").asText("");
        String fullName = qualify(root.path("name").asText(), namespace);
        List<FieldSpec> fields = new ArrayList<>();
        for (JsonNode field : root.path("fields")) {
            fields.add(checkRecord(readField(field, namespace, fullName), field));
        }
        if (fields.isEmpty()) {
            throw new SchemaException(fullName + " has no fields");
        }
        return new EventSchema(fullName, fields);
    }

    private FieldSpec readField(JsonNode field, String namespace, String recordName) {
        String name = field.path("name").asText();
        if (name.isEmpty()) {
            throw new SchemaException(recordName + " has a field without a name");
        }
        JsonNode typeNode = field.get("type");
        List<FieldType> types = new ArrayList<>();
        boolean nullable = false;
        if (typeNode != null && typeNode.isArray()) {
            for (JsonNode branch : typeNode) {
                if ("null".equals(branch.asText(null))) {
                    nullable = true;
                } else {
                    types.add(readType(branch, namespace, recordName + "." + name));
                }
            }
        } else {
            types.add(readType(typeNode, namespace, recordName + "." + name));
        }
        if (types.isEmpty()) {
            throw new SchemaException(recordName + "." + name + " has no non-null type");
        }
        Set<String> requiredFor = new LinkedHashSet<>();
        field.path("firelake.required_for").forEach(t -> requiredFor.add(t.asText()));
        return new FieldSpec(
                name,
                types,
                nullable,
                field.has("default"),
                requiredFor,
                field.path("firelake.partition").asBoolean(false),
                field.path("firelake.pii").asBoolean(false),
                field.path("firelake.role").asText(""),
                field.path("doc").asText(""),
                projection(field.path("firelake.projection")));
    }

    /** A record field is a record or null, stored as a struct column; nothing fills it but the event. */
    private static FieldSpec checkRecord(FieldSpec spec, JsonNode field) {
        if (spec.types().stream().noneMatch(t -> t.kind() == FieldType.Kind.RECORD)) {
            return spec;
        }
        if (spec.types().size() > 1) {
            throw new SubFieldException(spec.name(), "a record can only be united with null");
        }
        if (spec.partition()) {
            throw new SubFieldException(spec.name(), "a record cannot be a partition key");
        }
        JsonNode fallback = field.get("default");
        if (fallback != null && !fallback.isNull()) {
            throw new SubFieldException(spec.name(), "a record's default may only be null");
        }
        return spec;
    }

    /**
     * A nested record's sub-fields: scalars only, with none of the roles and marks of a top-level field, since the lake
     * stores the record as one struct column and Parquet and Glue read its sub-fields by name.
     */
    private List<FieldSpec> subFields(JsonNode record, String namespace, String where) {
        String innerNamespace = record.path("namespace").asText(namespace);
        String field = where.substring(where.lastIndexOf('.') + 1);
        List<FieldSpec> fields = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode node : record.path("fields")) {
            String path = field + "." + node.path("name").asText();
            FieldSpec sub;
            try {
                sub = readField(node, innerNamespace, where);
            } catch (SubFieldException e) {
                throw e;
            } catch (SchemaException e) {
                throw new SubFieldException(path, e.getMessage());
            }
            if (!names.add(sub.name())) {
                throw new SubFieldException(path, "is declared twice");
            }
            for (FieldType t : sub.types()) {
                if (t.kind() == FieldType.Kind.RECORD || t.kind() == FieldType.Kind.MAP) {
                    throw new SubFieldException(path, "is a " + t.kind().name().toLowerCase(java.util.Locale.ROOT)
                            + " inside a record, which firelake does not support: sub-fields are scalars");
                }
            }
            for (String mark : List.of("firelake.role", "firelake.partition", "firelake.pii", "firelake.required_for",
                    "firelake.projection")) {
                if (node.has(mark)) {
                    throw new SubFieldException(path, "has \"" + mark + "\", which only a top-level field may have");
                }
            }
            JsonNode fallback = node.get("default");
            if (fallback != null && !fallback.isNull()) {
                throw new SubFieldException(path, "has a non-null default; a sub-field's default may only be null "
                        + "(an absent optional sub-field is null)");
            }
            fields.add(sub);
        }
        if (fields.isEmpty()) {
            throw new SubFieldException(field, "is a record without fields");
        }
        return fields;
    }

    private static Map<String, String> projection(JsonNode node) {
        Map<String, String> properties = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue().asText()));
        return properties;
    }

    private FieldType readType(JsonNode type, String namespace, String where) {
        if (type == null || type.isNull()) {
            throw new SchemaException(where + " has no type");
        }
        if (type.isTextual()) {
            return primitive(type.asText(), namespace, where);
        }
        String logical = type.path("logicalType").asText("");
        String base = type.path("type").asText("");
        switch (logical) {
            case "uuid":
                return FieldType.of(FieldType.Kind.UUID);
            case "decimal":
                return FieldType.decimal(type.path("precision").asInt(), type.path("scale").asInt(0));
            case "timestamp-millis":
                return FieldType.of(FieldType.Kind.TIMESTAMP_MILLIS);
            case "":
                break;
            default:
                throw new SchemaException(where + " uses logical type '" + logical + "', which firelake does not support");
        }
        if ("map".equals(base)) {
            FieldType values = readType(type.get("values"), namespace, where + " (map values)");
            if (values.kind() == FieldType.Kind.MAP) {
                throw new SchemaException(where + " is a map of maps, which firelake does not support");
            }
            return FieldType.mapOf(values);
        }
        if ("record".equals(base)) {
            FieldType record = FieldType.recordOf(subFields(type, namespace, where));
            namedTypes.put(qualify(type.path("name").asText(), type.path("namespace").asText(namespace)), record);
            return record;
        }
        if ("enum".equals(base)) {
            List<String> symbols = new ArrayList<>();
            type.path("symbols").forEach(s -> symbols.add(s.asText()));
            FieldType enumType = FieldType.enumOf(symbols);
            namedTypes.put(qualify(type.path("name").asText(), type.path("namespace").asText(namespace)), enumType);
            return enumType;
        }
        return primitive(base, namespace, where);
    }

    private FieldType primitive(String name, String namespace, String where) {
        return switch (name) {
            case "string" -> FieldType.of(FieldType.Kind.STRING);
            case "int" -> FieldType.of(FieldType.Kind.INT);
            case "long" -> FieldType.of(FieldType.Kind.LONG);
            case "float" -> FieldType.of(FieldType.Kind.FLOAT);
            case "double" -> FieldType.of(FieldType.Kind.DOUBLE);
            case "boolean" -> FieldType.of(FieldType.Kind.BOOLEAN);
            default -> {
                FieldType named = namedTypes.getOrDefault(name, namedTypes.get(qualify(name, namespace)));
                if (named == null) {
                    throw new SchemaException(where + " has type '" + name + "', which firelake does not support");
                }
                yield named;
            }
        };
    }

    private static String qualify(String name, String namespace) {
        return name.contains(".") || namespace.isEmpty() ? name : namespace + "." + name;
    }
}
