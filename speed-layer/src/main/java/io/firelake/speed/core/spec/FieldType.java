package io.firelake.speed.core.spec;

/** The JSON types a declared field may have, named as in the YAML. */
public enum FieldType {
    /** A JSON string. */
    STRING,
    /** A JSON integer that fits 32 bits. */
    INT,
    /** A JSON integer that fits 64 bits. */
    LONG,
    /** A JSON number or numeric string that fits {@code decimal(precision, scale)} without rounding. */
    DECIMAL,
    /** Any JSON number, held as a 64-bit float. */
    DOUBLE,
    /** JSON true or false. */
    BOOLEAN,
    /** ISO-8601 text with an offset, or epoch milliseconds as a JSON integer. */
    TIMESTAMP
}
