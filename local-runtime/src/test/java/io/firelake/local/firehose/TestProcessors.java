package io.firelake.local.firehose;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firelake.local.firehose.lambda.RequestStreamHandlerProcessor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Stand-in transform Lambdas for conformance tests: each is a real {@link RequestStreamHandler} that reads the event
 * bytes and writes response bytes, so the local Firehose's side of the contract is what is tested.
 */
final class TestProcessors {

    static final ObjectMapper JSON = new ObjectMapper();

    private TestProcessors() {
    }

    /** Records every event it received and answers with {@code respond}. */
    static final class Recording implements RequestStreamHandler {
        final List<JsonNode> events = new CopyOnWriteArrayList<>();
        private final UnaryOperator<ObjectNode> respond;

        Recording(UnaryOperator<ObjectNode> respond) {
            this.respond = respond;
        }

        @Override
        public void handleRequest(java.io.InputStream input, java.io.OutputStream output,
                                  com.amazonaws.services.lambda.runtime.Context context) throws java.io.IOException {
            JsonNode event = JSON.readTree(input);
            events.add(event);
            output.write(JSON.writeValueAsBytes(respond.apply(echo(event))));
        }

        Processor processor() {
            return new RequestStreamHandlerProcessor(this, "test-transform", line -> { });
        }

        int invocations() {
            return events.size();
        }
    }

    /**
     * The well-behaved answer: payloads that are JSON objects come back Ok with partition keys; a payload
     * {@code {"drop":true}} is Dropped; anything else is ProcessingFailed with its bytes unchanged.
     */
    static ObjectNode echo(JsonNode event) {
        ObjectNode response = JSON.createObjectNode();
        ArrayNode records = response.putArray("records");
        for (JsonNode in : event.get("records")) {
            ObjectNode out = records.addObject();
            out.put("recordId", in.get("recordId").asText());
            byte[] data = Base64.getDecoder().decode(in.get("data").asText());
            JsonNode payload;
            try {
                payload = JSON.readTree(data);
            } catch (java.io.IOException e) {
                payload = null;
            }
            if (payload == null || !payload.isObject()) {
                out.put("result", "ProcessingFailed");
                out.put("data", in.get("data").asText());
            } else if (payload.path("drop").asBoolean()) {
                out.put("result", "Dropped");
                out.put("data", in.get("data").asText());
            } else {
                out.put("result", "Ok");
                out.put("data", Base64.getEncoder().encodeToString(
                        (payload + "\n").getBytes(StandardCharsets.UTF_8)));
                ObjectNode keys = out.putObject("metadata").putObject("partitionKeys");
                keys.put("event_date", payload.path("event_date").asText("2026-11-22"));
                keys.put("event_hour", payload.path("event_hour").asText("03"));
            }
        }
        return response;
    }

    static List<String> recordIds(JsonNode event) {
        List<String> ids = new ArrayList<>();
        event.get("records").forEach(r -> ids.add(r.get("recordId").asText()));
        return ids;
    }
}
