package io.firelake.transform.firehose;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.firelake.transform.core.TransformResult;
import io.firelake.transform.validate.Failure;
import io.firelake.transform.validate.ReasonCode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The response's bytes are what a Jackson generator with ESCAPE_NON_ASCII writes, for any record id and key. */
class FirehoseResponseWriterTest {

    private static final List<String> IDS = List.of("49656832645753989134534687523718807192178349636496580000",
            "quote \" backslash \\", "controls \b\t\n\f\r\u0000\u001f", "é € 中", "emoji 😀", "lone \ud800 surrogate", "");

    @Test
    void writesWhatJacksonWritesWithEscapedNonAscii() throws IOException {
        List<TransformResult> results = new ArrayList<>();
        for (String id : IDS) {
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put("event_date", "2026-11-22");
            keys.put("event_hour", id);
            results.add(new TransformResult.Ok(id, ("{\"id\":\"" + id + "\"}\n").getBytes(StandardCharsets.UTF_8), keys));
            results.add(new TransformResult.Dropped(id, new byte[] {1, 2, 3}));
            results.add(new TransformResult.ProcessingFailed(id, new byte[0], Failure.of(ReasonCode.MALFORMED_JSON, "x")));
            results.add(new TransformResult.Ok(id, new byte[] {(byte) 0xff}, Map.of()));
        }
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        new FirehoseResponseWriter().write(results, written);
        assertThat(written.toString(StandardCharsets.US_ASCII)).isEqualTo(jackson(results));
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        new FirehoseResponseWriter().write(List.of(), empty);
        assertThat(empty.toString(StandardCharsets.US_ASCII)).isEqualTo("{\"records\":[]}");
    }

    /** The writer as it was: one Jackson generator per response. */
    private static String jackson(List<TransformResult> results) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonFactory json = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeArrayFieldStart("records");
            for (TransformResult result : results) {
                generator.writeStartObject();
                generator.writeStringField("recordId", result.recordId());
                generator.writeStringField("result", result.result());
                generator.writeStringField("data", Base64.getEncoder().encodeToString(result.data()));
                if (result instanceof TransformResult.Ok ok && !ok.partitionKeys().isEmpty()) {
                    generator.writeObjectFieldStart("metadata");
                    generator.writeObjectFieldStart("partitionKeys");
                    for (Map.Entry<String, String> key : ok.partitionKeys().entrySet()) {
                        generator.writeStringField(key.getKey(), key.getValue());
                    }
                    generator.writeEndObject();
                    generator.writeEndObject();
                }
                generator.writeEndObject();
            }
            generator.writeEndArray();
            generator.writeEndObject();
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
