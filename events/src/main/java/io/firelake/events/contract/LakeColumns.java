package io.firelake.events.contract;

import io.firelake.events.contract.Enrichment.Copy;
import io.firelake.events.contract.Enrichment.DatePart;
import io.firelake.events.contract.Enrichment.Default;
import io.firelake.events.contract.Enrichment.EventTime;
import io.firelake.events.contract.Enrichment.RecordMetadata;
import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldSpec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lake columns the pipeline itself reads, whatever the contract calls them: the event id (de-duplication and
 * accounting), the event time, the day partition (compaction and the reports' date range) and, when the contract keeps
 * them, the record's arrival metadata (which copy of a duplicate is the first delivered).
 *
 * @param eventId           the enriched field that copies the raw field with role event_id
 * @param eventTime         the enriched field with the event_time enrichment
 * @param day               the first partition key, a date_part date: yyyy-MM-dd of the event time
 * @param receivedTs        record_metadata received_ts, or null
 * @param processedTs       record_metadata processed_ts, or null
 * @param shardId           record_metadata shard_id, or null
 * @param sequenceNumber    record_metadata sequence_number, or null
 * @param subsequenceNumber record_metadata subsequence_number, or null
 */
public record LakeColumns(String eventId, String eventTime, String day, String receivedTs, String processedTs,
                          String shardId, String sequenceNumber, String subsequenceNumber) {

    /** The lake columns of a contract, or what is missing for the batch layer to work on it. */
    public static LakeColumns of(String eventIdField, EventSchema enriched, Map<String, Enrichment> enrichments) {
        String id = find(enrichments, e -> (e instanceof Copy c && c.from().equals(eventIdField))
                || (e instanceof Default d && d.from().equals(eventIdField)))
                .orElseThrow(() -> problem("no enriched field copies the event id '" + eventIdField + "'"));
        String time = find(enrichments, e -> e instanceof EventTime)
                .orElseThrow(() -> problem("no enriched field has the event_time enrichment"));
        List<FieldSpec> partitions = enriched.partitionFields();
        if (partitions.isEmpty() || !(enrichments.get(partitions.get(0).name()) instanceof DatePart d)
                || d.part() != DatePart.Part.DATE) {
            throw problem("the first partition key of " + enriched.fullName() + " must be a date_part date (the day)");
        }
        return new LakeColumns(id, time, partitions.get(0).name(), metadata(enrichments, RecordMetadata.Part.RECEIVED_TS),
                metadata(enrichments, RecordMetadata.Part.PROCESSED_TS), metadata(enrichments, RecordMetadata.Part.SHARD_ID),
                metadata(enrichments, RecordMetadata.Part.SEQUENCE_NUMBER),
                metadata(enrichments, RecordMetadata.Part.SUBSEQUENCE_NUMBER));
    }

    private static String metadata(Map<String, Enrichment> enrichments, RecordMetadata.Part part) {
        return find(enrichments, e -> e instanceof RecordMetadata m && m.part() == part).orElse(null);
    }

    private static Optional<String> find(Map<String, Enrichment> enrichments,
                                         java.util.function.Predicate<Enrichment> test) {
        return enrichments.entrySet().stream().filter(e -> test.test(e.getValue())).map(Map.Entry::getKey).findFirst();
    }

    private static IllegalArgumentException problem(String message) {
        return new IllegalArgumentException(message);
    }
}
