package io.firelake.transform;

import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firelake.transform.core.InputRecord;
import io.firelake.transform.firehose.FirehoseEventReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hand-written Firehose requests (src/test/resources/events/NAME.json, from the documented format) against their
 * expected responses (NAME.expected.json: Ok data shown decoded, failures with the logged reason).
 */
class FixtureTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"kinesis-batch", "direct-put-ping"})
    void answersEachFixtureAsExpected(String name) throws Exception {
        byte[] request = resource(name + ".json");
        List<String> log = new ArrayList<>();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        TestPipeline.handler().handle(new ByteArrayInputStream(request), response, log::add);

        JsonNode actual = JSON.readTree(response.toByteArray());
        JsonNode expected = JSON.readTree(resource(name + ".expected.json"));
        JsonNode input = JSON.readTree(request);
        assertThat(actual.path("records")).hasSameSizeAs(input.path("records"));
        for (int i = 0; i < expected.path("records").size(); i++) {
            JsonNode want = expected.path("records").get(i);
            JsonNode got = actual.path("records").get(i);
            String id = want.path("recordId").asText();
            assertThat(got.path("recordId").asText()).isEqualTo(id);
            assertThat(got.path("result").asText()).as(id).isEqualTo(want.path("result").asText());
            byte[] data = Base64.getDecoder().decode(got.path("data").asText());
            if (want.path("result").asText().equals("Ok")) {
                assertThat(JSON.readTree(data)).as(id).isEqualTo(want.path("data"));
                assertThat(got.path("metadata")).as(id).isEqualTo(want.path("metadata"));
                assertThat(data[data.length - 1]).isEqualTo((byte) '\n');
            } else {
                assertThat(got.path("data").asText()).as("original data of " + id)
                        .isEqualTo(input.path("records").get(i).path("data").asText());
                assertThat(got.has("metadata")).isFalse();
            }
            if (want.has("reason")) {
                String line = log.stream().filter(l -> l.contains(id)).findFirst().orElseThrow();
                JsonNode logged = JSON.readTree(line);
                assertThat(logged.path("code").asText()).as(id).isEqualTo(want.path("reason").path("code").asText());
                assertThat(logged.path("field")).as(id).isEqualTo(want.path("reason").path("field"));
                assertThat(logged.path("shard")).isEqualTo(input.path("records").get(i).path("kinesisRecordMetadata")
                        .path("shardId").isMissingNode() ? JSON.nullNode()
                        : input.path("records").get(i).path("kinesisRecordMetadata").path("shardId"));
            }
        }
    }

    @Test
    void failureLogLinesCarryTheDocumentedKeys() throws Exception {
        List<String> log = new ArrayList<>();
        TestPipeline.handler().handle(new ByteArrayInputStream(resource("kinesis-batch.json")),
                OutputStreamSink.INSTANCE, log::add);
        List<JsonNode> failures = new ArrayList<>();
        for (String line : log) {
            JsonNode node = JSON.readTree(line);
            if (node.path("event").asText().equals("record_failed")) {
                failures.add(node);
            }
        }
        assertThat(failures).hasSize(8).allSatisfy(f -> assertThat(f.fieldNames()).toIterable()
                .contains("recordId", "code", "field", "shard", "sequence", "message"));
        JsonNode summary = JSON.readTree(log.get(log.size() - 1));
        assertThat(summary.path("ok").asInt()).isEqualTo(4);
        assertThat(summary.path("dropped").asInt()).isEqualTo(1);
        assertThat(summary.path("processingFailed").asInt()).isEqualTo(8);
    }

    @Test
    void theLibraryEventTypeMapsToTheSameRecordsAsTheStreamingReader() throws Exception {
        byte[] request = resource("kinesis-batch.json");
        ObjectMapper lenient = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        ObjectNode tree = (ObjectNode) lenient.readTree(request);
        KinesisFirehoseEvent event = lenient.treeToValue(tree, KinesisFirehoseEvent.class);
        List<InputRecord> mapped = LambdaEvents.toInputRecords(event);
        List<InputRecord> streamed = new FirehoseEventReader().read(request).records();
        assertThat(mapped).hasSameSizeAs(streamed);
        for (int i = 0; i < mapped.size(); i++) {
            assertThat(mapped.get(i).recordId()).isEqualTo(streamed.get(i).recordId());
            assertThat(mapped.get(i).data()).isEqualTo(streamed.get(i).data());
            assertThat(mapped.get(i).receivedMillis()).isEqualTo(streamed.get(i).receivedMillis());
            assertThat(mapped.get(i).kinesis()).isEqualTo(streamed.get(i).kinesis());
        }
    }

    @Test
    void aRequestThatIsNotAFirehoseEventIsAnsweredWithNoRecords() throws Exception {
        List<String> log = new ArrayList<>();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        TestPipeline.handler().handle(new ByteArrayInputStream("not json".getBytes()), response, log::add);
        assertThat(JSON.readTree(response.toByteArray()).path("records")).isEmpty();
        assertThat(log).anyMatch(l -> l.contains("malformed_request"));
    }

    @Test
    void aRequestCutOffIsLoggedByLineAndColumnWithoutJacksonsSourceTrailer() throws Exception {
        List<String> log = new ArrayList<>();
        TestPipeline.handler().handle(new ByteArrayInputStream("{\"invocationId\": \"i\", \"records\": [".getBytes()),
                new ByteArrayOutputStream(), log::add);
        assertThat(log).filteredOn(l -> l.contains("malformed_request")).singleElement().asString()
                .contains("not a Firehose transformation event: line 1, column ")
                .contains("Unexpected end-of-input")
                .doesNotContain("Source").doesNotContain("REDACTED").doesNotContain("StreamReadFeature");
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = FixtureTest.class.getResourceAsStream("/events/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** Discards the response. */
    static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }
    }
}
