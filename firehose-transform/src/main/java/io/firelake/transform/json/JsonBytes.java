package io.firelake.transform.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable buffer of JSON text as UTF-8 bytes, for the transform's two hot writers (the enriched line and the
 * Firehose response): they write straight into it instead of through a Jackson generator, with the escaping Jackson's
 * generator applies by default, so the bytes are the same. {@code "} and {@code \} are escaped, control characters as
 * {@code \b \t \n \f \r} or a backslash-u escape, each UTF-16 surrogate as a backslash-u escape (Jackson 2 does
 * not join pairs into 4 UTF-8 bytes), everything else raw UTF-8 unless asked to stay ASCII.
 */
public final class JsonBytes {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    /** Below this length the character loop is as fast as the bulk copy. */
    private static final int BULK_MIN = 16;

    private byte[] bytes = new byte[2048];
    private int length;

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    public void put(byte b) {
        ensure(1);
        bytes[length++] = b;
    }

    public void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
    }

    /** Characters known to be ASCII and to need no escaping: numbers, true, false. */
    public void ascii(String text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
    }

    public void quotedAscii(char[] text) {
        ensure(text.length + 2);
        bytes[length++] = '"';
        for (char c : text) {
            bytes[length++] = (byte) c;
        }
        bytes[length++] = '"';
    }

    public void number(double value) {
        if (Double.isFinite(value)) {
            ascii(Double.toString(value));
        } else {
            string(Double.toString(value));
        }
    }

    /**
     * A string known to be ASCII characters that JSON writes as they are (no quote, backslash or control character),
     * quoted: its bytes are copied straight from the string without a look (the byte reader saw them;
     * {@link #string} would check them again and make a copy to check, a sixth of the transform's core, issue 19).
     */
    @SuppressWarnings("deprecation") // the one JDK call that copies a Latin-1 string's bytes without a new array
    public void plainString(String text) {
        int n = text.length();
        ensure(n + 2);
        bytes[length] = '"';
        text.getBytes(0, n, bytes, length + 1);
        bytes[length + n + 1] = '"';
        length += n + 2;
    }

    /** A JSON string: quoted, escaped as Jackson escapes by default, UTF-8 encoded. */
    public void string(String text) {
        string(text, false);
    }

    /**
     * A JSON string, quoted and escaped as Jackson escapes: with {@code asciiOnly} every character from U+0080 up as
     * a backslash-u escape (Jackson's {@code ESCAPE_NON_ASCII}), otherwise those as UTF-8 bytes.
     */
    public void string(String text, boolean asciiOnly) {
        int n = text.length();
        ensure(n * 6 + 2);
        byte[] out = bytes;
        int at = length;
        out[at++] = '"';
        if (n >= BULK_MIN && plainAscii(text, out, at)) {
            out[at + n] = '"';
            length = at + n + 1;
            return;
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    out[at++] = (byte) c;
                } else {
                    at = escape(out, at, c);
                }
            } else if (asciiOnly) {
                at = unicodeEscape(out, at, c);
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | (c >> 6));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                out[at++] = (byte) (0xE0 | (c >> 12));
                out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else {
                // Jackson 2 escapes each UTF-16 surrogate (paired or not) as a backslash-u escape, not as 4 UTF-8 bytes.
                at = unicodeEscape(out, at, c);
            }
        }
        out[at++] = '"';
        length = at;
    }

    /**
     * Copies the text's bytes to {@code out[at..]} when it is ASCII that needs no escaping (most of an event's text):
     * the JDK copies a Latin-1 string's bytes in bulk, and eight bytes at a time are checked for a quote, a backslash,
     * a control character or a byte from 0x80 up (any of which sends the text through the character loop, which
     * overwrites what was copied). A character the Latin-1 encoder cannot map comes out as {@code ?}, so each
     * {@code ?} is checked against the text. The character loop was a fifth of the transform's core (issue 19).
     */
    private static boolean plainAscii(String text, byte[] out, int at) {
        byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);
        int n = latin1.length;
        long flags = 0;
        long questions = 0;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            long x = (long) LONGS.get(latin1, i);
            flags |= x | lessThan(x, 0x20) | zero(x ^ (ONES * '"')) | zero(x ^ (ONES * '\\'));
            questions |= zero(x ^ (ONES * '?'));
        }
        for (; i < n; i++) {
            byte b = latin1[i];
            if (b < 0x20 || b == '"' || b == '\\' || b == '?') {
                flags |= b < 0x20 || b == '"' || b == '\\' ? HIGHS : 0;
                questions |= b == '?' ? HIGHS : 0;
            }
        }
        if ((flags & HIGHS) != 0) {
            return false;
        }
        if ((questions & HIGHS) != 0) {
            for (int k = 0; k < n; k++) {
                if (latin1[k] == '?' && text.charAt(k) != '?') {
                    return false;
                }
            }
        }
        System.arraycopy(latin1, 0, out, at, n);
        return true;
    }

    /** The high bit is set in some byte when a byte is below {@code limit} (exact for bytes under 0x80). */
    private static long lessThan(long x, int limit) {
        return (x - ONES * limit) & ~x;
    }

    /** The high bit of each zero byte, exactly. */
    private static long zero(long x) {
        return ~(((x & ~HIGHS) + ~HIGHS) | x);
    }

    private static int escape(byte[] out, int at, char c) {
        out[at++] = '\\';
        switch (c) {
            case '"', '\\' -> out[at++] = (byte) c;
            case '\b' -> out[at++] = 'b';
            case '\t' -> out[at++] = 't';
            case '\n' -> out[at++] = 'n';
            case '\f' -> out[at++] = 'f';
            case '\r' -> out[at++] = 'r';
            default -> {
                return unicodeEscape(out, at - 1, c);
            }
        }
        return at;
    }

    private static int unicodeEscape(byte[] out, int at, char c) {
        out[at++] = '\\';
        out[at++] = 'u';
        out[at++] = HEX[(c >> 12) & 0xF];
        out[at++] = HEX[(c >> 8) & 0xF];
        out[at++] = HEX[(c >> 4) & 0xF];
        out[at++] = HEX[c & 0xF];
        return at;
    }

    public void reset() {
        length = 0;
    }

    /** A copy of what was written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    public void writeTo(java.io.OutputStream out) throws java.io.IOException {
        out.write(bytes, 0, length);
    }
}
