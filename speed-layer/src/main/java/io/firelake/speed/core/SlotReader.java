package io.firelake.speed.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.firelake.speed.core.spec.FieldSpec;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;

import static io.firelake.speed.core.Rejections.rejected;
import static io.firelake.speed.core.Rejections.wrongType;

/**
 * Reads the JSON value of one declared field into its slot of a {@link Reading}, checking its JSON type as the
 * transform does. What each slot does is decided once, as a {@code byte} kind, so the hot path is one switch with no
 * record lookups. Thread-safe (immutable).
 */
final class SlotReader {

    private static final byte SKIP_TEXT = 0;
    private static final byte TEXT = 1;
    private static final byte ENUM = 2;
    private static final byte INT = 3;
    private static final byte LONG = 4;
    private static final byte DECIMAL = 5;
    private static final byte DOUBLE = 6;
    private static final byte BOOLEAN = 7;
    private static final byte TIMESTAMP = 8;

    private final FieldSpec[] fields;
    private final byte[] kinds;
    private final boolean[] nullable;
    private final Map<String, Integer>[] enumIndexes;

    @SuppressWarnings("unchecked")
    SlotReader(AggregatePlan plan) {
        this.fields = plan.fields();
        this.kinds = new byte[fields.length];
        this.nullable = new boolean[fields.length];
        this.enumIndexes = new Map[fields.length];
        for (int slot = 0; slot < fields.length; slot++) {
            kinds[slot] = kind(fields[slot], plan.textNeeded(slot));
            nullable[slot] = fields[slot].nullable();
            enumIndexes[slot] = plan.enumIndex(slot);
        }
    }

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

    /** Null when the value was read (or is an allowed null), else the rejection. */
    ParseOutcome read(JsonParser parser, JsonToken value, int slot, Reading reading) throws IOException {
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
                Integer index = enumIndexes[slot].get(text);
                numbers[slot] = index == null ? -1 : index;
            }
            case INT, LONG -> {
                if (value != JsonToken.VALUE_NUMBER_INT || !fits(parser.getNumberType(), kinds[slot] == LONG)) {
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
                } else if (value == JsonToken.VALUE_NUMBER_INT && fits(parser.getNumberType(), true)) {
                    numbers[slot] = parser.getLongValue();
                } else {
                    return wrongType(fields[slot].name());
                }
            }
        }
        reading.set(slot);
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

    private static boolean fits(JsonParser.NumberType number, boolean isLong) {
        return number == JsonParser.NumberType.INT || (isLong && number == JsonParser.NumberType.LONG);
    }
}
