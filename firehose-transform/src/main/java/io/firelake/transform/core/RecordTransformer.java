package io.firelake.transform.core;

import io.firelake.transform.enrich.EnrichedEvent;
import io.firelake.transform.enrich.EnrichedEventWriter;
import io.firelake.transform.enrich.Enricher;
import io.firelake.transform.enrich.SourceMetadata;
import io.firelake.transform.validate.Failure;
import io.firelake.transform.validate.ReasonCode;
import io.firelake.transform.validate.RecordValidator;
import io.firelake.transform.validate.Validation;

/** Validate, enrich, write: one record in, one result out. May throw on a bug; {@link TransformBatch} contains that. */
public final class RecordTransformer {

    private final RecordValidator validator;
    private final Enricher enricher;
    private final EnrichedEventWriter writer;

    public RecordTransformer(RecordValidator validator, Enricher enricher, EnrichedEventWriter writer) {
        this.validator = validator;
        this.enricher = enricher;
        this.writer = writer;
    }

    public RecordValidator validator() {
        return validator;
    }

    public Enricher enricher() {
        return enricher;
    }

    public TransformResult transform(InputRecord record, long nowMillis) {
        if (record.data() == null) {
            return new TransformResult.ProcessingFailed(record.recordId(), new byte[0],
                    Failure.of(ReasonCode.INVALID_ENVELOPE, "the Firehose record has no decodable base64 data"));
        }
        Validation validation = validator.validate(record.data(), nowMillis);
        if (validation instanceof Validation.Invalid invalid) {
            return new TransformResult.ProcessingFailed(record.recordId(), record.data(), invalid.failure());
        }
        if (validation instanceof Validation.HealthCheck) {
            return new TransformResult.Dropped(record.recordId(), record.data());
        }
        Validation.Valid valid = (Validation.Valid) validation;
        KinesisMetadata kinesis = record.kinesis();
        SourceMetadata source = kinesis == null
                ? new SourceMetadata(record.receivedMillis(), null, null, null)
                : new SourceMetadata(record.receivedMillis(), kinesis.shardId(), kinesis.sequenceNumber(),
                        kinesis.subsequenceNumber());
        EnrichedEvent event = enricher.enrich(valid.event(), source, nowMillis);
        return new TransformResult.Ok(record.recordId(), writer.write(event), event.partitionKeys());
    }
}
