package io.firelake.lake.format;

import io.firelake.events.EventContract;
import io.firelake.events.catalog.Column;
import io.firelake.events.catalog.GlueTypes;
import io.firelake.events.catalog.TableDefinition;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Parquet write schema of a lake table, derived from its Glue columns, as Firehose record format conversion derives
 * it from the Glue table it is pointed at: one optional column per Glue column, in table order; partition keys live in
 * the S3 prefix, not in the file.
 *
 * <p>Glue to Parquet: {@code string} BINARY (UTF8), {@code int} INT32, {@code bigint} INT64, {@code float}/{@code double},
 * {@code boolean}, {@code decimal(p,s)} BINARY DECIMAL(p,s), {@code timestamp} INT64 TIMESTAMP(MILLIS, UTC),
 * {@code map<string,T>} a MAP group (repeated {@code key_value}: a UTF8 key and an optional value of T's mapping),
 * {@code struct<name:T,...>} a group of one optional field per sub-field, by name (how Hive and Glue store a struct,
 * and why adding a sub-field is safe: readers match sub-fields by name, old files read the new one as null).
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/record-format-conversion.html">Firehose record format conversion</a>
 */
public final class LakeSchema {

    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),\\s*(\\d+)\\)");
    private static final Pattern MAP = Pattern.compile("map<\\s*string\\s*,\\s*(.+)>");

    private final TableDefinition table;
    private final List<ColumnType> columns;
    private final Schema avro;

    private LakeSchema(TableDefinition table) {
        this.table = table;
        this.columns = table.columns().stream().map(LakeSchema::typeOf).toList();
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(recordName(table.name()))
                .namespace("io.firelake.lake").fields();
        for (ColumnType column : columns) {
            Schema nullable = Schema.createUnion(Schema.create(Schema.Type.NULL), column.avroType());
            fields = fields.name(column.name()).type(nullable).withDefault(null);
        }
        this.avro = fields.endRecord();
    }

    public static LakeSchema of(TableDefinition table) {
        return new LakeSchema(table);
    }

    /** The raw clickstream table of the shipped event contract. */
    public static LakeSchema clickstreamRaw(String location) {
        return of(TableDefinition.of(EventContract.clickstream().enriched(), "firelake", "raw_events", location));
    }

    public TableDefinition table() {
        return table;
    }

    public List<ColumnType> columns() {
        return columns;
    }

    public Schema avroSchema() {
        return avro;
    }

    private static String recordName(String table) {
        String cleaned = table.replaceAll("[^A-Za-z0-9_]", "_");
        return Character.isDigit(cleaned.charAt(0)) ? "_" + cleaned : cleaned;
    }

    private static List<ColumnType> structFields(String column, String glue) {
        try {
            return GlueTypes.structFields(glue).entrySet().stream()
                    .map(e -> typeOf(new Column(e.getKey(), e.getValue(), ""))).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("column " + column + ": " + e.getMessage());
        }
    }

    static ColumnType typeOf(Column column) {
        String glue = column.type().toLowerCase(Locale.ROOT).trim();
        Matcher decimal = DECIMAL.matcher(glue);
        if (decimal.matches()) {
            int precision = Integer.parseInt(decimal.group(1));
            int scale = Integer.parseInt(decimal.group(2));
            Schema bytes = LogicalTypes.decimal(precision, scale).addToSchema(Schema.create(Schema.Type.BYTES));
            return new ColumnType(column.name(), glue, ColumnType.Kind.DECIMAL, precision, scale, bytes);
        }
        Matcher map = MAP.matcher(glue);
        if (map.matches()) {
            ColumnType values = typeOf(new Column(column.name(), map.group(1), ""));
            if (values.kind() == ColumnType.Kind.MAP) {
                throw new IllegalArgumentException("column " + column.name()
                        + ": a map of maps has no Parquet mapping in firelake");
            }
            Schema avroMap = Schema.createMap(Schema.createUnion(Schema.create(Schema.Type.NULL), values.avroType()));
            return new ColumnType(column.name(), glue, ColumnType.Kind.MAP, 0, 0, avroMap);
        }
        if (GlueTypes.isStruct(glue)) {
            List<ColumnType> fields = structFields(column.name(), glue);
            SchemaBuilder.FieldAssembler<Schema> record = SchemaBuilder.record(recordName(column.name()) + "_struct")
                    .namespace("io.firelake.lake." + recordName(column.name())).fields();
            for (ColumnType field : fields) {
                if (field.kind() == ColumnType.Kind.MAP || field.kind() == ColumnType.Kind.STRUCT) {
                    throw new IllegalArgumentException("column " + column.name()
                            + ": a struct of maps or structs has no Parquet mapping in firelake");
                }
                record = record.name(field.name()).type(Schema.createUnion(Schema.create(Schema.Type.NULL),
                        field.avroType())).withDefault(null);
            }
            return new ColumnType(column.name(), glue, ColumnType.Kind.STRUCT, 0, 0, record.endRecord());
        }
        return switch (glue) {
            case "string" -> new ColumnType(column.name(), glue, ColumnType.Kind.STRING, 0, 0, Schema.create(Schema.Type.STRING));
            case "int" -> new ColumnType(column.name(), glue, ColumnType.Kind.INT, 0, 0, Schema.create(Schema.Type.INT));
            case "bigint" -> new ColumnType(column.name(), glue, ColumnType.Kind.BIGINT, 0, 0, Schema.create(Schema.Type.LONG));
            case "float" -> new ColumnType(column.name(), glue, ColumnType.Kind.FLOAT, 0, 0, Schema.create(Schema.Type.FLOAT));
            case "double" -> new ColumnType(column.name(), glue, ColumnType.Kind.DOUBLE, 0, 0, Schema.create(Schema.Type.DOUBLE));
            case "boolean" -> new ColumnType(column.name(), glue, ColumnType.Kind.BOOLEAN, 0, 0, Schema.create(Schema.Type.BOOLEAN));
            case "timestamp" -> new ColumnType(column.name(), glue, ColumnType.Kind.TIMESTAMP, 0, 0,
                    LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)));
            default -> throw new IllegalArgumentException("column " + column.name() + ": Glue type '" + column.type()
                    + "' has no Parquet mapping in firelake (supported: string, int, bigint, float, double, boolean, decimal(p,s), timestamp, map<string,T>, "
                    + "struct<name:T,...>)");
        };
    }

    /** One column: its Glue type and the Avro type it is written with. */
    public record ColumnType(String name, String glueType, Kind kind, int precision, int scale, Schema avroType) {
        public enum Kind { STRING, INT, BIGINT, FLOAT, DOUBLE, BOOLEAN, DECIMAL, TIMESTAMP, MAP, STRUCT }

        /** A map column's value type. */
        public ColumnType mapValues() {
            Matcher map = MAP.matcher(glueType);
            if (!map.matches()) {
                throw new IllegalStateException(name + " is not a map");
            }
            return typeOf(new Column(name, map.group(1), ""));
        }

        /** A struct column's sub-fields, in declaration order. */
        public List<ColumnType> structFields() {
            if (kind != Kind.STRUCT) {
                throw new IllegalStateException(name + " is not a struct");
            }
            return LakeSchema.structFields(name, glueType);
        }
    }
}
