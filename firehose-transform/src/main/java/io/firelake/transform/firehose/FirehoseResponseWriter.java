package io.firelake.transform.firehose;

import io.firelake.transform.core.TransformResult;
import io.firelake.transform.json.JsonBytes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes the transformation response: {@code {"records":[{"recordId","result","data","metadata":{"partitionKeys":
 * {...}}}]}}. aws-lambda-java-events has no response type carrying {@code metadata}, which dynamic partitioning needs,
 * hence this writer. Non-ASCII characters are escaped so any record id round-trips byte for byte; the size is bounded
 * by {@link io.firelake.transform.core.ResponseBudget}. Written as bytes into a reused buffer (the same bytes a
 * Jackson generator with {@code ESCAPE_NON_ASCII} writes), then to the stream in one call.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning-partitioning-keys.html">Firehose dynamic partitioning with Lambda</a>
 */
public final class FirehoseResponseWriter {

    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final byte[] HEAD = ascii("{\"records\":[");
    private static final byte[] RECORD_ID = ascii("{\"recordId\":");
    private static final byte[] RESULT = ascii(",\"result\":");
    private static final byte[] DATA = ascii(",\"data\":\"");
    private static final byte[] PARTITION_KEYS = ascii(",\"metadata\":{\"partitionKeys\":{");
    private static final byte[] TAIL = ascii("]}");

    /** One buffer per thread, reused: a response is a few MB, written once per invocation. */
    private final ThreadLocal<JsonBytes> buffer = ThreadLocal.withInitial(JsonBytes::new);

    public void write(List<? extends TransformResult> results, OutputStream out) throws IOException {
        JsonBytes json = buffer.get();
        json.reset();
        json.put(HEAD);
        boolean first = true;
        for (TransformResult result : results) {
            if (!first) {
                json.put((byte) ',');
            }
            first = false;
            json.put(RECORD_ID);
            json.string(result.recordId(), true);
            json.put(RESULT);
            json.string(result.result(), true);
            json.put(DATA);
            // java.util.Base64 is a JIT intrinsic, and its alphabet needs no JSON escaping.
            json.put(BASE64.encode(result.data()));
            json.put((byte) '"');
            if (result instanceof TransformResult.Ok ok && !ok.partitionKeys().isEmpty()) {
                json.put(PARTITION_KEYS);
                boolean firstKey = true;
                for (Map.Entry<String, String> key : ok.partitionKeys().entrySet()) {
                    if (!firstKey) {
                        json.put((byte) ',');
                    }
                    firstKey = false;
                    json.string(key.getKey(), true);
                    json.put((byte) ':');
                    json.string(key.getValue(), true);
                }
                json.put((byte) '}');
                json.put((byte) '}');
            }
            json.put((byte) '}');
        }
        json.put(TAIL);
        json.writeTo(out);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
