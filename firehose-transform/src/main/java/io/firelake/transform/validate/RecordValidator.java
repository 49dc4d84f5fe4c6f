package io.firelake.transform.validate;

import io.firelake.events.EventContract;
import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldSpec;
import io.firelake.events.schema.FieldType;
import io.firelake.events.time.IsoTimestamps;
import io.firelake.transform.time.Timestamps;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

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
 * <p>Four parts: {@link RecordBytesReader} reads a plain record's bytes once into one value per schema field, checking
 * the common types as it goes; {@link RawJsonReader} (Jackson) reads every record it does not, with the same values and
 * every failure's wording; {@link FieldConverter} holds the type rules, and this class runs the checks in their order
 * and words the failures.
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
    public static final String HEALTH_CHECK_KEY = RawJsonReader.HEALTH_CHECK_KEY;

    private final EventSchema schema;
    private final FieldSpec[] fields;
    private final Object[] defaults;
    private final FieldConverter converter;
    /** The checker of each record (struct) field by position, null for the others. */
    private final RecordFieldChecker[] records;
    private final RawJsonReader reader;
    private final RecordBytesReader bytesReader;
    private final int eventTimeIndex;
    private final int eventTypeIndex;
    private final Clock clock;
    private final long maxFutureSkewMillis;
    private final int maxRecordBytes;

    public RecordValidator(EventSchema raw, Map<String, ?> rawDefaults, Clock clock, Duration maxFutureSkew,
                           int maxRecordBytes) {
        this.schema = Objects.requireNonNull(raw, "raw");
        this.fields = raw.fields().toArray(FieldSpec[]::new);
        Map<String, Integer> indexByName = new HashMap<>();
        this.defaults = new Object[fields.length];
        int timeIndex = -1;
        int typeIndex = -1;
        for (int i = 0; i < fields.length; i++) {
            FieldSpec field = fields[i];
            indexByName.put(field.name(), i);
            if (EventContract.EVENT_TIME_ROLE.equals(field.role())) {
                timeIndex = i;
            }
            if (EventContract.EVENT_TYPE_ROLE.equals(field.role())) {
                typeIndex = i;
            }
        }
        if (timeIndex < 0) {
            throw new IllegalArgumentException(raw.fullName() + " has no field with role " + EventContract.EVENT_TIME_ROLE);
        }
        this.eventTimeIndex = timeIndex;
        this.eventTypeIndex = typeIndex;
        this.converter = new FieldConverter(fields);
        this.records = new RecordFieldChecker[fields.length];
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].storageType().kind() == FieldType.Kind.RECORD) {
                records[i] = new RecordFieldChecker(fields[i].name(), fields[i].storageType());
            }
        }
        this.reader = new RawJsonReader(indexByName);
        this.bytesReader = new RecordBytesReader(fields, timeIndex);
        for (int i = 0; i < fields.length; i++) {
            Object fallback = rawDefaults.get(fields[i].name());
            if (fallback != null) {
                Object converted = converter.convert(i, fallback);
                if (converted == FieldConverter.NO_MATCH) {
                    throw new IllegalArgumentException("default of " + fields[i].name() + " does not match its type");
                }
                defaults[i] = converted;
            }
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxFutureSkewMillis = maxFutureSkew.toMillis();
        if (maxRecordBytes < 1 || maxRecordBytes > RecordBytesReader.MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("maxRecordBytes must be from 1 to " + RecordBytesReader.MAX_RECORD_BYTES
                    + ", not " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
    }

    /** The validator of a contract, with the documented limits. */
    public static RecordValidator of(EventContract contract, Clock clock) {
        return new RecordValidator(contract.raw(), contract.rawDefaults(), clock, DEFAULT_MAX_FUTURE_SKEW,
                DEFAULT_MAX_RECORD_BYTES);
    }

    /** The validator of the clickstream contract that ships with firelake, with the documented limits. */
    public static RecordValidator clickstream(Clock clock) {
        return of(EventContract.clickstream(), clock);
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
        return validate(data, nowMillis, true);
    }

    /** With {@code bytesFirst} false, every record goes through {@link RawJsonReader} (tests compare the two). */
    Validation validate(byte[] data, long nowMillis, boolean bytesFirst) {
        if (data.length > maxRecordBytes) {
            return invalid(ReasonCode.RECORD_TOO_LARGE, null,
                    "record is " + data.length + " bytes, over the limit of " + maxRecordBytes);
        }
        Object[] parsed = new Object[fields.length];
        RecordBytesReader.Marks marks = new RecordBytesReader.Marks();
        long converted = bytesFirst ? bytesReader.read(data, parsed, marks) : RecordBytesReader.NOT_READ;
        // A record the byte reader read without a byte from 0x80 up is ASCII, so well-formed: the check is skipped.
        if ((converted == RecordBytesReader.NOT_READ || marks.nonAscii) && !Utf8.wellFormed(data)) {
            return invalid(ReasonCode.INVALID_UTF8, null, "record is not well-formed UTF-8");
        }
        if (converted == RecordBytesReader.NOT_READ) {
            java.util.Arrays.fill(parsed, null);
            Validation notAnEvent = reader.read(data, parsed);
            if (notAnEvent != null) {
                return notAnEvent;
            }
        }
        return check(parsed, converted, marks.plain, nowMillis);
    }

    /**
     * @param done {@link RecordBytesReader}'s bits of values already converted, or its NOT_READ when
     *                  {@link RawJsonReader} read the record (whose strings may hold escaped lone surrogates)
     * @param plain {@link RecordBytesReader}'s bits of those values that are strings JSON writes as they are
     */
    private Validation check(Object[] parsed, long done, long plain, long nowMillis) {
        boolean unescaped = done != RecordBytesReader.NOT_READ;
        Object[] values = new Object[fields.length];
        long plainKept = 0;
        String eventType = null;
        long eventTime = 0;
        for (int i = 0; i < fields.length; i++) {
            FieldSpec field = fields[i];
            Object value = parsed[i];
            if (value == null || value == RawJsonReader.NULL) {
                boolean required = eventType == null ? field.required() : field.requiredFor(eventType);
                if (required || (value == RawJsonReader.NULL && !field.nullable())) {
                    String why = value == null ? "is missing" : "is null";
                    String rule = field.required() ? "" : " but required for event type " + eventType;
                    return invalid(ReasonCode.MISSING_FIELD, field.name(), field.name() + " " + why + rule);
                }
                values[i] = value == null ? defaults[i] : null;
                continue;
            }
            if (value == RawJsonReader.HUGE_NUMBER) {
                return invalid(ReasonCode.WRONG_TYPE, field.name(), field.name() + " is a number out of any range");
            }
            if (records[i] != null && value instanceof java.util.Map<?, ?> object) {
                Object checked = records[i].check(object);
                if (checked instanceof Failure failure) {
                    return new Validation.Invalid(failure);
                }
                values[i] = checked;
                continue;
            }
            if (value == RawJsonReader.STRUCT || value instanceof java.util.Map<?, ?> map
                    && (!converter.takesMap(i) || map.containsValue(RawJsonReader.STRUCT))) {
                return invalid(ReasonCode.WRONG_TYPE, field.name(), field.name() + " is an object or array; expected "
                        + FieldConverter.expected(field));
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
            if (unescaped && i < 63 && (done & (1L << i)) != 0) {
                values[i] = value;
                plainKept |= plain & (1L << i);
                if (i == eventTypeIndex) {
                    eventType = (String) value;
                }
                continue;
            }
            if (!unescaped && value instanceof String text && !Utf8.pairedSurrogates(text)) {
                return invalid(ReasonCode.INVALID_UTF8, field.name(), field.name()
                        + " escapes an unpaired surrogate (\\uD800-\\uDFFF), which no UTF-8 text can hold");
            }
            Object converted = converter.convert(i, value);
            if (converted == FieldConverter.NO_MATCH) {
                if (i == eventTypeIndex && value instanceof String) {
                    return invalid(ReasonCode.UNKNOWN_EVENT_TYPE, field.name(), field.name()
                            + " is not one of " + fields[i].types().get(0).symbols());
                }
                return invalid(ReasonCode.WRONG_TYPE, field.name(),
                        field.name() + " is not " + FieldConverter.expected(field));
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
        return new Validation.Valid(new ValidEvent(schema, values, eventTime, plainKept));
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

    private static Validation invalid(ReasonCode code, String field, String message) {
        return new Validation.Invalid(new Failure(code, field, message));
    }
}
