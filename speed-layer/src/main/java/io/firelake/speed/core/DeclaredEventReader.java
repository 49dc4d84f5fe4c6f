package io.firelake.speed.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.firelake.events.time.IsoTimestamps;
import io.firelake.speed.core.spec.FieldSpec;
import io.firelake.speed.core.spec.FieldType;

import java.io.CharConversionException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads one event (one JSON object per user record) with a streaming parser, driven by the fields a contract's
 * speed-layer.yaml declares: only those are read, at their JSON paths (nested objects are descended, anything else
 * skipped), and checked as declared (JSON type, required, enum values, pattern, decimal precision), the checks the
 * transform makes of the same fields, so both layers count the same events. Never throws for bad input: it answers
 * {@link ParseOutcome.Rejected} with the transform's reason code. Thread-safe.
 */
public final class DeclaredEventReader implements EventParser {

    /**
     * Firehose's record limit (1,000 KiB before base64). Kinesis takes records up to 1 MiB, but the batch layer rejects
     * anything over this as RECORD_TOO_LARGE, and the two layers must count the same events.
     */
    public static final int MAX_RECORD_BYTES = 1000 * 1024;
    /** The key of Firehose's health-check ping, {@code {"health_check":true}}: not an event, not an error. */
    static final String HEALTH_CHECK = "health_check";

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final AggregatePlan plan;
    private final FieldSpec[] fields;
    /** JSON keys to field slots or to the keys inside a nested object. */
    private final KeyTable root;
    /** Per slot, what reading a value does ({@link #SKIP_TEXT} to {@link #TIMESTAMP}): no record lookups per value. */
    private final byte[] kinds;
    private final boolean[] nullable;
    private final boolean[] required;
    private final java.util.regex.Pattern[] patterns;
    private final String[] cutAt;
    private final int[] maxLength;
    private final int id;
    private final int time;
    private final int type;
    private final int width;
    private final AggregatePlan.Match[] requiredWhen;
    private final long[] defaults;
    /** The fields with a check after reading (required, default, values, pattern, cut), roles excluded, in order. */
    private final int[] checked;

    public DeclaredEventReader(AggregatePlan plan) {
        this.plan = plan;
        this.fields = plan.fields();
        Map<String, Object> tree = new HashMap<>();
        for (int slot = 0; slot < fields.length; slot++) {
            Map<String, Object> node = tree;
            for (int i = 0; i < fields[slot].path().size() - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) node.computeIfAbsent(
                        fields[slot].path().get(i).intern(), k -> new HashMap<String, Object>());
                node = child;
            }
            // Interned like the parser's field names (JsonFactory.Feature.INTERN_FIELD_NAMES): lookups hit by identity.
            node.put(fields[slot].path().get(fields[slot].path().size() - 1).intern(), slot);
        }
        this.root = new KeyTable(tree);
        this.id = plan.slot(plan.spec().idField());
        this.time = plan.slot(plan.spec().timeField());
        this.type = plan.slot(plan.spec().typeField());
        this.width = fields.length + plan.products().length;
        this.checked = java.util.stream.IntStream.range(0, fields.length)
                .filter(slot -> slot != id && slot != time && slot != type && FieldValues.hasChecks(fields[slot]))
                .toArray();
        this.requiredWhen = new AggregatePlan.Match[fields.length];
        this.defaults = new long[fields.length];
        this.kinds = new byte[fields.length];
        this.nullable = new boolean[fields.length];
        this.required = new boolean[fields.length];
        this.patterns = new java.util.regex.Pattern[fields.length];
        this.cutAt = new String[fields.length];
        this.maxLength = new int[fields.length];
        for (int slot = 0; slot < fields.length; slot++) {
            kinds[slot] = kind(fields[slot], plan.textNeeded(slot));
            nullable[slot] = fields[slot].nullable();
            required[slot] = fields[slot].required();
            patterns[slot] = plan.pattern(slot);
            cutAt[slot] = fields[slot].cutAt();
            maxLength[slot] = fields[slot].maxLength();
            requiredWhen[slot] = plan.match(fields[slot].requiredWhen());
            defaults[slot] = fields[slot].defaultValue() == null ? 0 : FieldValues.defaultNumber(fields[slot]);
        }
    }

    private static final byte SKIP_TEXT = 0;
    private static final byte TEXT = 1;
    private static final byte ENUM = 2;
    private static final byte INT = 3;
    private static final byte LONG = 4;
    private static final byte DECIMAL = 5;
    private static final byte DOUBLE = 6;
    private static final byte BOOLEAN = 7;
    private static final byte TIMESTAMP = 8;

    private static byte kind(FieldSpec field, boolean textNeeded) {
        return switch (field.type()) {
            case STRING -> field.isEnum() ? ENUM : textNeeded ? TEXT : SKIP_TEXT;
            case INT -> INT;
            case LONG -> LONG;
            case DECIMAL -> DECIMAL;
            case DOUBLE -> DOUBLE;
            case BOOLEAN -> BOOLEAN;
            case TIMESTAMP -> TIMESTAMP;
        };
    }

    public AggregatePlan plan() {
        return plan;
    }

    /** The values being read: a mutable scratch that becomes the {@link Event}. */
    private final class Reading {
        final String[] text = new String[fields.length];
        final long[] numbers = new long[width];
        long present;
        int topLevelFields;
        boolean healthCheck;

        boolean has(int slot) {
            return (present >>> slot & 1L) != 0;
        }
    }

    @Override
    public ParseOutcome parse(byte[] data) {
        if (data.length > MAX_RECORD_BYTES) {
            return new ParseOutcome.Rejected(BadRecordReason.RECORD_TOO_LARGE, data.length + " bytes");
        }
        try (JsonParser parser = JSON.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return rejected(BadRecordReason.MALFORMED_JSON, "not a JSON object");
            }
            Reading reading = new Reading();
            ParseOutcome bad = readObject(parser, root, reading, true);
            if (bad != null) {
                return bad;
            }
            if (parser.nextToken() != null) {
                return rejected(BadRecordReason.MALFORMED_JSON, "trailing content after the JSON object");
            }
            if (reading.healthCheck && reading.topLevelFields == 1) {
                return new ParseOutcome.Ignored();
            }
            return validate(reading);
        } catch (CharConversionException e) {
            return rejected(BadRecordReason.INVALID_UTF8, "not UTF-8");
        } catch (StreamConstraintsException e) {
            return rejected(BadRecordReason.RECORD_TOO_LARGE, "JSON beyond parser limits");
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("UTF-8") || message.contains("UTF8")) {
                return rejected(BadRecordReason.INVALID_UTF8, "not UTF-8");
            }
            return rejected(BadRecordReason.MALFORMED_JSON, "not a JSON object");
        }
    }

    /** Reads the object's keys up to its END_OBJECT; a wrong type stops at once. */
    private ParseOutcome readObject(JsonParser parser, KeyTable node, Reading reading, boolean top)
            throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (top) {
                reading.topLevelFields++;
            }
            int target = node.find(name);
            if (target >= 0) {
                ParseOutcome bad = readValue(parser, value, target, reading);
                if (bad != null) {
                    return bad;
                }
            } else if (target != KeyTable.ABSENT) {
                if (value == JsonToken.START_OBJECT) {
                    ParseOutcome bad = readObject(parser, node.child(target), reading, false);
                    if (bad != null) {
                        return bad;
                    }
                } else if (value != JsonToken.VALUE_NULL) {
                    return wrongType(name + " (an object)");
                }
            } else {
                if (top && value == JsonToken.VALUE_TRUE && name.equals(HEALTH_CHECK)) {
                    reading.healthCheck = true;
                }
                parser.skipChildren(); // undeclared fields: the contract allows evolution
            }
        }
        if (token != JsonToken.END_OBJECT) {
            return rejected(BadRecordReason.MALFORMED_JSON, "not a JSON object");
        }
        return null;
    }

    private ParseOutcome readValue(JsonParser parser, JsonToken value, int slot, Reading reading) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return nullable[slot] ? null : wrongType(fields[slot].name());
        }
        long[] numbers = reading.numbers;
        switch (kinds[slot]) {
            case SKIP_TEXT -> {
                if (value != JsonToken.VALUE_STRING) {
                    return wrongType(fields[slot].name()); // present, of the right type, and nothing reads it
                }
            }
            case TEXT -> {
                if (value != JsonToken.VALUE_STRING) {
                    return wrongType(fields[slot].name());
                }
                reading.text[slot] = parser.getText();
            }
            case ENUM -> {
                if (value != JsonToken.VALUE_STRING) {
                    return wrongType(fields[slot].name());
                }
                String text = parser.getText();
                reading.text[slot] = text;
                Integer index = plan.enumIndex(slot).get(text);
                numbers[slot] = index == null ? -1 : index;
            }
            case INT, LONG -> {
                if (value != JsonToken.VALUE_NUMBER_INT
                        || !fits(parser.getNumberType(), kinds[slot] == LONG ? FieldType.LONG : FieldType.INT)) {
                    return wrongType(fields[slot].name());
                }
                numbers[slot] = parser.getLongValue();
            }
            case DECIMAL -> {
                ParseOutcome bad = readDecimal(parser, value, slot, numbers);
                if (bad != null) {
                    return bad;
                }
            }
            case DOUBLE -> {
                if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
                    return wrongType(fields[slot].name());
                }
                numbers[slot] = Double.doubleToLongBits(parser.getDoubleValue());
            }
            case BOOLEAN -> {
                if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
                    return wrongType(fields[slot].name());
                }
                numbers[slot] = value == JsonToken.VALUE_TRUE ? 1 : 0;
            }
            default -> { // TIMESTAMP
                if (value == JsonToken.VALUE_STRING) {
                    reading.text[slot] = parser.getText();
                } else if (value == JsonToken.VALUE_NUMBER_INT && fits(parser.getNumberType(), FieldType.LONG)) {
                    numbers[slot] = parser.getLongValue();
                } else {
                    return wrongType(fields[slot].name());
                }
            }
        }
        reading.present |= 1L << slot;
        return null;
    }

    private ParseOutcome readDecimal(JsonParser parser, JsonToken value, int slot, long[] numbers) throws IOException {
        FieldSpec field = fields[slot];
        BigDecimal decimal;
        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
            decimal = parser.getDecimalValue();
        } else if (value == JsonToken.VALUE_STRING) {
            try {
                decimal = new BigDecimal(parser.getText().trim());
            } catch (NumberFormatException e) {
                return wrongType(field.name());
            }
        } else {
            return wrongType(field.name());
        }
        BigDecimal exact = decimal.stripTrailingZeros();
        if (exact.scale() > field.scale() || exact.precision() - exact.scale() > field.precision() - field.scale()) {
            return rejected(BadRecordReason.WRONG_TYPE, field.name() + " does not fit decimal("
                    + field.precision() + "," + field.scale() + ")");
        }
        numbers[slot] = decimal.movePointRight(field.scale()).longValueExact();
        return null;
    }

    private static boolean fits(JsonParser.NumberType number, FieldType type) {
        return number == JsonParser.NumberType.INT || (type == FieldType.LONG && number == JsonParser.NumberType.LONG);
    }

    /** The checks that need the whole event, in the order the transform makes them: id, type, time, then each field. */
    private ParseOutcome validate(Reading reading) {
        if (!reading.has(id)) {
            return missing(fields[id].name());
        }
        if (type >= 0) {
            if (!reading.has(type)) {
                return missing(fields[type].name());
            }
            if (reading.numbers[type] < 0) {
                return rejected(BadRecordReason.UNKNOWN_EVENT_TYPE, fields[type].name() + " not in the contract");
            }
        }
        long eventTime;
        if (!reading.has(time)) {
            return missing(fields[time].name());
        } else if (reading.text[time] != null) {
            eventTime = IsoTimestamps.parseOffsetMillis(reading.text[time]);
            if (eventTime == IsoTimestamps.INVALID) {
                return rejected(BadRecordReason.WRONG_TYPE, fields[time].name() + " is not ISO-8601 with an offset");
            }
        } else {
            eventTime = reading.numbers[time];
        }
        for (int slot : checked) {
            ParseOutcome bad = check(slot, reading);
            if (bad != null) {
                return bad;
            }
        }
        for (AggregatePlan.Product product : plan.products()) {
            if (reading.has(product.field()) && reading.has(product.times())
                    && (product.where() == null || matches(product.where(), reading))) {
                try {
                    reading.numbers[product.slot()] = Math.multiplyExact(reading.numbers[product.field()],
                            reading.numbers[product.times()]);
                } catch (ArithmeticException e) {
                    return rejected(BadRecordReason.WRONG_TYPE, fields[product.field()].name() + " x "
                            + fields[product.times()].name() + " overflows");
                }
            }
        }
        return new ParseOutcome.Parsed(new Event(eventTime, RecentEventIds.hash(reading.text[id]), reading.text,
                reading.numbers, reading.present));
    }

    private ParseOutcome check(int slot, Reading reading) {
        if (!reading.has(slot)) {
            if (required[slot] || (requiredWhen[slot] != null && matches(requiredWhen[slot], reading))) {
                return missing(fields[slot].name());
            }
            if (fields[slot].defaultValue() != null) {
                reading.numbers[slot] = defaults[slot];
                reading.present |= 1L << slot;
            }
            return null;
        }
        String text = reading.text[slot];
        if (text == null) {
            return null; // not a string, or one nothing reads
        }
        if (kinds[slot] == ENUM && reading.numbers[slot] < 0) {
            return rejected(BadRecordReason.WRONG_TYPE, fields[slot].name() + " is not one of " + fields[slot].values());
        }
        if (patterns[slot] != null && !patterns[slot].matcher(text).matches()) {
            return rejected(BadRecordReason.WRONG_TYPE, fields[slot].name() + " does not match " + fields[slot].pattern());
        }
        if (cutAt[slot] != null || maxLength[slot] > 0) {
            reading.text[slot] = FieldValues.cut(text, cutAt[slot], maxLength[slot]);
        }
        return null;
    }

    private boolean matches(AggregatePlan.Match match, Reading reading) {
        if (!reading.has(match.slot())) {
            return false;
        }
        return match.enumField() ? (match.mask() >>> reading.numbers[match.slot()] & 1L) != 0
                : match.values().contains(reading.text[match.slot()]);
    }

    private static ParseOutcome wrongType(String field) {
        return rejected(BadRecordReason.WRONG_TYPE, field + " has the wrong JSON type");
    }

    private static ParseOutcome missing(String field) {
        return rejected(BadRecordReason.MISSING_FIELD, field + " is missing or null");
    }

    private static ParseOutcome rejected(BadRecordReason reason, String detail) {
        return new ParseOutcome.Rejected(reason, detail);
    }
}
