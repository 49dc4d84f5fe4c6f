package io.firelake.transform.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.firelake.events.EventContract;
import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldSpec;
import io.firelake.events.schema.FieldType;
import io.firelake.events.time.IsoTimestamps;
import io.firelake.transform.time.Timestamps;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether one raw record is a valid event, driven by the raw schema ({@link EventContract#raw()}): required
 * fields, {@code firelake.required_for} by event type, types (enum symbols, uuid, decimal from a JSON number or numeric
 * string, int and long ranges), and the event time (ISO-8601 with an offset, or epoch milliseconds) within
 * [2000-01-01, now + 1 day].
 *
 * <p>Checks run in a fixed order and the first failure wins, so a reason is recomputable from the raw bytes alone
 * (monitoring does that for records in the error prefix; pass the record's arrival time as {@code now} for an exact
 * replay of the future check): size, UTF-8, JSON syntax, health check, fields in schema order, event-time range.
 * Fields the schema does not name are ignored, so producers can add fields before the contract does.
 *
 * <p>Thread-safe; build once and share.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/limits.html">Firehose quota: 1,000 KiB per record</a>
 */
public final class RecordValidator {

    /** Firehose's maximum record size before base64: 1,000 KiB. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1_000 * 1024;
    /** How far client clocks may run ahead of ours before an event time is considered absurd. */
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofDays(1);
    /** The key of a producer's health-check ping. */
    public static final String HEALTH_CHECK_KEY = "health_check";
    /** The field whose enum symbols are the event types that {@code firelake.required_for} refers to. */
    public static final String EVENT_TYPE_FIELD = "event_type";

    private static final Object JSON_NULL = new Object();
    private static final Object JSON_STRUCT = new Object();
    /** A JSON number no Java number can hold, such as 1e999999999999. */
    private static final Object HUGE_NUMBER = new Object();
    private static final Object NO_MATCH = new Object();

    private final EventSchema schema;
    private final FieldSpec[] fields;
    private final Map<String, Integer> indexByName;
    private final Object[] defaults;
    private final List<Set<String>> enumSymbols;
    private final int eventTimeIndex;
    private final int eventTypeIndex;
    private final Clock clock;
    private final long maxFutureSkewMillis;
    private final int maxRecordBytes;
    private final JsonFactory json;

    public RecordValidator(EventSchema raw, Map<String, ?> rawDefaults, Clock clock, Duration maxFutureSkew,
                           int maxRecordBytes) {
        this.schema = Objects.requireNonNull(raw, "raw");
        this.fields = raw.fields().toArray(FieldSpec[]::new);
        this.indexByName = new HashMap<>();
        this.defaults = new Object[fields.length];
        List<Set<String>> symbolSets = new ArrayList<>(fields.length);
        int timeIndex = -1;
        int typeIndex = -1;
        for (int i = 0; i < fields.length; i++) {
            FieldSpec field = fields[i];
            indexByName.put(field.name(), i);
            if (EventContract.EVENT_TIME_ROLE.equals(field.role())) {
                timeIndex = i;
            }
            if (EVENT_TYPE_FIELD.equals(field.name())) {
                typeIndex = i;
            }
            Set<String> symbols = new HashSet<>();
            field.types().stream().filter(t -> t.kind() == FieldType.Kind.ENUM).forEach(t -> symbols.addAll(t.symbols()));
            symbolSets.add(Set.copyOf(symbols));
        }
        this.enumSymbols = List.copyOf(symbolSets);
        if (timeIndex < 0) {
            throw new IllegalArgumentException(raw.fullName() + " has no field with role " + EventContract.EVENT_TIME_ROLE);
        }
        this.eventTimeIndex = timeIndex;
        this.eventTypeIndex = typeIndex;
        for (int i = 0; i < fields.length; i++) {
            Object fallback = rawDefaults.get(fields[i].name());
            if (fallback != null) {
                Object converted = convert(i, fallback);
                if (converted == NO_MATCH) {
                    throw new IllegalArgumentException("default of " + fields[i].name() + " does not match its type");
                }
                defaults[i] = converted;
            }
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxFutureSkewMillis = maxFutureSkew.toMillis();
        this.maxRecordBytes = maxRecordBytes;
        this.json = JsonFactory.builder()
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /** The validator of the clickstream contract that ships with firelake, with the documented limits. */
    public static RecordValidator clickstream(Clock clock) {
        return new RecordValidator(EventContract.clickstream().raw(), RawDefaults.clickstream(), clock,
                DEFAULT_MAX_FUTURE_SKEW, DEFAULT_MAX_RECORD_BYTES);
    }

    public static RecordValidator clickstream() {
        return clickstream(Clock.systemUTC());
    }

    public EventSchema schema() {
        return schema;
    }

    /** Validates with the validator's clock as "now". */
    public Validation validate(byte[] data) {
        return validate(data, clock.millis());
    }

    /**
     * Validates one raw record.
     *
     * @param data      the record bytes as the producer sent them
     * @param nowMillis the processing time the future check compares with
     */
    public Validation validate(byte[] data, long nowMillis) {
        if (data.length > maxRecordBytes) {
            return invalid(ReasonCode.RECORD_TOO_LARGE, null,
                    "record is " + data.length + " bytes, over the limit of " + maxRecordBytes);
        }
        if (!Utf8.wellFormed(data)) {
            return invalid(ReasonCode.INVALID_UTF8, null, "record is not well-formed UTF-8");
        }
        Object[] parsed = new Object[fields.length];
        boolean healthCheck = false;
        boolean anyField = false;
        try (JsonParser parser = json.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return invalid(ReasonCode.MALFORMED_JSON, null, "record is not a JSON object");
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
                return invalid(ReasonCode.MALFORMED_JSON, null, "record is not a complete JSON object");
            }
            if (parser.nextToken() != null) {
                return invalid(ReasonCode.MALFORMED_JSON, null, "content after the JSON object");
            }
        } catch (StreamConstraintsException e) {
            return invalid(ReasonCode.MALFORMED_JSON, null, "JSON exceeds parser limits (nesting, number or string length)");
        } catch (JsonParseException e) {
            String original = e.getOriginalMessage();
            if (original != null && original.startsWith("Duplicate field")) {
                return invalid(ReasonCode.MALFORMED_JSON, null, "duplicate key in the JSON object");
            }
            return invalid(ReasonCode.MALFORMED_JSON, null, "invalid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            return invalid(ReasonCode.MALFORMED_JSON, null, "unreadable JSON");
        }
        if (healthCheck && !anyField) {
            return new Validation.HealthCheck();
        }
        return check(parsed, nowMillis);
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
            case VALUE_NULL -> JSON_NULL;
            default -> {
                parser.skipChildren();
                yield JSON_STRUCT;
            }
        };
    }

    private Validation check(Object[] parsed, long nowMillis) {
        Object[] values = new Object[fields.length];
        String eventType = null;
        long eventTime = 0;
        for (int i = 0; i < fields.length; i++) {
            FieldSpec field = fields[i];
            Object value = parsed[i];
            boolean required = eventType == null ? field.required() : field.requiredFor(eventType);
            if (value == null || value == JSON_NULL) {
                if (required || (value == JSON_NULL && !field.nullable())) {
                    String why = value == null ? "is missing" : "is null";
                    String rule = field.required() ? "" : " but required for event type " + eventType;
                    return invalid(ReasonCode.MISSING_FIELD, field.name(), field.name() + " " + why + rule);
                }
                values[i] = value == null ? defaults[i] : null;
                continue;
            }
            if (value == HUGE_NUMBER) {
                return invalid(ReasonCode.WRONG_TYPE, field.name(), field.name() + " is a number out of any range");
            }
            if (value == JSON_STRUCT) {
                return invalid(ReasonCode.WRONG_TYPE, field.name(), field.name() + " is an object or array; expected "
                        + expected(field));
            }
            if (i == eventTimeIndex) {
                long millis = eventTimeMillis(value);
                if (millis == Long.MIN_VALUE) {
                    return invalid(ReasonCode.WRONG_TYPE, field.name(), field.name()
                            + " is neither ISO-8601 with an offset nor epoch milliseconds");
                }
                eventTime = millis;
                values[i] = millis;
                continue;
            }
            if (value instanceof String text && !Utf8.pairedSurrogates(text)) {
                return invalid(ReasonCode.INVALID_UTF8, field.name(), field.name()
                        + " escapes an unpaired surrogate (\\uD800-\\uDFFF), which no UTF-8 text can hold");
            }
            Object converted = convert(i, value);
            if (converted == NO_MATCH) {
                if (i == eventTypeIndex && value instanceof String) {
                    return invalid(ReasonCode.UNKNOWN_EVENT_TYPE, field.name(), field.name()
                            + " is not one of " + fields[i].types().get(0).symbols());
                }
                return invalid(ReasonCode.WRONG_TYPE, field.name(), field.name() + " is not " + expected(field));
            }
            values[i] = converted;
            if (i == eventTypeIndex) {
                eventType = (String) converted;
            }
        }
        if (eventTime < Timestamps.YEAR_2000_MILLIS) {
            return invalid(ReasonCode.EVENT_TIME_TOO_OLD, fields[eventTimeIndex].name(),
                    fields[eventTimeIndex].name() + " is before 2000-01-01T00:00:00Z (epoch seconds instead of milliseconds?)");
        }
        if (eventTime - nowMillis > maxFutureSkewMillis) {
            return invalid(ReasonCode.EVENT_TIME_IN_FUTURE, fields[eventTimeIndex].name(),
                    fields[eventTimeIndex].name() + " is more than " + maxFutureSkewMillis / 3_600_000 + " hours"
                            + " after the processing time");
        }
        return new Validation.Valid(new ValidEvent(schema, values, eventTime));
    }

    private static long eventTimeMillis(Object value) {
        if (value instanceof Long millis) {
            return millis == Long.MIN_VALUE ? Long.MIN_VALUE + 1 : millis;
        }
        if (value instanceof String text) {
            return IsoTimestamps.parseOffsetMillis(text);
        }
        return Long.MIN_VALUE;
    }

    /** The value converted to the field's first matching type, or {@link #NO_MATCH}. */
    private Object convert(int index, Object value) {
        for (FieldType type : fields[index].types()) {
            Object converted = convert(type, index, value);
            if (converted != NO_MATCH) {
                return converted;
            }
        }
        return NO_MATCH;
    }

    private Object convert(FieldType type, int index, Object value) {
        switch (type.kind()) {
            case STRING:
                return value instanceof String ? value : NO_MATCH;
            case UUID:
                return value instanceof String text && Uuids.canonical(text) ? text.toLowerCase(java.util.Locale.ROOT) : NO_MATCH;
            case ENUM:
                return value instanceof String text && enumSymbols.get(index).contains(text) ? text : NO_MATCH;
            case INT:
                return value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE
                        ? (Object) l.intValue() : NO_MATCH;
            case LONG:
            case TIMESTAMP_MILLIS:
                return value instanceof Long ? value : NO_MATCH;
            case FLOAT:
            case DOUBLE:
                if (value instanceof Long l) {
                    return l.doubleValue();
                }
                if (value instanceof BigInteger || value instanceof BigDecimal) {
                    double d = ((Number) value).doubleValue();
                    return Double.isFinite(d) ? (Object) d : NO_MATCH;
                }
                return NO_MATCH;
            case BOOLEAN:
                return value instanceof Boolean ? value : NO_MATCH;
            case DECIMAL:
                return decimal(type, value);
            default:
                return NO_MATCH;
        }
    }

    /** A JSON number or a numeric string that fits {@code decimal(precision, scale)} without rounding. */
    private static Object decimal(FieldType type, Object value) {
        BigDecimal number;
        if (value instanceof Long l) {
            number = BigDecimal.valueOf(l);
        } else if (value instanceof BigInteger b) {
            number = new BigDecimal(b);
        } else if (value instanceof BigDecimal d) {
            number = d;
        } else if (value instanceof String text && text.length() <= 64 && numeric(text)) {
            try {
                number = new BigDecimal(text);
            } catch (NumberFormatException e) {
                return NO_MATCH;
            }
        } else {
            return NO_MATCH;
        }
        BigDecimal stripped = number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
        if (stripped.scale() > type.scale()) {
            return NO_MATCH;
        }
        long integerDigits = (long) stripped.precision() - stripped.scale();
        if (integerDigits > type.precision() - type.scale()) {
            return NO_MATCH;
        }
        return stripped.setScale(type.scale(), RoundingMode.UNNECESSARY);
    }

    /** Plain decimal notation only: an optional sign, digits, an optional fraction. No exponents, no spaces. */
    private static boolean numeric(String text) {
        int i = 0;
        int n = text.length();
        if (n > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            i++;
        }
        int digits = 0;
        boolean dot = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return false;
            }
        }
        return digits > 0;
    }

    private static String expected(FieldSpec field) {
        if (EventContract.EVENT_TIME_ROLE.equals(field.role())) {
            return "ISO-8601 with an offset or epoch milliseconds";
        }
        return field.types().stream().map(t -> switch (t.kind()) {
            case DECIMAL -> "a decimal(" + t.precision() + "," + t.scale() + ") number or numeric string";
            case ENUM -> "one of " + t.symbols();
            case UUID -> "a UUID string";
            case INT -> "an integer in the int range";
            case LONG -> "an integer in the long range";
            default -> "a " + t.kind().name().toLowerCase(java.util.Locale.ROOT);
        }).reduce((a, b) -> a + " or " + b).orElse("?");
    }

    private static Validation invalid(ReasonCode code, String field, String message) {
        return new Validation.Invalid(new Failure(code, field, message));
    }
}
