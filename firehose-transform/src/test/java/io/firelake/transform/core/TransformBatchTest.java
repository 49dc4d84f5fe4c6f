package io.firelake.transform.core;

import io.firelake.events.EventContract;
import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldSpec;
import io.firelake.transform.TestPipeline;
import io.firelake.transform.enrich.EnrichedEventWriter;
import io.firelake.transform.enrich.Enricher;
import io.firelake.transform.firehose.SampleBatch;
import io.firelake.transform.validate.ReasonCode;
import io.firelake.transform.validate.RecordValidator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TransformBatchTest {

    private static final long NOW = TestPipeline.NOW.toEpochMilli();

    /**
     * A bug (here: an enriched schema that declares user_id non-nullable while the raw schema allows it to be absent)
     * fails only the records it touches, as INTERNAL_ERROR with the original bytes; the rest of the batch is delivered.
     */
    @Test
    void anUnexpectedExceptionFailsOnlyItsRecord() {
        EventContract contract = EventContract.clickstream();
        List<FieldSpec> fields = new ArrayList<>();
        for (FieldSpec f : contract.enriched().fields()) {
            fields.add(f.name().equals("user_id")
                    ? new FieldSpec(f.name(), f.types(), false, false, f.requiredFor(), f.partition(), f.pii(), f.role(),
                    f.doc(), f.projection())
                    : f);
        }
        EventSchema strict = new EventSchema("StrictUser", fields);
        RecordTransformer transformer = new RecordTransformer(RecordValidator.clickstream(TestPipeline.CLOCK),
                new Enricher(contract.raw(), strict, contract.enrichments(), TestPipeline.userAgents()), new EnrichedEventWriter(strict));
        TransformBatch batch = new TransformBatch(transformer, TestPipeline.CLOCK::millis);

        String base = "{\"event_id\":\"0b4f6c0e-8d1a-4a52-9a55-3c1f2d6e7a01\",\"event_type\":\"click\","
                + "\"event_time\":\"2026-11-22T03:00:00Z\",\"session_id\":\"s\",\"page_url\":\"/\"";
        byte[] withUser = (base + ",\"user_id\":\"u\"}").getBytes(StandardCharsets.UTF_8);
        byte[] anonymous = (base + "}").getBytes(StandardCharsets.UTF_8);
        List<TransformResult> results = batch.apply(List.of(
                InputRecord.of("a", withUser), InputRecord.of("b", anonymous), InputRecord.of("c", withUser)));

        assertThat(results).extracting(TransformResult::result).containsExactly("Ok", "ProcessingFailed", "Ok");
        TransformResult.ProcessingFailed failed = (TransformResult.ProcessingFailed) results.get(1);
        assertThat(failed.failure().code()).isEqualTo(ReasonCode.INTERNAL_ERROR);
        assertThat(failed.failure().message()).contains("IllegalStateException");
        assertThat(failed.data()).isEqualTo(anonymous);
    }

    @Test
    void anEmptyBatchIsAnEmptyAnswer() {
        assertThat(TestPipeline.batch().apply(List.of())).isEmpty();
    }

    @Test
    void processedTimeIsOneValuePerBatch() {
        List<InputRecord> inputs = new ArrayList<>();
        for (byte[] payload : SampleBatch.validPayloads(20, 11, NOW)) {
            inputs.add(InputRecord.of("r" + inputs.size(), payload));
        }
        assertThat(TestPipeline.batch().apply(inputs))
                .allSatisfy(r -> assertThat(new String(r.data(), StandardCharsets.UTF_8))
                        .contains("\"processed_ts\":\"2026-11-22T03:10:00.000Z\""));
    }
}
