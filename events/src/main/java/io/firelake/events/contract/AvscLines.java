package io.firelake.events.contract;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line of a field in an {@code .avsc} file, for error messages: a JSON tree keeps no lines, so the text is searched
 * for each name of a dotted path ({@code location.floor}) in turn, each after the previous one.
 */
final class AvscLines {

    private AvscLines() {
    }

    /** The 1-based line of the path's last field, or 0 when it cannot be found. */
    static int lineOf(byte[] avsc, String path) {
        String text = new String(avsc, StandardCharsets.UTF_8);
        int at = 0;
        for (String name : path.split("\\.")) {
            Matcher m = Pattern.compile("\"name\"\\s*:\\s*\"" + Pattern.quote(name) + "\"").matcher(text);
            if (!m.find(at)) {
                return 0;
            }
            at = m.start();
        }
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
