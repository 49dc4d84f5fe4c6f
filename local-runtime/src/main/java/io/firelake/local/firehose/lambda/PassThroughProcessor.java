package io.firelake.local.firehose.lambda;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.local.firehose.Processor;

import java.io.ByteArrayOutputStream;

/**
 * A delivery stream without data transformation: every record goes on unchanged ({@code Ok}, same data), as Firehose
 * hands records to the conversion when no processor is configured.
 */
public final class PassThroughProcessor implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public byte[] invoke(byte[] event) throws Exception {
        JsonNode records = JSON.readTree(event).path("records");
        ByteArrayOutputStream out = new ByteArrayOutputStream(event.length);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("records");
            for (JsonNode record : records) {
                g.writeStartObject();
                g.writeStringField("recordId", record.path("recordId").asText());
                g.writeStringField("result", "Ok");
                g.writeStringField("data", record.path("data").asText());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }
}
