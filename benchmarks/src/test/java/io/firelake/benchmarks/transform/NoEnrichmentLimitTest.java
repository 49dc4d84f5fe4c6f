package io.firelake.benchmarks.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.transform.firehose.SampleBatch;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The limit does the same work as the transform (every record parsed and written), or its ratio would flatter. */
class NoEnrichmentLimitTest {

    @Test
    void answersEveryRecordWithItsJsonRewrittenOrTheOriginalWhenItIsNotJson() throws Exception {
        List<byte[]> payloads = new ArrayList<>(SampleBatch.validPayloads(20, 1, System.currentTimeMillis()));
        payloads.add("{\"event_id\":".getBytes(StandardCharsets.UTF_8));
        byte[] request = SampleBatch.firehoseRequest(payloads, System.currentTimeMillis());

        ByteArrayOutputStream response = new ByteArrayOutputStream();
        new NoEnrichmentLimit().handle(new ByteArrayInputStream(request), response);

        ObjectMapper json = new ObjectMapper();
        JsonNode records = json.readTree(response.toByteArray()).path("records");
        assertThat(records).hasSize(payloads.size());
        for (int i = 0; i < 20; i++) {
            byte[] data = Base64.getDecoder().decode(records.get(i).path("data").asText());
            assertThat(data[data.length - 1]).isEqualTo((byte) '\n');
            assertThat(json.readTree(data)).isEqualTo(json.readTree(payloads.get(i)));
        }
        assertThat(Base64.getDecoder().decode(records.get(20).path("data").asText())).isEqualTo(payloads.get(20));
    }
}
