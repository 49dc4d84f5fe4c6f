package io.firelake.transform.validate;

import io.firelake.events.schema.FieldSpec;
import io.firelake.events.schema.FieldType;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast path of {@link RawJsonReader}: reads a record's top-level object straight from its UTF-8 bytes, matches
 * field names on bytes against the schema, and checks the common types while it tokenises (enum symbols matched on
 * bytes, UUIDs checked and lower-cased on bytes, ints and longs accumulated from digits), so the values it keeps are
 * already what {@link FieldConverter} would make of them. Jackson's parser, its name table and a {@code String} per
 * token were a third of the transform's core (issue 19).
 *
 * <p>A map or record field's object of scalars is read by the same rules into the map {@link RawJsonReader} makes.
 * It only ever accepts what Jackson accepts and yields the same values: anything it does not read plainly (an
 * escape, a control character, an array, an object inside an object, a number of 19 digits or more or with an exponent, a
 * repeated key, a health-check key, a syntax error, trailing content) answers {@link #NOT_READ} and the record goes
 * through {@link RawJsonReader}, which keeps every failure and its wording as before.
 */
final class RecordBytesReader {

    /** The record needs {@link RawJsonReader}. */
    static final long NOT_READ = -1L;

    private static final int MAX_UNKNOWN = 8;
    /** Set in an index {@link #value} answers when it kept a converted value (records are under 2^30 bytes). */
    private static final int CONVERTED = 1 << 30;
    /** Set in the index {@link #plainStringEnd} answers when the string has a byte from 0x80 up. */
    private static final int NON_ASCII = 1 << 29;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final byte[] HEALTH_CHECK = RawJsonReader.HEALTH_CHECK_KEY.getBytes(StandardCharsets.UTF_8);

    private enum Check { NONE, STRING, UUID, ENUM, INT, LONG, BOOLEAN }

    private final byte[][] names;
    private final int[] slots;
    private final int slotMask;
    private final Check[] checks;
    private final byte[][][] symbolBytes;
    private final String[][] symbols;

    /** @param eventTimeIndex the event-time field, whose raw value {@link RecordValidator} reads itself */
    RecordBytesReader(FieldSpec[] fields, int eventTimeIndex) {
        int n = fields.length;
        this.names = new byte[n][];
        this.checks = new Check[n];
        this.symbolBytes = new byte[n][][];
        this.symbols = new String[n][];
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
            // Only a field's first type is checked here: a value it matches converts to it whatever the other types are.
            checks[i] = i < 63 && i != eventTimeIndex && !fields[i].types().isEmpty()
                    ? check(fields[i].types().get(0)) : Check.NONE;
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
            default -> Check.NONE;
        };
    }

    /**
     * Fills {@code parsed} as {@link RawJsonReader#read} would, and answers a bit per field (below 63) whose value is
     * already converted to the field's first type; or {@link #NOT_READ}, with {@code parsed} to be cleared and read
     * again by {@link RawJsonReader}. An answer other than NOT_READ means every string came from the bytes unescaped,
     * so none holds a lone surrogate.
     */
    long read(byte[] d, Object[] parsed) {
        int n = d.length;
        int i = skipSpace(d, 0);
        if (i >= n || d[i] != '{') {
            return NOT_READ;
        }
        i = skipSpace(d, i + 1);
        long converted = 0;
        int[] unknown = null;
        int unknownCount = 0;
        int expected = 0;
        if (i < n && d[i] == '}') {
            return skipSpace(d, i + 1) == n ? 0 : NOT_READ;
        }
        while (true) {
            if (i >= n || d[i] != '"') {
                return NOT_READ;
            }
            int nameStart = i + 1;
            int nameEnd = plainStringEnd(d, nameStart);
            if (nameEnd < 0) {
                return NOT_READ;
            }
            nameEnd &= ~NON_ASCII;
            i = skipSpace(d, nameEnd + 1);
            if (i >= n || d[i] != ':') {
                return NOT_READ;
            }
            i = skipSpace(d, i + 1);
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
                end = scalarEnd(d, i);
            } else {
                if (parsed[field] != null) {
                    return NOT_READ;
                }
                expected = field + 1;
                end = value(d, i, field, parsed);
                if (end > 0 && (end & CONVERTED) != 0) {
                    converted |= 1L << field;
                    end &= ~CONVERTED;
                }
            }
            if (end < 0) {
                return NOT_READ;
            }
            i = skipSpace(d, end);
            if (i >= n) {
                return NOT_READ;
            }
            if (d[i] == '}') {
                return skipSpace(d, i + 1) == n ? converted : NOT_READ;
            }
            if (d[i] != ',') {
                return NOT_READ;
            }
            i = skipSpace(d, i + 1);
        }
    }

    /**
     * Reads one value for {@code field} at {@code i} into {@code parsed}; answers the index after it, with
     * {@link #CONVERTED} set when the value kept is already the field's first type's conversion; or -1.
     */
    private int value(byte[] d, int i, int field, Object[] parsed) {
        byte b = d[i];
        Check check = checks[field];
        if (b == '"') {
            int start = i + 1;
            int quote = plainStringEnd(d, start);
            if (quote < 0) {
                return -1;
            }
            int end = quote & ~NON_ASCII;
            boolean ascii = quote == end;
            String known = check == Check.ENUM ? symbol(d, start, end, field)
                    : check == Check.UUID ? lowerUuid(d, start, end) : null;
            if (known != null || check == Check.STRING) {
                parsed[field] = known != null ? known : text(d, start, end, ascii);
                return (end + 1) | CONVERTED;
            }
            parsed[field] = text(d, start, end, ascii);
            return end + 1;
        }
        if (b == '-' || (b >= '0' && b <= '9')) {
            return number(d, i, check, parsed, field);
        }
        if (b == '{') {
            return object(d, i, parsed, field);
        }
        int end = literalEnd(d, i);
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

    /** A canonical 8-4-4-4-12 hex UUID, lower-cased; null when the bytes are not one ({@link Uuids#canonical}). */
    private static String lowerUuid(byte[] d, int start, int end) {
        if (end - start != 36 || d[start + 8] != '-' || d[start + 13] != '-' || d[start + 18] != '-'
                || d[start + 23] != '-') {
            return null;
        }
        boolean upper = false;
        for (int k = start; k < end; k++) {
            byte c = d[k];
            if (c >= 'A' && c <= 'F') {
                upper = true;
            } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))
                    && !(c == '-' && (k - start == 8 || k - start == 13 || k - start == 18 || k - start == 23))) {
                return null;
            }
        }
        if (!upper) {
            return new String(d, start, 36, StandardCharsets.ISO_8859_1);
        }
        byte[] lower = java.util.Arrays.copyOfRange(d, start, end);
        for (int k = 0; k < 36; k++) {
            if (lower[k] >= 'A' && lower[k] <= 'F') {
                lower[k] += 'a' - 'A';
            }
        }
        return new String(lower, StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] d, int start, int end, boolean ascii) {
        return new String(d, start, end - start, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /**
     * A JSON number as Jackson types it: a {@code Long} (an {@code Integer} when the field takes an int and it fits)
     * for an integer under 19 digits, a {@code BigDecimal} for a plain fraction; anything else is not read here.
     */
    private static int number(byte[] d, int i, Check check, Object[] parsed, int field) {
        int n = d.length;
        int start = i;
        boolean negative = d[i] == '-';
        if (negative) {
            i++;
        }
        int digitsStart = i;
        long value = 0;
        while (i < n && d[i] >= '0' && d[i] <= '9') {
            value = value * 10 + (d[i] - '0');
            i++;
        }
        int digits = i - digitsStart;
        if (digits == 0 || digits >= 19 || (digits > 1 && d[digitsStart] == '0')) {
            return -1;
        }
        if (i < n && (d[i] == 'e' || d[i] == 'E')) {
            return -1;
        }
        if (i < n && d[i] == '.') {
            int fraction = ++i;
            while (i < n && d[i] >= '0' && d[i] <= '9') {
                i++;
            }
            if (i == fraction || i - start > 40 || (i < n && (d[i] == 'e' || d[i] == 'E'))) {
                return -1;
            }
            parsed[field] = new BigDecimal(new String(d, start, i - start, StandardCharsets.ISO_8859_1));
            return i;
        }
        long signed = negative ? -value : value;
        if (check == Check.INT && signed >= Integer.MIN_VALUE && signed <= Integer.MAX_VALUE) {
            parsed[field] = (int) signed;
            return i | CONVERTED;
        }
        parsed[field] = signed;
        return check == Check.LONG ? i | CONVERTED : i;
    }

    /**
     * An object of scalars as {@link RawJsonReader} keeps it for a map or record field: a {@code LinkedHashMap} in key
     * order of the values as Jackson types them (Long, BigDecimal, String, Boolean, NULL), checked by the field's
     * rules afterwards. A value nested in it, or a repeated key, is left to {@link RawJsonReader}.
     */
    private static int object(byte[] d, int i, Object[] parsed, int field) {
        int n = d.length;
        Map<String, Object> entries = new LinkedHashMap<>();
        Object[] value = new Object[1];
        i = skipSpace(d, i + 1);
        if (i < n && d[i] == '}') {
            parsed[field] = entries;
            return i + 1;
        }
        while (i < n && d[i] == '"') {
            int quote = plainStringEnd(d, i + 1);
            if (quote < 0) {
                return -1;
            }
            int nameEnd = quote & ~NON_ASCII;
            String name = text(d, i + 1, nameEnd, quote == nameEnd);
            i = skipSpace(d, nameEnd + 1);
            if (i >= n || d[i] != ':') {
                return -1;
            }
            i = skipSpace(d, i + 1);
            if (i >= n) {
                return -1;
            }
            int end = scalar(d, i, value);
            if (end < 0 || entries.put(name, value[0]) != null) {
                return -1;
            }
            i = skipSpace(d, end);
            if (i < n && d[i] == '}') {
                parsed[field] = entries;
                return i + 1;
            }
            if (i >= n || d[i] != ',') {
                return -1;
            }
            i = skipSpace(d, i + 1);
        }
        return -1;
    }

    /** A scalar as Jackson types it into {@code value[0]}; the index after it, or -1. */
    private static int scalar(byte[] d, int i, Object[] value) {
        byte b = d[i];
        if (b == '"') {
            int quote = plainStringEnd(d, i + 1);
            if (quote < 0) {
                return -1;
            }
            int end = quote & ~NON_ASCII;
            value[0] = text(d, i + 1, end, quote == end);
            return end + 1;
        }
        if (b == '-' || (b >= '0' && b <= '9')) {
            return number(d, i, Check.NONE, value, 0) & ~CONVERTED;
        }
        int end = literalEnd(d, i);
        if (end >= 0) {
            value[0] = b == 't' ? Boolean.TRUE : b == 'f' ? Boolean.FALSE : RawJsonReader.NULL;
        }
        return end;
    }

    /** The index after an unknown field's scalar value, checked as strictly as {@link #value} reads one; or -1. */
    private static int scalarEnd(byte[] d, int i) {
        byte b = d[i];
        if (b == '"') {
            int end = plainStringEnd(d, i + 1);
            return end < 0 ? -1 : (end & ~NON_ASCII) + 1;
        }
        if (b == '-' || (b >= '0' && b <= '9')) {
            int n = d.length;
            int start = i;
            if (b == '-') {
                i++;
            }
            int digitsStart = i;
            while (i < n && d[i] >= '0' && d[i] <= '9') {
                i++;
            }
            int digits = i - digitsStart;
            if (digits == 0 || digits > 100 || (digits > 1 && d[digitsStart] == '0')) {
                return -1;
            }
            if (i < n && d[i] == '.') {
                int fraction = ++i;
                while (i < n && d[i] >= '0' && d[i] <= '9') {
                    i++;
                }
                if (i == fraction) {
                    return -1;
                }
            }
            return i < n && (d[i] == 'e' || d[i] == 'E') || i - start > 100 ? -1 : i;
        }
        return literalEnd(d, i);
    }

    /** The index after {@code true}, {@code false} or {@code null}, followed by a delimiter; or -1. */
    private static int literalEnd(byte[] d, int i) {
        byte[] word = switch (d[i]) {
            case 't' -> TRUE;
            case 'f' -> FALSE;
            case 'n' -> NULL;
            default -> null;
        };
        if (word == null || !equal(word, d, i, Math.min(d.length, i + word.length))) {
            return -1;
        }
        int end = i + word.length;
        if (end < d.length) {
            byte next = d[end];
            if (!(next == ',' || next == '}' || next == ' ' || next == '\t' || next == '\n' || next == '\r')) {
                return -1;
            }
        }
        return end;
    }

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    /**
     * The index of the closing quote of a string without escapes or control characters, with {@link #NON_ASCII} set
     * when a byte from 0x80 up came before it; or -1. Eight bytes at a time while none is special.
     */
    private static int plainStringEnd(byte[] d, int i) {
        int n = d.length;
        int nonAscii = 0;
        for (; i + 8 <= n; i += 8) {
            long x = (long) LONGS.get(d, i);
            long special = ((x - ONES * 0x20) & ~x) | zero(x ^ (ONES * '"')) | zero(x ^ (ONES * '\\'));
            if ((x & HIGHS) != 0) {
                nonAscii = NON_ASCII;
            }
            if ((special & HIGHS) != 0) {
                break;
            }
        }
        for (; i < n; i++) {
            byte b = d[i];
            if (b == '"') {
                return i | nonAscii;
            }
            if (b == '\\' || (b >= 0 && b < 0x20)) {
                return -1;
            }
            if (b < 0) {
                nonAscii = NON_ASCII;
            }
        }
        return -1;
    }

    /** The high bit of each zero byte, exactly. */
    private static long zero(long x) {
        return ~(((x & ~HIGHS) + ~HIGHS) | x);
    }

    private static int skipSpace(byte[] d, int i) {
        while (i < d.length) {
            byte b = d[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return i;
            }
            i++;
        }
        return i;
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
