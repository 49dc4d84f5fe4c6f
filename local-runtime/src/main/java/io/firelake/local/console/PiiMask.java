package io.firelake.local.console;

import io.firelake.events.EventContract;
import io.firelake.events.schema.FieldSpec;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the event contract's personal fields ({@code "firelake.pii": true}, the client IP) in a sample of a failed
 * record before the console shows it. Works on text, not parsed JSON: a failed record is often not valid JSON.
 */
final class PiiMask {

    static final String MASK = "***";

    private final Pattern fields;

    private PiiMask(List<String> names) {
        String alternatives = names.stream().map(Pattern::quote).reduce((a, b) -> a + "|" + b).orElse("(?!)");
        this.fields = Pattern.compile("(\"(?:" + alternatives + ")\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"?|[^,}\\s]+)");
    }

    static PiiMask of(EventContract contract) {
        return new PiiMask(contract.raw().fields().stream().filter(FieldSpec::pii).map(FieldSpec::name).toList());
    }

    String mask(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = fields.matcher(text);
        return m.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + "\"" + MASK + "\""));
    }
}
