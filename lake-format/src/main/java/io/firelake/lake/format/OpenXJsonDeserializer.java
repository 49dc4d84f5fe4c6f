package io.firelake.lake.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.events.time.IsoTimestamps;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one JSON record into a row of a {@link LakeSchema} the way Firehose's OpenX JSON SerDe does for record format
 * conversion: keys match columns case-insensitively ({@code CaseInsensitive} defaults to true), keys that are not
 * columns are ignored, a missing key or JSON null is a null column, and a value that cannot become the column's type
 * fails the record with a message (Firehose writes it to the {@code format-conversion-failed} error prefix and goes on
 * with the others). Timestamps accept ISO-8601 instants, {@code java.sql.Timestamp} text ({@code yyyy-MM-dd HH:mm:ss[.f]},
 * read as UTC) and epoch milliseconds. A {@code map<string,T>} column takes a JSON object, each value converted to T
 * (JSON null stays a null value). A {@code struct<...>} column takes a JSON object, its keys matched to the sub-fields
 * as top-level keys are to columns.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/record-format-conversion.html">Firehose record format conversion</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_OpenXJsonSerDe.html">OpenXJsonSerDe</a>
 */
public final class OpenXJsonDeserializer {

    /** Firehose's error code for records that fail format conversion. */
    public static final String ERROR_CODE = "DataFormatConversion.MalformedData";

    /** Beyond this many keys that are not columns, the flat path hands the record to the strict one. */
    private static final int MAX_FLAT_UNKNOWN_KEYS = 8;

    private final LakeSchema schema;
    private final ObjectMapper json;
    private final ObjectMapper flatJson;
    private final Map<String, Integer> columnIndex = new HashMap<>();
    /** Each map column's value type and struct column's sub-fields, parsed from its Glue type once, not per record. */
    private final Map<LakeSchema.ColumnType, LakeSchema.ColumnType> mapValues = new IdentityHashMap<>();
    private final Map<LakeSchema.ColumnType, List<LakeSchema.ColumnType>> structFields = new IdentityHashMap<>();

    public OpenXJsonDeserializer(LakeSchema schema) {
        this.schema = schema;
        this.json = new ObjectMapper();
        this.json.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.flatJson = new ObjectMapper();
        List<LakeSchema.ColumnType> columns = schema.columns();
        for (int i = 0; i < columns.size(); i++) {
            LakeSchema.ColumnType column = columns.get(i);
            columnIndex.put(column.name().toLowerCase(Locale.ROOT), i);
            if (column.kind() == LakeSchema.ColumnType.Kind.MAP) {
                mapValues.put(column, column.mapValues());
            } else if (column.kind() == LakeSchema.ColumnType.Kind.STRUCT) {
                structFields.put(column, column.structFields());
            }
        }
    }

    public LakeSchema schema() {
        return schema;
    }

    /** One JSON object (a trailing newline is allowed). */
    public ConversionResult deserialize(byte[] record) {
        ConversionResult flat = deserializeFlat(record);
        return flat != null ? flat : deserializeStrict(record);
    }

    /**
     * The transform's records: one object whose keys are almost all columns, a map or struct column's object holding
     * scalars. Jackson's duplicate detection keeps a hash set of every key of every record (a sixth of the conversion
     * in profiles); here the keys are checked against the columns (and sub-fields) already set instead. Anything this
     * path cannot judge exactly as the strict one does (any other nested value, a key seen twice or in two spellings,
     * many unknown keys, a value that does not convert) returns null, and the record is read again by
     * {@link #deserializeStrict}, which words every failure.
     */
    private ConversionResult deserializeFlat(byte[] record) {
        List<LakeSchema.ColumnType> columns = schema.columns();
        GenericRecord row = new GenericData.Record(schema.avroSchema());
        boolean[] seen = new boolean[columns.size()];
        String[] unknown = null;
        int unknownCount = 0;
        try (JsonParser p = flatJson.createParser(record)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                Integer index = columnIndex.get(name);
                if (index == null) {
                    index = columnIndex.get(name.toLowerCase(Locale.ROOT));
                }
                JsonToken token = p.nextToken();
                if (token == null || token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT
                        && (index == null || !nested(columns.get(index)))) {
                    return null;
                }
                if (index == null) {
                    if (unknown == null) {
                        unknown = new String[MAX_FLAT_UNKNOWN_KEYS];
                    }
                    if (unknownCount == MAX_FLAT_UNKNOWN_KEYS) {
                        return null;
                    }
                    for (int i = 0; i < unknownCount; i++) {
                        if (unknown[i].equals(name)) {
                            return null;
                        }
                    }
                    unknown[unknownCount++] = name;
                    continue;
                }
                if (seen[index]) {
                    return null;
                }
                seen[index] = true;
                if (token == JsonToken.VALUE_NULL) {
                    continue;
                }
                LakeSchema.ColumnType column = columns.get(index);
                if (token == JsonToken.START_OBJECT) {
                    Object nested = column.kind() == LakeSchema.ColumnType.Kind.MAP ? flatMap(column, p)
                            : flatStruct(column, p);
                    if (nested == null) {
                        return null;
                    }
                    row.put(index, nested);
                    continue;
                }
                Object value = scalar(column, token, p);
                if (value == null) {
                    return null;
                }
                row.put(index, value);
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        return new ConversionResult.Converted(row);
    }

    private ConversionResult deserializeStrict(byte[] record) {
        GenericRecord row = new GenericData.Record(schema.avroSchema());
        try (JsonParser p = json.createParser(record)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return failed("The record is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                Integer index = columnIndex.get(name);
                if (index == null) {
                    index = columnIndex.get(name.toLowerCase(Locale.ROOT));
                }
                JsonToken token = p.nextToken();
                if (index == null || token == JsonToken.VALUE_NULL) {
                    p.skipChildren();
                    continue;
                }
                LakeSchema.ColumnType column = schema.columns().get(index);
                Object value = fast(column, token, p);
                if (value == null) {
                    JsonNode node = p.readValueAsTree();
                    try {
                        value = convert(column, node);
                    } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
                        return failed("Column '" + column.name() + "' (" + column.glueType() + "): cannot convert "
                                + abbreviate(node.toString()) + ": " + e.getMessage());
                    }
                }
                row.put(index, value);
            }
        } catch (JsonProcessingException e) {
            return failed("The record is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return failed("The record could not be read: " + e.getMessage());
        }
        return new ConversionResult.Converted(row);
    }

    /**
     * The common, well-typed values read straight from the parser (the transform's output is all of this kind);
     * null sends the value through the general conversion, which also words the failures.
     */
    private static Object fast(LakeSchema.ColumnType column, JsonToken token, JsonParser p) throws IOException {
        switch (column.kind()) {
            case STRING:
                return token == JsonToken.VALUE_STRING ? p.getText() : null;
            case BOOLEAN:
                return token == JsonToken.VALUE_TRUE ? Boolean.TRUE : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
            case INT:
                return token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                        ? p.getIntValue() : null;
            case BIGINT:
                return token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                        ? p.getLongValue() : null;
            case TIMESTAMP:
                if (token == JsonToken.VALUE_STRING) {
                    long millis = IsoTimestamps.parseCanonicalUtcMillis(p.getText());
                    return millis == IsoTimestamps.INVALID ? null : millis;
                }
                return null;
            default:
                return null;
        }
    }

    /**
     * A map column's object on the flat path: scalar values only, each key once (the strict path words the failure of
     * anything else); null hands the record to the strict path.
     */
    private Object flatMap(LakeSchema.ColumnType column, JsonParser p) throws IOException {
        LakeSchema.ColumnType values = mapValues.get(column);
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken token = p.nextToken();
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY || map.containsKey(key)) {
                return null;
            }
            Object value = token == JsonToken.VALUE_NULL ? null : scalar(values, token, p);
            if (value == null && token != JsonToken.VALUE_NULL) {
                return null;
            }
            map.put(key, value);
        }
        return map;
    }

    /**
     * A struct column's object on the flat path, by {@link #struct}'s rules: keys matched to the sub-fields
     * case-insensitively, other keys ignored, JSON null a null sub-field. Scalar values only, each sub-field and each
     * other key once (the strict path's duplicate detection fails a repeated key, and decides two spellings of one
     * sub-field); null hands the record to the strict path, which also words every failure.
     */
    private Object flatStruct(LakeSchema.ColumnType column, JsonParser p) throws IOException {
        List<LakeSchema.ColumnType> fields = structFields.get(column);
        GenericRecord struct = new GenericData.Record(column.avroType());
        boolean[] seen = new boolean[fields.size()];
        List<String> others = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken token = p.nextToken();
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                return null;
            }
            boolean matched = false;
            for (int i = 0; i < fields.size(); i++) {
                if (!fields.get(i).name().equalsIgnoreCase(key)) {
                    continue;
                }
                if (seen[i] || matched) {
                    return null;
                }
                seen[i] = true;
                matched = true;
                if (token != JsonToken.VALUE_NULL) {
                    Object value = scalar(fields.get(i), token, p);
                    if (value == null) {
                        return null;
                    }
                    struct.put(i, value);
                }
            }
            if (!matched) {
                if (others == null) {
                    others = new ArrayList<>(2);
                }
                if (others.contains(key) || others.size() == MAX_FLAT_UNKNOWN_KEYS) {
                    return null;
                }
                others.add(key);
            }
        }
        return struct;
    }

    /** A scalar JSON value as the column's type, or null when it does not convert (the strict path words why). */
    private Object scalar(LakeSchema.ColumnType column, JsonToken token, JsonParser p) throws IOException {
        Object value = fast(column, token, p);
        if (value != null) {
            return value;
        }
        try {
            return convert(column, p.readValueAsTree());
        } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
            return null;
        }
    }

    private Map<String, Object> map(LakeSchema.ColumnType column, JsonNode value) {
        if (!value.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        LakeSchema.ColumnType values = mapValues.get(column);
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            JsonNode item = entry.getValue();
            map.put(entry.getKey(), item.isNull() ? null : convert(values, item));
        }
        return map;
    }

    /**
     * A struct column's object: its keys matched to the sub-fields case-insensitively, as the SerDe matches top-level
     * keys; other keys ignored; a missing key or JSON null a null sub-field.
     */
    private GenericRecord struct(LakeSchema.ColumnType column, JsonNode value) {
        if (!value.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        Schema record = column.avroType();
        GenericRecord struct = new GenericData.Record(record);
        List<LakeSchema.ColumnType> fields = structFields.get(column);
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).name().equalsIgnoreCase(entry.getKey()) && !entry.getValue().isNull()) {
                    struct.put(i, convert(fields.get(i), entry.getValue()));
                }
            }
        }
        return struct;
    }

    private static boolean nested(LakeSchema.ColumnType column) {
        return column.kind() == LakeSchema.ColumnType.Kind.MAP || column.kind() == LakeSchema.ColumnType.Kind.STRUCT;
    }

    private static ConversionResult failed(String message) {
        return new ConversionResult.Failed(ERROR_CODE, message);
    }

    private Object convert(LakeSchema.ColumnType column, JsonNode value) {
        return switch (column.kind()) {
            case STRING -> value.isValueNode() ? value.asText() : value.toString();
            case INT -> OpenXScalars.integral(value, column).intValueExact();
            case BIGINT -> OpenXScalars.integral(value, column).longValueExact();
            case FLOAT -> (float) OpenXScalars.floating(value);
            case DOUBLE -> OpenXScalars.floating(value);
            case BOOLEAN -> OpenXScalars.bool(value);
            case DECIMAL -> OpenXScalars.decimal(value, column);
            case TIMESTAMP -> OpenXScalars.timestamp(value);
            case MAP -> map(column, value);
            case STRUCT -> struct(column, value);
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
