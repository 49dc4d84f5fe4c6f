package io.firelake.events.schema;

import java.util.List;

/**
 * One non-null branch of an Avro field type, reduced to what validation and the Glue catalog need.
 *
 * @param kind      the primitive or logical kind
 * @param precision decimal precision, 0 otherwise
 * @param scale     decimal scale, 0 otherwise
 * @param symbols   enum symbols, empty otherwise
 * @param values    a map's value type (string keys, as Avro maps have), null otherwise
 * @param fields    a record's sub-fields in declaration order (scalars, each with its own types and nullability),
 *                  empty otherwise
 */
public record FieldType(Kind kind, int precision, int scale, List<String> symbols, FieldType values,
                        List<FieldSpec> fields) {

    public enum Kind { STRING, UUID, INT, LONG, FLOAT, DOUBLE, BOOLEAN, DECIMAL, TIMESTAMP_MILLIS, ENUM, MAP, RECORD }

    public FieldType {
        symbols = List.copyOf(symbols);
        fields = List.copyOf(fields);
        if ((kind == Kind.MAP) != (values != null)) {
            throw new IllegalArgumentException("a map, and only a map, has a value type");
        }
        if ((kind == Kind.RECORD) != !fields.isEmpty()) {
            throw new IllegalArgumentException("a record, and only a record, has sub-fields");
        }
    }

    public static FieldType of(Kind kind) {
        return new FieldType(kind, 0, 0, List.of(), null, List.of());
    }

    public static FieldType decimal(int precision, int scale) {
        return new FieldType(Kind.DECIMAL, precision, scale, List.of(), null, List.of());
    }

    public static FieldType enumOf(List<String> symbols) {
        return new FieldType(Kind.ENUM, 0, 0, symbols, null, List.of());
    }

    /** An Avro {@code map}: string keys, values of one scalar type (a Glue {@code map<string,...>}). */
    public static FieldType mapOf(FieldType values) {
        return new FieldType(Kind.MAP, 0, 0, List.of(), values, List.of());
    }

    /** An Avro {@code record} nested in an event: named scalar sub-fields (a Glue {@code struct<name:type,...>}). */
    public static FieldType recordOf(List<FieldSpec> fields) {
        return new FieldType(Kind.RECORD, 0, 0, List.of(), null, fields);
    }

    /** The sub-field of a record by name, if any. */
    public java.util.Optional<FieldSpec> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The Hive/Glue type Athena and Firehose record format conversion use for this kind. */
    public String glueType() {
        return switch (kind) {
            case STRING, UUID, ENUM -> "string";
            case INT -> "int";
            case LONG -> "bigint";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case BOOLEAN -> "boolean";
            case DECIMAL -> "decimal(" + precision + "," + scale + ")";
            case TIMESTAMP_MILLIS -> "timestamp";
            case MAP -> "map<string," + values.glueType() + ">";
            case RECORD -> fields.stream().map(f -> f.name() + ":" + f.storageType().glueType())
                    .collect(java.util.stream.Collectors.joining(",", "struct<", ">"));
        };
    }
}
