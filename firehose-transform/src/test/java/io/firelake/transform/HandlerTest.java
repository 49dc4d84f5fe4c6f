package io.firelake.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.transform.firehose.SampleBatch;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FirehoseTransformHandler HANDLER = TestPipeline.handler();

    @Property(tries = 1000)
    void anyRequestBytesGetAJsonAnswerAndNoException(@ForAll byte[] request) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HANDLER.handle(new ByteArrayInputStream(request), out, line -> { });
        assertThat(JSON.readTree(out.toByteArray()).path("records").isArray()).isTrue();
    }

    @Property(tries = 1000)
    void envelopeOddities(@ForAll String recordId, @ForAll String data) throws Exception {
        String request = "{\"records\":[{\"recordId\":" + JSON.writeValueAsString(recordId) + ",\"data\":"
                + JSON.writeValueAsString(data) + "},{\"data\":\"e30=\"},{\"recordId\":\"second\",\"data\":7,"
                + "\"kinesisRecordMetadata\":[1]}]}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> log = new ArrayList<>();
        HANDLER.handle(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, log::add);
        JsonNode records = JSON.readTree(out.toByteArray()).path("records");
        assertThat(records).hasSize(2);
        assertThat(records.get(0).path("recordId").asText()).isEqualTo(recordId);
        assertThat(records.get(1).path("recordId").asText()).isEqualTo("second");
        assertThat(records.get(1).path("result").asText()).isEqualTo("ProcessingFailed");
        assertThat(log).anyMatch(l -> l.contains("records_without_id"));
        assertThat(log).anyMatch(l -> l.contains("INVALID_ENVELOPE"));
    }

    @Test
    void primingRunsTheWholePathAndLeavesCleanCounters() {
        FirehoseTransformHandler handler = TestPipeline.handler();
        handler.prime();
        assertThat(handler.userAgents().cacheStats().hits()).isZero();
        assertThat(handler.userAgents().cacheStats().size()).isGreaterThanOrEqualTo(SampleBatch.USER_AGENTS.size());
    }
}
