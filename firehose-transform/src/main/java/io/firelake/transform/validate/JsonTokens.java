package io.firelake.transform.validate;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The byte-level JSON tokens of {@link RecordBytesReader}: whitespace, plain strings (no escapes, no control
 * characters), numbers, literals and objects of scalars, each read strictly or refused (-1) so the record can go to
 * Jackson. Input may be ill-formed UTF-8: every string with a byte from 0x80 up is marked {@link #NON_ASCII}, and the
 * validator checks such a record's UTF-8 before it keeps anything read from it.
 */
final class JsonTokens {

    /** The largest decimal precision whose unscaled values all fit a {@code long}. */
    static final int MAX_LONG_DECIMAL_PRECISION = 18;
    /** Set in the index {@link #plainStringEnd} answers when the string has a byte from 0x80 up. */
    static final int NON_ASCII = 1 << 29;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private static final byte UPPER = 1;
    private static final byte NOT_HEX = 2;
    /** Per byte: 0 for 0-9, a-f and the dash, {@link #UPPER} for A-F, {@link #NOT_HEX} for the rest. */
    private static final byte[] HEX = new byte[256];

    static {
        java.util.Arrays.fill(HEX, NOT_HEX);
        for (int c = '0'; c <= '9'; c++) {
            HEX[c] = 0;
        }
        for (int c = 'a'; c <= 'f'; c++) {
            HEX[c] = 0;
            HEX[c - 'a' + 'A'] = UPPER;
        }
        HEX['-'] = 0;
    }

    private JsonTokens() {
    }

    /** A canonical 8-4-4-4-12 hex UUID, lower-cased; null when the bytes are not one ({@link Uuids#canonical}). */
    static String lowerUuid(byte[] d, int start, int end) {
        if (end - start != 36 || d[start + 8] != '-' || d[start + 13] != '-' || d[start + 18] != '-'
                || d[start + 23] != '-') {
            return null;
        }
        int kinds = 0;
        for (int k = start; k < end; k++) {
            kinds |= HEX[d[k] & 0xFF];
        }
        // The table lets a dash pass anywhere: with the four in place checked, a count of four rules out any other.
        if ((kinds & NOT_HEX) != 0 || dashes(d, start, end) != 4) {
            return null;
        }
        if ((kinds & UPPER) == 0) {
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

    private static int dashes(byte[] d, int start, int end) {
        int count = 0;
        for (int k = start; k < end; k++) {
            count += d[k] == '-' ? 1 : 0;
        }
        return count;
    }

    static String text(byte[] d, int start, int end, boolean ascii) {
        return new String(d, start, end - start, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /**
     * A JSON number as Jackson types it into {@code out[index]}: a {@code Long} (an {@code Integer} when
     * {@code asInt} and it fits) for an integer under 19 digits, a {@code BigDecimal} for a plain fraction; the index
     * after it, or -1 for anything else (exponents, longer numbers, syntax errors).
     */
    static int number(byte[] d, int i, Object[] out, int index, boolean asInt) {
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
            out[index] = new BigDecimal(new String(d, start, i - start, StandardCharsets.ISO_8859_1));
            return i;
        }
        long signed = negative ? -value : value;
        out[index] = asInt && signed >= Integer.MIN_VALUE && signed <= Integer.MAX_VALUE ? (Object) (int) signed
                : (Object) signed;
        return i;
    }

    /**
     * A JSON number that fits {@code decimal(precision, scale)} (precision up to
     * {@link #MAX_LONG_DECIMAL_PRECISION}) without rounding, as {@link FieldConverter} converts it: a
     * {@code BigDecimal} at the scale, made from its digits without the text, the trailing zeros and the rescaling
     * that cost a tenth of the transform's core on a clickstream batch (issue 19). The index after it, or -1 for
     * anything else (exponents, too many digits either side, a zero where the type has no integer digit, over 40
     * characters, syntax), which the generic path then judges as before.
     */
    static int decimal(byte[] d, int i, Object[] out, int index, int precision, int scale) {
        int n = d.length;
        int start = i;
        boolean negative = d[i] == '-';
        if (negative) {
            i++;
        }
        int integerStart = i;
        long unscaled = 0;
        while (i < n && d[i] >= '0' && d[i] <= '9' && i - integerStart < MAX_LONG_DECIMAL_PRECISION) {
            unscaled = unscaled * 10 + (d[i] - '0');
            i++;
        }
        int integerDigits = i - integerStart;
        if (integerDigits == 0 || (integerDigits > 1 && d[integerStart] == '0')
                || (i < n && d[i] >= '0' && d[i] <= '9')) {
            return -1;
        }
        // JSON allows a leading zero only alone, and a lone 0 has no significant digit.
        int significant = unscaled == 0 ? 0 : integerDigits;
        if (significant > precision - scale) {
            return -1;
        }
        int kept = 0;
        if (i < n && d[i] == '.') {
            int fraction = ++i;
            int lastNonZero = fraction - 1;
            while (i < n && d[i] >= '0' && d[i] <= '9') {
                if (d[i] != '0') {
                    lastNonZero = i;
                }
                i++;
            }
            kept = lastNonZero - fraction + 1;
            if (i == fraction || kept > scale) {
                return -1;
            }
            for (int k = fraction; k <= lastNonZero; k++) {
                unscaled = unscaled * 10 + (d[k] - '0');
            }
        }
        // FieldConverter counts a zero as one integer digit; past 40 characters the generic path asks Jackson.
        if ((i < n && (d[i] == 'e' || d[i] == 'E')) || (unscaled == 0 && precision - scale < 1) || i - start > 40) {
            return -1;
        }
        for (int k = kept; k < scale; k++) {
            unscaled *= 10;
        }
        out[index] = BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
        return i;
    }

    /**
     * An object of scalars as {@link RawJsonReader} keeps it for a map or record field: a {@code LinkedHashMap} in key
     * order of the values as Jackson types them (Long, BigDecimal, String, Boolean, NULL), checked by the field's
     * rules afterwards. A value nested in it, or a repeated key, is left to {@link RawJsonReader}. The index after it
     * has {@link #NON_ASCII} set when a key or a string in it has a byte from 0x80 up.
     */
    static int object(byte[] d, int i, Object[] parsed, int field) {
        int n = d.length;
        int nonAscii = 0;
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
            nonAscii |= quote & NON_ASCII;
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
            nonAscii |= end & NON_ASCII;
            i = skipSpace(d, end & ~NON_ASCII);
            if (i < n && d[i] == '}') {
                parsed[field] = entries;
                return (i + 1) | nonAscii;
            }
            if (i >= n || d[i] != ',') {
                return -1;
            }
            i = skipSpace(d, i + 1);
        }
        return -1;
    }

    /** A scalar as Jackson types it into {@code value[0]}; the index after it (with {@link #NON_ASCII}), or -1. */
    static int scalar(byte[] d, int i, Object[] value) {
        byte b = d[i];
        if (b == '"') {
            int quote = plainStringEnd(d, i + 1);
            if (quote < 0) {
                return -1;
            }
            int end = quote & ~NON_ASCII;
            value[0] = text(d, i + 1, end, quote == end);
            return (end + 1) | (quote & NON_ASCII);
        }
        if (b == '-' || (b >= '0' && b <= '9')) {
            return number(d, i, value, 0, false);
        }
        int end = literalEnd(d, i);
        if (end >= 0) {
            value[0] = b == 't' ? Boolean.TRUE : b == 'f' ? Boolean.FALSE : RawJsonReader.NULL;
        }
        return end;
    }

    /**
     * The index after an unknown field's scalar value, checked as strictly as a field's value, with {@link #NON_ASCII}
     * set for a string with a byte from 0x80 up; or -1.
     */
    static int scalarEnd(byte[] d, int i) {
        byte b = d[i];
        if (b == '"') {
            int end = plainStringEnd(d, i + 1);
            return end < 0 ? -1 : ((end & ~NON_ASCII) + 1) | (end & NON_ASCII);
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
    static int literalEnd(byte[] d, int i) {
        byte[] word = switch (d[i]) {
            case 't' -> TRUE;
            case 'f' -> FALSE;
            case 'n' -> NULL;
            default -> null;
        };
        if (word == null || !java.util.Arrays.equals(word, 0, word.length, d, i, Math.min(d.length, i + word.length))) {
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
    static int plainStringEnd(byte[] d, int i) {
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

    static int skipSpace(byte[] d, int i) {
        while (i < d.length) {
            byte b = d[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return i;
            }
            i++;
        }
        return i;
    }
}
