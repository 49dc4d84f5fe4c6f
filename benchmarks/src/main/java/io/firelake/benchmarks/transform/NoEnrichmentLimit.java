package io.firelake.benchmarks.transform;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.firelake.transform.core.InputRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The same work as the transform without validation or enrichment: what a Firehose transform cannot go faster than.
 * Every record is base64-decoded, parsed as JSON token by token, written back as JSON plus a newline, and base64-encoded
 * into a response that answers every recordId {@code Ok}; a record that does not parse is echoed unchanged, as the
 * transform echoes a failed one. Streaming Jackson throughout (no trees), the library the transform uses.
 */
public final class NoEnrichmentLimit {

    private final JsonFactory json = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);

    /** The wire path: a Firehose request in, a response out. */
    public void handle(InputStream request, OutputStream response) throws IOException {
        try (JsonParser parser = json.createParser(request);
             JsonGenerator out = json.createGenerator(response, JsonEncoding.UTF8)) {
            out.writeStartObject();
            out.writeArrayFieldStart("records");
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (!name.equals("records")) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    String recordId = null;
                    byte[] data = null;
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String field = parser.currentName();
                        parser.nextToken();
                        switch (field) {
                            case "recordId" -> recordId = parser.getText();
                            case "data" -> data = Base64.getDecoder().decode(parser.getText());
                            default -> parser.skipChildren();
                        }
                    }
                    out.writeStartObject();
                    out.writeStringField("recordId", recordId);
                    out.writeStringField("result", "Ok");
                    out.writeFieldName("data");
                    // The same encoding the transform's response writer uses (the JDK's intrinsic), so the limit stays
                    // the fastest way to do the job.
                    byte[] base64 = Base64.getEncoder().encode(rewrite(data));
                    out.writeRawUTF8String(base64, 0, base64.length);
                    out.writeEndObject();
                }
            }
            out.writeEndArray();
            out.writeEndObject();
        }
    }

    /** The core path: decoded records in, one JSON line per record out. */
    public List<byte[]> apply(List<InputRecord> records) {
        List<byte[]> lines = new ArrayList<>(records.size());
        for (InputRecord record : records) {
            lines.add(rewrite(record.data()));
        }
        return lines;
    }

    /** Parse and write one record; the original bytes if it is not JSON (or not UTF-8). */
    byte[] rewrite(byte[] data) {
        line.reset();
        try (JsonParser parser = json.createParser(data);
             JsonGenerator out = json.createGenerator(line, JsonEncoding.UTF8)) {
            parser.nextToken();
            out.copyCurrentStructure(parser);
            out.flush();
            line.write('\n');
            return line.toByteArray();
        } catch (IOException | RuntimeException e) {
            return data;
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual);
        }
    }
}
