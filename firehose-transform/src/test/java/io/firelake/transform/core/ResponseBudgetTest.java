package io.firelake.transform.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.transform.TestPipeline;
import io.firelake.transform.firehose.FirehoseResponseWriter;
import io.firelake.transform.firehose.SampleBatch;
import io.firelake.transform.validate.Failure;
import io.firelake.transform.validate.ReasonCode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseBudgetTest {

    private static final long NOW = TestPipeline.NOW.toEpochMilli();

    @Property(tries = 1000)
    void theEstimateBoundsWhatTheWriterWrites(@ForAll @Size(max = 5) List<String> recordIds,
                                              @ForAll @IntRange(max = 3000) int dataLength,
                                              @ForAll @IntRange(max = 2) int kind) throws IOException {
        List<TransformResult> results = new ArrayList<>();
        for (String id : recordIds) {
            byte[] data = new byte[dataLength];
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put("event_date", "2026-11-22");
            keys.put("event_hour", id.isEmpty() ? "00" : id);
            results.add(switch (kind) {
                case 0 -> new TransformResult.Ok(id, data, keys);
                case 1 -> new TransformResult.Dropped(id, data);
                default -> new TransformResult.ProcessingFailed(id, data, Failure.of(ReasonCode.WRONG_TYPE, "x"));
            });
        }
        byte[] written = write(results);
        assertThat((long) written.length).isLessThanOrEqualTo(ResponseBudget.responseBytes(results));
        for (TransformResult result : results) {
            assertThat(ResponseBudget.roughEntryBytes(result)).isGreaterThanOrEqualTo(ResponseBudget.entryBytes(result));
        }
        JsonNode parsed = new ObjectMapper().readTree(written);
        for (int i = 0; i < recordIds.size(); i++) {
            assertThat(parsed.path("records").get(i).path("recordId").asText()).isEqualTo(recordIds.get(i));
        }
    }

    @Test
    void theEstimateIsTightForRealisticResponses() throws IOException {
        List<TransformResult> results = TestPipeline.batch().apply(inputs(SampleBatch.validPayloads(500, 5, NOW)));
        long estimate = ResponseBudget.responseBytes(results);
        long actual = write(results).length;
        assertThat(actual).isLessThanOrEqualTo(estimate).isGreaterThan(estimate - 500L * 8);
    }

    /**
     * A full-size request (just under 6 MB, small events, as a 3 MB processor buffer never allows but the Lambda limit
     * does) whose enriched response would be about twice the limit: the largest Ok records become RESPONSE_TOO_LARGE
     * until the real, written response fits in 6,291,456 bytes.
     */
    @Test
    void aResponseOverSixMegabytesShedsTheLargestOkRecords() throws IOException {
        List<byte[]> payloads = new ArrayList<>();
        int requestBytes = 0;
        int seed = 0;
        while (true) {
            byte[] payload = SampleBatch.validPayloads(1, seed++, NOW).get(0);
            int entry = 4 * ((payload.length + 2) / 3) + 330;
            if (requestBytes + entry > ResponseBudget.DEFAULT_MAX_RESPONSE_BYTES) {
                break;
            }
            requestBytes += entry;
            payloads.add(payload);
        }
        byte[] request = SampleBatch.firehoseRequest(payloads, NOW);
        while (request.length > ResponseBudget.DEFAULT_MAX_RESPONSE_BYTES) {
            payloads.subList(payloads.size() - 100, payloads.size()).clear();
            request = SampleBatch.firehoseRequest(payloads, NOW);
        }
        assertThat(request.length).isLessThanOrEqualTo(ResponseBudget.DEFAULT_MAX_RESPONSE_BYTES);

        List<InputRecord> inputs = inputs(payloads);
        List<TransformResult> unbounded = TestPipeline.batch(Long.MAX_VALUE).apply(inputs);
        assertThat(ResponseBudget.responseBytes(unbounded)).isGreaterThan(ResponseBudget.DEFAULT_MAX_RESPONSE_BYTES);

        List<TransformResult> results = TestPipeline.batch().apply(inputs);
        byte[] response = write(results);
        assertThat(response.length).isLessThanOrEqualTo(ResponseBudget.DEFAULT_MAX_RESPONSE_BYTES);
        assertThat(results).hasSameSizeAs(inputs);

        long smallestShed = Long.MAX_VALUE;
        long largestKept = 0;
        int shed = 0;
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).recordId()).isEqualTo(inputs.get(i).recordId());
            long okSize = ResponseBudget.entryBytes(unbounded.get(i));
            if (results.get(i) instanceof TransformResult.ProcessingFailed failed) {
                assertThat(failed.failure().code()).isEqualTo(ReasonCode.RESPONSE_TOO_LARGE);
                assertThat(failed.data()).isEqualTo(inputs.get(i).data());
                smallestShed = Math.min(smallestShed, okSize);
                shed++;
            } else {
                assertThat(results.get(i).data()).isEqualTo(unbounded.get(i).data());
                largestKept = Math.max(largestKept, okSize);
            }
        }
        assertThat(shed).isPositive().isLessThan(results.size());
        assertThat(largestKept).as("only the largest Ok records are shed").isLessThanOrEqualTo(smallestShed);
        System.out.printf("6 MB rule: request %,d bytes, %d records; unbounded response %,d bytes; %d shed, response %,d bytes%n",
                request.length, inputs.size(), ResponseBudget.responseBytes(unbounded), shed, response.length);
    }

    @Test
    void aSmallBudgetCanShedEveryOkRecordButNeverFailures() {
        List<byte[]> payloads = new ArrayList<>(SampleBatch.validPayloads(20, 9, NOW));
        payloads.add("{".getBytes());
        List<TransformResult> results = TestPipeline.batch(100).apply(inputs(payloads));
        assertThat(results).hasSize(21).allSatisfy(r -> assertThat(r).isInstanceOf(TransformResult.ProcessingFailed.class));
        assertThat(((TransformResult.ProcessingFailed) results.get(20)).failure().code()).isEqualTo(ReasonCode.MALFORMED_JSON);
    }

    private static List<InputRecord> inputs(List<byte[]> payloads) {
        List<InputRecord> inputs = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            inputs.add(new InputRecord(String.format("49546986683135544286507457936321625675700192471156785%03d", i),
                    payloads.get(i), NOW, new KinesisMetadata("shardId-000000000000", "pk-" + i, NOW,
                    "4954698668313554428650745793632162567570019247115678" + i, null)));
        }
        return inputs;
    }

    private static byte[] write(List<TransformResult> results) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FirehoseResponseWriter().write(results, out);
        return out.toByteArray();
    }
}
