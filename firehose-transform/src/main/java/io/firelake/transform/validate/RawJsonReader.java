package io.firelake.transform.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;
import java.util.Map;

/**
 * The JSON step of {@link RecordValidator} for the records {@link RecordBytesReader} leaves (escapes, nested values,
 * malformed JSON and the like): reads one record's top-level object in a single streaming pass, keeps the
 * scalar of every field the schema names (by schema position) and skips the rest, so the checks that follow never
 * see the JSON again. A strict reader: duplicate keys, trailing content and anything but one object are malformed.
 *
 * <p>Values are kept as the parser typed them: String, Long, BigInteger, BigDecimal, Boolean, a {@code Map} for an
 * object of such values (what a map or record field takes; a value nested deeper is a {@link #STRUCT} entry, skipped
 * strictly), or one of the markers {@link #NULL}, {@link #STRUCT} (an array) and {@link #HUGE_NUMBER}.
 */
final class RawJsonReader {

    /** The key of a producer's health-check ping. */
    static final String HEALTH_CHECK_KEY = "health_check";

    static final Object NULL = new Object();
    static final Object STRUCT = new Object();
    /** A JSON number no Java number can hold, such as 1e999999999999. */
    static final Object HUGE_NUMBER = new Object();

    private final Map<String, Integer> indexByName;
    /**
     * Without Jackson's duplicate detection, which kept a set of every object's keys (6% of the core, issue 19): a
     * schema field's slot being taken already, or a name in the short list of unknown ones, is a duplicate; nested
     * values this reader skips turn Jackson's detection on first, so they are as strict as before.
     */
    private final JsonFactory json = new JsonFactory();

    /** @param indexByName schema position by field name (a HashMap: the lookup runs once per JSON key) */
    RawJsonReader(Map<String, Integer> indexByName) {
        this.indexByName = indexByName;
    }

    /**
     * Fills {@code parsed} (one slot per schema field, null when absent) from the record; answers null when it is an
     * event to check, a {@link Validation.HealthCheck} for a bare ping, or the {@link Validation.Invalid} why not.
     */
    Validation read(byte[] data, Object[] parsed) {
        boolean healthCheck = false;
        boolean anyField = false;
        java.util.List<String> unknown = null;
        try (JsonParser parser = json.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return malformed("record is not a JSON object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                Integer index = indexByName.get(name);
                if (index == null) {
                    if (unknown == null) {
                        unknown = new java.util.ArrayList<>(4);
                    } else if (unknown.contains(name)) {
                        throw duplicate(parser, name);
                    }
                    unknown.add(name);
                    if (value == JsonToken.VALUE_TRUE && HEALTH_CHECK_KEY.equals(name)) {
                        healthCheck = true;
                    }
                    skipStrictly(parser, value);
                    continue;
                }
                if (parsed[index] != null) {
                    throw duplicate(parser, name);
                }
                anyField = true;
                parsed[index] = scalar(parser, value);
            }
            if (token != JsonToken.END_OBJECT) {
                return malformed("record is not a complete JSON object");
            }
            if (parser.nextToken() != null) {
                return malformed("content after the JSON object");
            }
        } catch (StreamConstraintsException e) {
            return malformed("JSON exceeds parser limits (nesting, number or string length)");
        } catch (JsonParseException e) {
            String original = e.getOriginalMessage();
            if (original != null && original.startsWith("Duplicate field")) {
                return malformed("duplicate key in the JSON object");
            }
            return malformed("invalid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            return malformed("unreadable JSON");
        }
        return healthCheck && !anyField ? new Validation.HealthCheck() : null;
    }

    private static Object scalar(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? parser.getBigIntegerValue() : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> {
                try {
                    yield parser.getDecimalValue();
                } catch (NumberFormatException | ArithmeticException e) {
                    yield HUGE_NUMBER;
                }
            }
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> NULL;
            case START_OBJECT -> flatObject(parser);
            default -> {
                skipStrictly(parser, token);
                yield STRUCT;
            }
        };
    }

    /**
     * An object's values in key order (a map or record field's value); an object or array inside it is a
     * {@link #STRUCT} entry, which a map refuses and a record refuses unless the key is one it does not declare.
     */
    private static Object flatObject(JsonParser parser) throws IOException {
        Map<String, Object> entries = new java.util.LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken token = parser.nextToken();
            Object value;
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                skipStrictly(parser, token);
                value = STRUCT;
            } else {
                value = scalar(parser, token);
            }
            if (entries.put(key, value) != null) {
                throw duplicate(parser, key);
            }
        }
        return entries;
    }

    /** Skips an object or array with Jackson's duplicate detection on, from the context it just opened down. */
    @SuppressWarnings("deprecation")
    private static void skipStrictly(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            parser.skipChildren();
        }
    }

    /** Worded as Jackson words it, so both detections end in the same failure. */
    private static JsonParseException duplicate(JsonParser parser, String name) {
        return new JsonParseException(parser, "Duplicate field '" + name + "'");
    }

    private static Validation malformed(String message) {
        return new Validation.Invalid(new Failure(ReasonCode.MALFORMED_JSON, null, message));
    }
}
