package io.firelake.transform.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;
import java.util.Map;

/**
 * The JSON step of {@link RecordValidator}: reads one record's top-level object in a single streaming pass, keeps the
 * scalar of every field the schema names (by schema position) and skips the rest, so the checks that follow never
 * see the JSON again. A strict reader: duplicate keys, trailing content and anything but one object are malformed.
 *
 * <p>Values are kept as the parser typed them: String, Long, BigInteger, BigDecimal, Boolean, a {@code Map} for an
 * object of such values (what a map field takes), or one of the markers {@link #NULL}, {@link #STRUCT} (an array, or an
 * object holding an object or array) and {@link #HUGE_NUMBER}.
 */
final class RawJsonReader {

    /** The key of a producer's health-check ping. */
    static final String HEALTH_CHECK_KEY = "health_check";

    static final Object NULL = new Object();
    static final Object STRUCT = new Object();
    /** A JSON number no Java number can hold, such as 1e999999999999. */
    static final Object HUGE_NUMBER = new Object();

    private final Map<String, Integer> indexByName;
    private final JsonFactory json = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

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
                    if (value == JsonToken.VALUE_TRUE && HEALTH_CHECK_KEY.equals(name)) {
                        healthCheck = true;
                    }
                    parser.skipChildren();
                    continue;
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
                parser.skipChildren();
                yield STRUCT;
            }
        };
    }

    /** An object of scalars, in key order (a map field's value); {@link #STRUCT} when it nests anything. */
    private static Object flatObject(JsonParser parser) throws IOException {
        Map<String, Object> entries = new java.util.LinkedHashMap<>();
        boolean nested = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Object value = scalar(parser, parser.nextToken());
            nested |= value == STRUCT || value instanceof Map;
            entries.put(key, value);
        }
        return nested ? STRUCT : entries;
    }

    private static Validation malformed(String message) {
        return new Validation.Invalid(new Failure(ReasonCode.MALFORMED_JSON, null, message));
    }
}
