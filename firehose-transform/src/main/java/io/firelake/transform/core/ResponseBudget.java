package io.firelake.transform.core;

import java.util.Map;

/**
 * The size of a Firehose transformation response, computed without writing it, as an upper bound of what
 * {@code io.firelake.transform.firehose.FirehoseResponseWriter} emits (a test holds the two together).
 *
 * <p>Lambda returns at most 6 MB (6,291,456 bytes) from a synchronous invocation, and Firehose invokes the transform
 * synchronously. Enrichment makes records larger than they came in, so a full request can produce a response over
 * the limit, which would fail the whole batch and retry it forever with the same result.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html">Lambda quotas: 6 MB synchronous response</a>
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html">Firehose data transformation</a>
 */
public final class ResponseBudget {

    /** Lambda's synchronous invocation response limit. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

    /** {@code {"records":[} and {@code ]}}. */
    static final int ENVELOPE_BYTES = "{\"records\":[".length() + "]}".length();

    private ResponseBudget() {
    }

    /** Upper bound of the whole response for these results. */
    public static long responseBytes(Iterable<? extends TransformResult> results) {
        long total = ENVELOPE_BYTES;
        for (TransformResult result : results) {
            total += entryBytes(result);
        }
        return total;
    }

    /** Upper bound of one entry, including the comma that separates it from the next. */
    public static long entryBytes(TransformResult result) {
        return entryBytes(result, true);
    }

    /**
     * A looser bound that skips scanning the strings (6 bytes per character, the worst escape): cheap enough to run on
     * every batch, so the exact count is only needed when this one says the response might not fit.
     */
    static long roughEntryBytes(TransformResult result) {
        return entryBytes(result, false);
    }

    private static long entryBytes(TransformResult result, boolean exact) {
        long bytes = "{\"recordId\":".length() + string(result.recordId(), exact)
                + ",\"result\":".length() + 2 + result.result().length()
                + ",\"data\":".length() + 2 + base64Length(result.data().length)
                + "}".length() + ",".length();
        if (result instanceof TransformResult.Ok ok && !ok.partitionKeys().isEmpty()) {
            bytes += ",\"metadata\":{\"partitionKeys\":{".length() + "}}".length();
            for (Map.Entry<String, String> key : ok.partitionKeys().entrySet()) {
                bytes += string(key.getKey(), exact) + 1 + string(key.getValue(), exact) + 1;
            }
        }
        return bytes;
    }

    private static long string(String text, boolean exact) {
        return exact ? jsonString(text) : 2 + 6L * text.length();
    }

    static long base64Length(int bytes) {
        return 4L * ((bytes + 2) / 3);
    }

    /**
     * Upper bound of a JSON string literal, quotes included. The writer escapes every non-ASCII character as
     * {@code \\uXXXX} (so even a lone surrogate in a record id round-trips), hence 6 bytes for those and for controls.
     */
    static long jsonString(String text) {
        long bytes = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                bytes += 6;
            } else if (c == '"' || c == '\\') {
                bytes += 2;
            } else {
                bytes += 1;
            }
        }
        return bytes;
    }
}
