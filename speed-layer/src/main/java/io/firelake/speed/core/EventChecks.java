package io.firelake.speed.core;

import io.firelake.events.time.IsoTimestamps;
import io.firelake.speed.core.spec.FieldSpec;

import static io.firelake.speed.core.Rejections.missing;
import static io.firelake.speed.core.Rejections.rejected;

/**
 * The checks that need the whole event once its fields are read, in the order the transform makes them: id, type,
 * time, then each declared field (required, required_when, default, enum values, pattern, cut), then the products of
 * sums with {@code times}. Thread-safe (immutable).
 */
final class EventChecks {

    private final AggregatePlan plan;
    private final FieldSpec[] fields;
    private final int id;
    private final int time;
    private final int type;
    /** The fields with a check after reading, roles excluded, in order. */
    private final int[] checked;
    private final boolean[] required;
    private final AggregatePlan.Match[] requiredWhen;
    private final boolean[] hasDefault;
    private final long[] defaults;
    private final boolean[] isEnum;
    private final TextPattern[] patterns;
    private final String[] cutAt;
    private final int[] maxLength;

    EventChecks(AggregatePlan plan) {
        this.plan = plan;
        this.fields = plan.fields();
        this.id = plan.slot(plan.spec().idField());
        this.time = plan.slot(plan.spec().timeField());
        this.type = plan.slot(plan.spec().typeField());
        this.checked = java.util.stream.IntStream.range(0, fields.length)
                .filter(slot -> slot != id && slot != time && slot != type && FieldValues.hasChecks(fields[slot]))
                .toArray();
        int n = fields.length;
        this.required = new boolean[n];
        this.requiredWhen = new AggregatePlan.Match[n];
        this.hasDefault = new boolean[n];
        this.defaults = new long[n];
        this.isEnum = new boolean[n];
        this.patterns = new TextPattern[n];
        this.cutAt = new String[n];
        this.maxLength = new int[n];
        for (int slot = 0; slot < n; slot++) {
            FieldSpec field = fields[slot];
            required[slot] = field.required();
            requiredWhen[slot] = plan.match(field.requiredWhen());
            hasDefault[slot] = field.defaultValue() != null;
            defaults[slot] = hasDefault[slot] ? FieldValues.defaultNumber(field) : 0;
            isEnum[slot] = field.type() == io.firelake.speed.core.spec.FieldType.STRING && field.isEnum();
            patterns[slot] = plan.pattern(slot);
            cutAt[slot] = field.cutAt();
            maxLength[slot] = field.maxLength();
        }
    }

    ParseOutcome validate(Reading reading) {
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
            if (hasDefault[slot]) {
                reading.numbers[slot] = defaults[slot];
                reading.set(slot);
            }
            return null;
        }
        String text = reading.text[slot];
        if (text == null) {
            return null; // not a string, or one nothing reads
        }
        if (isEnum[slot] && reading.numbers[slot] < 0) {
            return rejected(BadRecordReason.WRONG_TYPE, fields[slot].name() + " is not one of " + fields[slot].values());
        }
        if (patterns[slot] != null && !patterns[slot].matches(text)) {
            return rejected(BadRecordReason.WRONG_TYPE, fields[slot].name() + " does not match " + fields[slot].pattern());
        }
        if (cutAt[slot] != null || maxLength[slot] > 0) {
            reading.text[slot] = FieldValues.cut(text, cutAt[slot], maxLength[slot]);
        }
        return null;
    }

    private static boolean matches(AggregatePlan.Match match, Reading reading) {
        if (!reading.has(match.slot())) {
            return false;
        }
        return match.enumField() ? (match.mask() >>> reading.numbers[match.slot()] & 1L) != 0
                : match.values().contains(reading.text[match.slot()]);
    }
}
