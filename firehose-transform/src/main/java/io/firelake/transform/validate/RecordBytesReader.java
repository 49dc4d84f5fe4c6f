package io.firelake.transform.validate;

import io.firelake.events.schema.FieldSpec;
import io.firelake.events.schema.FieldType;
import io.firelake.events.time.IsoTimestamps;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The fast path of {@link RawJsonReader}: reads a record's top-level object straight from its UTF-8 bytes, matches
 * field names on bytes against the schema, and checks the common types while it tokenises (enum symbols matched on
 * bytes, UUIDs checked and lower-cased on bytes, ints and longs accumulated from digits), so the values it keeps are
 * already what {@link FieldConverter} would make of them. Jackson's parser, its name table and a {@code String} per
 * token were a third of the transform's core (issue 19).
 *
 * <p>A map or record field's object of scalars is read by the same rules into the map {@link RawJsonReader} makes.
 * It only ever accepts what Jackson accepts and yields the same values: anything it does not read plainly (an
 * escape, a control character, an array, an object inside an object, a number of 19 digits or more or with an
 * exponent, a repeated key, a health-check key, a syntax error, trailing content) answers {@link #NOT_READ} and the
 * record goes through {@link RawJsonReader}, which keeps every failure and its wording as before.
 */
final class RecordBytesReader {

    /** The record needs {@link RawJsonReader}. */
    static final long NOT_READ = -1L;

    /** What a read learnt beyond the values, for the validator and the enriched line. */
    static final class Marks {
        /** A bit per converted field whose value is a string of ASCII characters that JSON writes as they are. */
        long plain;
        /** A string (name, value, key) had a byte from 0x80 up: the record's UTF-8 must be checked. */
        boolean nonAscii;
    }

    private static final int MAX_UNKNOWN = 8;
    /** The largest record it reads: the flags below sit above every index of a record under 2^28 bytes. */
    static final int MAX_RECORD_BYTES = (1 << 28) - 1;
    /** Set in an index {@link #value} answers when it kept a converted value. */
    private static final int CONVERTED = 1 << 30;
    /** Set with {@link #CONVERTED} when the value kept is a string of ASCII characters JSON writes unescaped. */
    private static final int PLAIN = 1 << 28;
    private static final byte[] HEALTH_CHECK = RawJsonReader.HEALTH_CHECK_KEY.getBytes(StandardCharsets.UTF_8);

    private enum Check { NONE, STRING, UUID, ENUM, INT, LONG, BOOLEAN, DECIMAL, EVENT_TIME }

    private final byte[][] names;
    private final int[] slots;
    private final int slotMask;
    private final Check[] checks;
    private final byte[][][] symbolBytes;
    private final String[][] symbols;
    /** A decimal field's precision and scale (its first type's), for {@link JsonTokens#decimal}. */
    private final int[] precisions;
    private final int[] scales;

    /**
     * @param eventTimeIndex the event-time field: an ISO-8601 text in it is parsed here to epoch milliseconds (a
     *                       {@code Long}, as a number there is), or kept as text for {@link RecordValidator} to refuse
     */
    RecordBytesReader(FieldSpec[] fields, int eventTimeIndex) {
        int n = fields.length;
        this.names = new byte[n][];
        this.checks = new Check[n];
        this.symbolBytes = new byte[n][][];
        this.symbols = new String[n][];
        this.precisions = new int[n];
        this.scales = new int[n];
        int size = Integer.highestOneBit(Math.max(4, n * 4) - 1) << 1;
        this.slots = new int[size];
        this.slotMask = size - 1;
        java.util.Arrays.fill(slots, -1);
        for (int i = 0; i < n; i++) {
            names[i] = fields[i].name().getBytes(StandardCharsets.UTF_8);
            int slot = hash(names[i], 0, names[i].length) & slotMask;
            while (slots[slot] >= 0) {
                slot = (slot + 1) & slotMask;
            }
            slots[slot] = i;
            // Only a field's first type is checked here: a value it matches converts to it, whatever the others.
            checks[i] = i == eventTimeIndex ? Check.EVENT_TIME : i < 63 && !fields[i].types().isEmpty()
                    ? check(fields[i].types().get(0)) : Check.NONE;
            if (checks[i] == Check.DECIMAL) {
                precisions[i] = fields[i].types().get(0).precision();
                scales[i] = fields[i].types().get(0).scale();
            }
            if (checks[i] == Check.ENUM) {
                List<String> declared = fields[i].types().get(0).symbols();
                symbols[i] = declared.toArray(String[]::new);
                symbolBytes[i] = new byte[symbols[i].length][];
                for (int s = 0; s < symbols[i].length; s++) {
                    symbolBytes[i][s] = symbols[i][s].getBytes(StandardCharsets.UTF_8);
                }
            }
        }
    }

    private static Check check(FieldType type) {
        return switch (type.kind()) {
            case STRING -> Check.STRING;
            case UUID -> Check.UUID;
            case ENUM -> Check.ENUM;
            case INT -> Check.INT;
            case LONG, TIMESTAMP_MILLIS -> Check.LONG;
            case BOOLEAN -> Check.BOOLEAN;
            case DECIMAL -> type.precision() <= JsonTokens.MAX_LONG_DECIMAL_PRECISION ? Check.DECIMAL : Check.NONE;
            default -> Check.NONE;
        };
    }

    /**
     * Fills {@code parsed} as {@link RawJsonReader#read} would, and answers a bit per field (below 63) whose value is
     * already converted to the field's first type; or {@link #NOT_READ}, with {@code parsed} to be cleared and read
     * again by {@link RawJsonReader}. An answer other than NOT_READ means every string came from the bytes unescaped,
     * so none holds a lone surrogate.
     *
     * <p>Outside strings it accepts only ASCII, so a record read with no {@link Marks#nonAscii} is ASCII throughout.
     *
     * @param marks gets a bit per converted field whose value is a string of ASCII characters that JSON writes as
     *              they are (no quote, backslash or control character), which the enriched line copies without
     *              looking at them again; and whether any string had a byte from 0x80 up
     */
    long read(byte[] d, Object[] parsed, Marks marks) {
        int n = d.length;
        int i = JsonTokens.skipSpace(d, 0);
        if (i >= n || d[i] != '{') {
            return NOT_READ;
        }
        i = JsonTokens.skipSpace(d, i + 1);
        long converted = 0;
        long plain = 0;
        int nonAscii = 0;
        int[] unknown = null;
        int unknownCount = 0;
        int expected = 0;
        if (i < n && d[i] == '}') {
            return JsonTokens.skipSpace(d, i + 1) == n ? 0 : NOT_READ;
        }
        while (true) {
            if (i >= n || d[i] != '"') {
                return NOT_READ;
            }
            int nameStart = i + 1;
            int nameEnd = JsonTokens.plainStringEnd(d, nameStart);
            if (nameEnd < 0) {
                return NOT_READ;
            }
            nonAscii |= nameEnd & JsonTokens.NON_ASCII;
            nameEnd &= ~JsonTokens.NON_ASCII;
            i = JsonTokens.skipSpace(d, nameEnd + 1);
            if (i >= n || d[i] != ':') {
                return NOT_READ;
            }
            i = JsonTokens.skipSpace(d, i + 1);
            if (i >= n) {
                return NOT_READ;
            }
            int field = expected < names.length && equal(names[expected], d, nameStart, nameEnd)
                    ? expected : lookup(d, nameStart, nameEnd);
            int end;
            if (field < 0) {
                if (unknownCount == MAX_UNKNOWN || equal(HEALTH_CHECK, d, nameStart, nameEnd)) {
                    return NOT_READ;
                }
                if (unknown == null) {
                    unknown = new int[MAX_UNKNOWN * 2];
                }
                for (int k = 0; k < unknownCount; k++) {
                    if (equal(d, unknown[2 * k], unknown[2 * k + 1], d, nameStart, nameEnd)) {
                        return NOT_READ;
                    }
                }
                unknown[2 * unknownCount] = nameStart;
                unknown[2 * unknownCount + 1] = nameEnd;
                unknownCount++;
                end = JsonTokens.scalarEnd(d, i);
            } else {
                if (parsed[field] != null) {
                    return NOT_READ;
                }
                expected = field + 1;
                end = value(d, i, field, parsed);
                if (end > 0 && (end & CONVERTED) != 0) {
                    converted |= 1L << field;
                    if ((end & PLAIN) != 0) {
                        plain |= 1L << field;
                    }
                    end &= ~(CONVERTED | PLAIN);
                }
            }
            if (end < 0) {
                return NOT_READ;
            }
            nonAscii |= end & JsonTokens.NON_ASCII;
            end &= ~JsonTokens.NON_ASCII;
            i = JsonTokens.skipSpace(d, end);
            if (i >= n) {
                return NOT_READ;
            }
            if (d[i] == '}') {
                if (JsonTokens.skipSpace(d, i + 1) != n) {
                    return NOT_READ;
                }
                marks.plain = plain;
                marks.nonAscii = nonAscii != 0;
                return converted;
            }
            if (d[i] != ',') {
                return NOT_READ;
            }
            i = JsonTokens.skipSpace(d, i + 1);
        }
    }

    /**
     * Reads one value for {@code field} at {@code i} into {@code parsed}; answers the index after it, with
     * {@link #CONVERTED} set when the value kept is already the field's first type's conversion ({@link #PLAIN} too
     * for plain ASCII text) and {@link JsonTokens#NON_ASCII} for text with a byte from 0x80 up; or -1.
     */
    private int value(byte[] d, int i, int field, Object[] parsed) {
        byte b = d[i];
        Check check = checks[field];
        if (b == '"') {
            int start = i + 1;
            int quote = JsonTokens.plainStringEnd(d, start);
            if (quote < 0) {
                return -1;
            }
            int end = quote & ~JsonTokens.NON_ASCII;
            boolean ascii = quote == end;
            int nonAscii = quote & JsonTokens.NON_ASCII;
            if (check == Check.EVENT_TIME) {
                long millis = IsoTimestamps.parseOffsetMillis(d, start, end);
                parsed[field] = millis != IsoTimestamps.INVALID ? (Object) millis : JsonTokens.text(d, start, end, ascii);
                return (end + 1) | nonAscii;
            }
            String known = check == Check.ENUM ? symbol(d, start, end, field)
                    : check == Check.UUID ? JsonTokens.lowerUuid(d, start, end) : null;
            if (known != null || check == Check.STRING) {
                parsed[field] = known != null ? known : JsonTokens.text(d, start, end, ascii);
                return (end + 1) | CONVERTED | (ascii ? PLAIN : nonAscii);
            }
            parsed[field] = JsonTokens.text(d, start, end, ascii);
            return (end + 1) | nonAscii;
        }
        if (b == '-' || (b >= '0' && b <= '9')) {
            if (check == Check.DECIMAL) {
                int end = JsonTokens.decimal(d, i, parsed, field, precisions[field], scales[field]);
                if (end >= 0) {
                    return end | CONVERTED;
                }
            }
            int end = JsonTokens.number(d, i, parsed, field, check == Check.INT);
            Object number = parsed[field];
            boolean done = check == Check.INT ? number instanceof Integer
                    : check == Check.LONG && number instanceof Long;
            return end >= 0 && done ? end | CONVERTED : end;
        }
        if (b == '{') {
            return JsonTokens.object(d, i, parsed, field);
        }
        int end = JsonTokens.literalEnd(d, i);
        if (end < 0) {
            return -1;
        }
        Object literal = switch (b) {
            case 't' -> Boolean.TRUE;
            case 'f' -> Boolean.FALSE;
            default -> RawJsonReader.NULL;
        };
        parsed[field] = literal;
        return literal instanceof Boolean && check == Check.BOOLEAN ? end | CONVERTED : end;
    }

    /** The enum's own symbol spelled by the bytes, or null. */
    private String symbol(byte[] d, int start, int end, int field) {
        byte[][] candidates = symbolBytes[field];
        for (int s = 0; s < candidates.length; s++) {
            if (equal(candidates[s], d, start, end)) {
                return symbols[field][s];
            }
        }
        return null;
    }

    private int lookup(byte[] d, int start, int end) {
        int slot = hash(d, start, end) & slotMask;
        while (true) {
            int field = slots[slot];
            if (field < 0) {
                return -1;
            }
            if (equal(names[field], d, start, end)) {
                return field;
            }
            slot = (slot + 1) & slotMask;
        }
    }

    private static int hash(byte[] d, int start, int end) {
        int h = end - start;
        for (int k = start; k < end; k++) {
            h = 31 * h + d[k];
        }
        return h ^ (h >>> 16);
    }

    private static boolean equal(byte[] word, byte[] d, int start, int end) {
        return java.util.Arrays.equals(word, 0, word.length, d, start, end);
    }

    private static boolean equal(byte[] a, int aStart, int aEnd, byte[] b, int bStart, int bEnd) {
        return java.util.Arrays.equals(a, aStart, aEnd, b, bStart, bEnd);
    }
}
