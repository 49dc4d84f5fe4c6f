package io.firelake.events.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * One log line of a firelake Lambda: one JSON object, written with Jackson's streaming generator, so every value is
 * escaped by Jackson and CloudWatch Logs Insights discovers the fields without a parse pattern. The keys are the
 * caller's (each Lambda documents its own); this class owns only the format.
 *
 * <p>Here, in the pure event module both Lambdas depend on, because it needs nothing but jackson-core, which both
 * Lambda jars ship already: no logging framework, no weaving, nothing added to a cold start.
 *
 * <pre>{@code
 * log.accept(JsonLogLine.of(Level.WARN).put("msg", "bad record skipped").put("shard", shardId)
 *         .put("subsequence_number", 3).toJson());   // {"level":"WARN","msg":"bad record skipped",...}
 * }</pre>
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/java-logging.html">Lambda function logging in Java</a>
 */
public final class JsonLogLine {

    /** The {@code level} field: the severities CloudWatch metric filters and the docs use. */
    public enum Level { DEBUG, INFO, WARN, ERROR }

    private static final JsonFactory JSON = new JsonFactory();

    private final StringWriter out = new StringWriter(256);
    private final JsonGenerator json;

    private JsonLogLine(Level level) {
        try {
            json = JSON.createGenerator(out);
            json.writeStartObject();
            json.writeStringField("level", level.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line that starts with {@code "level"}. */
    public static JsonLogLine of(Level level) {
        return new JsonLogLine(level);
    }

    /** A string field; null is written as JSON null. */
    public JsonLogLine put(String key, String value) {
        try {
            json.writeStringField(key, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JsonLogLine put(String key, long value) {
        try {
            json.writeNumberField(key, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The line, without a line break. Ends the builder: call it once. */
    public String toJson() {
        try {
            json.writeEndObject();
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
