package io.firelake.events.schema;

import java.util.List;

/**
 * One non-null branch of an Avro field type, reduced to what validation and the Glue catalog need.
 *
 * @param kind      the primitive or logical kind
 * @param precision decimal precision, 0 otherwise
 * @param scale     decimal scale, 0 otherwise
 * @param symbols   enum symbols, empty otherwise
 */
public record FieldType(Kind kind, int precision, int scale, List<String> symbols) {

    public enum Kind { STRING, UUID, INT, LONG, FLOAT, DOUBLE, BOOLEAN, DECIMAL, TIMESTAMP_MILLIS, ENUM }

    public FieldType {
        symbols = List.copyOf(symbols);
    }

    public static FieldType of(Kind kind) {
        return new FieldType(kind, 0, 0, List.of());
    }

    public static FieldType decimal(int precision, int scale) {
        return new FieldType(Kind.DECIMAL, precision, scale, List.of());
    }

    public static FieldType enumOf(List<String> symbols) {
        return new FieldType(Kind.ENUM, 0, 0, symbols);
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
        };
    }
}
