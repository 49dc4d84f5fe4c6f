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
    /** JSON keys to field slots (Integer) or to the keys inside a nested object (another map). */
    private final Map<String, Object> root = new HashMap<>();
    private final int id;
    private final int time;
    private final int type;
    private final int width;
    private final AggregatePlan.Match[] requiredWhen;
    private final boolean[] textNeeded;
    private final long[] defaults;
    /** The fields with a check after reading (required, default, values, pattern, cut), roles excluded, in order. */
    private final int[] checked;

    public DeclaredEventReader(AggregatePlan plan) {
        this.plan = plan;
        this.fields = plan.fields();
        for (int slot = 0; slot < fields.length; slot++) {
            Map<String, Object> node = root;
            for (int i = 0; i < fields[slot].path().size() - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) node.computeIfAbsent(
                        fields[slot].path().get(i).intern(), k -> new HashMap<String, Object>());
                node = child;
            }
            // Interned like the parser's field names (JsonFactory.Feature.INTERN_FIELD_NAMES): lookups hit by identity.
            node.put(fields[slot].path().get(fields[slot].path().size() - 1).intern(), slot);
        }
        this.id = plan.slot(plan.spec().idField());
        this.time = plan.slot(plan.spec().timeField());
        this.type = plan.slot(plan.spec().typeField());
        this.width = fields.length + plan.products().length;
        this.checked = java.util.stream.IntStream.range(0, fields.length)
                .filter(slot -> slot != id && slot != time && slot != type && hasChecks(fields[slot]))
                .toArray();
        this.requiredWhen = new AggregatePlan.Match[fields.length];
        this.textNeeded = new boolean[fields.length];
        this.defaults = new long[fields.length];
        for (int slot = 0; slot < fields.length; slot++) {
            requiredWhen[slot] = plan.match(fields[slot].requiredWhen());
            textNeeded[slot] = plan.textNeeded(slot);
            defaults[slot] = fields[slot].defaultValue() == null ? 0 : defaultNumber(fields[slot]);
        }
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
    private ParseOutcome readObject(JsonParser parser, Map<String, Object> node, Reading reading, boolean top)
            throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (top) {
                reading.topLevelFields++;
            }
            Object target = node.get(name);
            if (target instanceof Integer slot) {
                ParseOutcome bad = readValue(parser, value, slot, reading);
                if (bad != null) {
                    return bad;
                }
            } else if (target != null) {
                if (value == JsonToken.START_OBJECT) {
                    @SuppressWarnings("unchecked")
                    ParseOutcome bad = readObject(parser, (Map<String, Object>) target, reading, false);
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
        FieldSpec field = fields[slot];
        if (value == JsonToken.VALUE_NULL) {
            return field.nullable() ? null : wrongType(field.name());
        }
        long[] numbers = reading.numbers;
        switch (field.type()) {
            case STRING -> {
                if (value != JsonToken.VALUE_STRING) {
                    return wrongType(field.name());
                }
                if (!textNeeded[slot]) {
                    break; // present, of the right type, and nothing reads it
                }
                String text = parser.getText();
                reading.text[slot] = text;
                Map<String, Integer> index = plan.enumIndex(slot);
                if (index != null) {
                    Integer i = index.get(text);
                    numbers[slot] = i == null ? -1 : i;
                }
            }
            case INT, LONG -> {
                if (value != JsonToken.VALUE_NUMBER_INT || !fits(parser.getNumberType(), field.type())) {
                    return wrongType(field.name());
                }
                numbers[slot] = parser.getLongValue();
            }
            case DECIMAL -> {
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
            }
            case DOUBLE -> {
                if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
                    return wrongType(field.name());
                }
                numbers[slot] = Double.doubleToLongBits(parser.getDoubleValue());
            }
            case BOOLEAN -> {
                if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
                    return wrongType(field.name());
                }
                numbers[slot] = value == JsonToken.VALUE_TRUE ? 1 : 0;
            }
            case TIMESTAMP -> {
                if (value == JsonToken.VALUE_STRING) {
                    reading.text[slot] = parser.getText();
                } else if (value == JsonToken.VALUE_NUMBER_INT && fits(parser.getNumberType(), FieldType.LONG)) {
                    numbers[slot] = parser.getLongValue();
                } else {
                    return wrongType(field.name());
                }
            }
            default -> throw new IllegalStateException(field.type().name());
        }
        reading.present |= 1L << slot;
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
            ParseOutcome bad = check(fields[slot], slot, reading);
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

    private ParseOutcome check(FieldSpec field, int slot, Reading reading) {
        if (!reading.has(slot)) {
            if (field.required() || (requiredWhen[slot] != null && matches(requiredWhen[slot], reading))) {
                return missing(field.name());
            }
            if (field.defaultValue() != null) {
                reading.numbers[slot] = defaults[slot];
                reading.present |= 1L << slot;
            }
            return null;
        }
        String text = reading.text[slot];
        if (text == null || field.type() != FieldType.STRING) {
            return null;
        }
        if (field.isEnum() && reading.numbers[slot] < 0) {
            return rejected(BadRecordReason.WRONG_TYPE, field.name() + " is not one of " + field.values());
        }
        if (field.pattern() != null && !plan.pattern(slot).matcher(text).matches()) {
            return rejected(BadRecordReason.WRONG_TYPE, field.name() + " does not match " + field.pattern());
        }
        if (field.cutAt() != null || field.maxLength() > 0) {
            reading.text[slot] = cut(text, field.cutAt(), field.maxLength());
        }
        return null;
    }

    private static boolean hasChecks(FieldSpec field) {
        return field.required() || field.requiredWhen() != null || field.defaultValue() != null || field.isEnum()
                || field.pattern() != null || field.cutAt() != null || field.maxLength() > 0;
    }

    private boolean matches(AggregatePlan.Match match, Reading reading) {
        if (!reading.has(match.slot())) {
            return false;
        }
        return match.enumField() ? (match.mask() >>> reading.numbers[match.slot()] & 1L) != 0
                : match.values().contains(reading.text[match.slot()]);
    }

    private static long defaultNumber(FieldSpec field) {
        BigDecimal value = new BigDecimal(field.defaultValue());
        return switch (field.type()) {
            case DOUBLE -> Double.doubleToLongBits(value.doubleValue());
            case DECIMAL -> value.setScale(field.scale(), java.math.RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
            default -> value.longValueExact();
        };
    }

    /** The text up to the first of the {@code cutAt} characters, then at most {@code maxLength} chars. */
    static String cut(String text, String cutAt, int maxLength) {
        int end = text.length();
        if (cutAt != null) {
            for (int i = 0; i < end; i++) {
                if (cutAt.indexOf(text.charAt(i)) >= 0) {
                    end = i;
                    break;
                }
            }
        }
        if (maxLength > 0 && end > maxLength) {
            end = maxLength;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--; // never split a surrogate pair: the key must stay valid UTF-16
            }
        }
        return end == text.length() ? text : text.substring(0, end);
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
