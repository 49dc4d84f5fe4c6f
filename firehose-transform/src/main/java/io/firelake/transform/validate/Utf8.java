package io.firelake.transform.validate;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 well-formedness. Jackson's parser tolerates some ill-formed sequences inside strings, and a lake of
 * mojibake is worse than an error prefix, so the JDK decoder checks every non-ASCII record with
 * {@link CodingErrorAction#REPORT} (overlong forms, surrogates and truncated sequences are all errors).
 */
final class Utf8 {

    private static final int CHUNK = 8192;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ThreadLocal<CharBuffer> SCRATCH = ThreadLocal.withInitial(() -> CharBuffer.allocate(CHUNK));

    private Utf8() {
    }

    static boolean wellFormed(byte[] data) {
        int i = 0;
        int n = data.length;
        // Most events are pure ASCII: a scan, eight bytes at a time, is far cheaper than a decode.
        for (; i + 8 <= n; i += 8) {
            if (((long) LONGS.get(data, i) & 0x8080808080808080L) != 0) {
                break;
            }
        }
        while (i < n && data[i] >= 0) {
            i++;
        }
        if (i == n) {
            return true;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data);
        CharBuffer out = SCRATCH.get();
        try {
            while (true) {
                out.clear();
                var result = decoder.decode(in, out, true);
                if (result.isError()) {
                    return false;
                }
                if (result.isUnderflow()) {
                    out.clear();
                    var flushed = decoder.flush(out);
                    return !flushed.isError();
                }
                // overflow: the scratch buffer is full, decode the next chunk into it
            }
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** No lone surrogates: a JSON escape like {@code \\uD800} decodes to a string that UTF-8 cannot encode. */
    static boolean pairedSurrogates(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        return true;
    }
}
