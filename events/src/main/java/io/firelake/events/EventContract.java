package io.firelake.events;

import io.firelake.events.contract.BatchView;
import io.firelake.events.contract.ContractLoader;
import io.firelake.events.contract.Contracts;
import io.firelake.events.contract.Enrichment;
import io.firelake.events.contract.LakeColumns;
import io.firelake.events.contract.SimulatorHints;
import io.firelake.events.contract.SqlFile;
import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldSpec;
import io.firelake.events.schema.SchemaException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The event contract: everything specific to one kind of events, read from a contract folder ({@code contracts/NAME/},
 * see {@link ContractLoader} and docs/contracts.md). Every other artefact (validation rules, Glue columns, Athena DDL,
 * the Parquet schema, the simulator's events) derives from it.
 *
 * @param name        the contract's name ({@code clickstream})
 * @param raw         what a producer sends, one JSON object per Kinesis record; its fields carry their roles
 * @param enriched    what the transform emits and the lake stores
 * @param rawDefaults the raw schema's non-null defaults, as plain Java values
 * @param enrichments how each enriched field is filled, in enriched-schema order: every field has one
 * @param simulator   the simulator's hints
 * @param views       the batch views' SQL ({@code views/*.sql}), by file name
 * @param reports     the reports' SQL ({@code reports/*.sql}), by file name
 * @param rawAvsc     the raw schema's Avro JSON as the folder holds it, which a deploy records in the catalog
 *                    ({@link io.firelake.events.contract.RawSchemaParameters}) to judge the next version's raw side
 */
public record EventContract(String name, EventSchema raw, EventSchema enriched, Map<String, Object> rawDefaults,
                            Map<String, Enrichment> enrichments, SimulatorHints simulator, List<SqlFile> views,
                            List<SqlFile> reports, String rawAvsc) {

    /** The role that marks the raw field holding client event time. */
    public static final String EVENT_TIME_ROLE = "event_time";
    /** The role of the producer's unique id of an event: the de-duplication and accounting key. */
    public static final String EVENT_ID_ROLE = "event_id";
    /** The role of the enum field whose symbols {@code firelake.required_for} names. */
    public static final String EVENT_TYPE_ROLE = "event_type";
    /** The role of the field producers use as the Kinesis partition key. */
    public static final String PARTITION_KEY_ROLE = "partition_key";

    public EventContract {
        rawDefaults = Map.copyOf(rawDefaults);
        enrichments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(enrichments));
        views = List.copyOf(views);
        reports = List.copyOf(reports);
        FieldSpec eventTime = raw.fieldWithRole(EVENT_TIME_ROLE).orElseThrow(() ->
                new SchemaException(raw.fullName() + " needs one field with role event_time"));
        if (!eventTime.required()) {
            throw new SchemaException(raw.fullName() + "." + eventTime.name() + " is the event time and must be required");
        }
        raw.fields().stream().filter(FieldSpec::pii).filter(f -> enriched.has(f.name())).findFirst().ifPresent(f -> {
            throw new SchemaException("personal field '" + f.name() + "' must not appear in " + enriched.fullName());
        });
    }

    /** The clickstream contract that ships with firelake ({@code contracts/clickstream/}). */
    public static EventContract clickstream() {
        return Contracts.packaged("clickstream");
    }

    /** The raw field that holds client event time. */
    public FieldSpec eventTimeField() {
        return raw.fieldWithRole(EVENT_TIME_ROLE).orElseThrow();
    }

    /** The raw field that identifies an event (role {@code event_id}), the de-duplication key. */
    public FieldSpec eventIdField() {
        return raw.fieldWithRole(EVENT_ID_ROLE).orElseThrow(() ->
                new SchemaException("contract " + name + " names no event_id role"));
    }

    /** The raw field that says what kind of event it is, if the contract names one. */
    public Optional<FieldSpec> eventTypeField() {
        return raw.fieldWithRole(EVENT_TYPE_ROLE);
    }

    /** The raw field producers partition the stream by, if the contract names one. */
    public Optional<FieldSpec> partitionKeyField() {
        return raw.fieldWithRole(PARTITION_KEY_ROLE);
    }

    /** The lake columns the pipeline reads (id, event time, day partition, arrival metadata) by their names here. */
    public LakeColumns lake() {
        return LakeColumns.of(eventIdField().name(), enriched, enrichments);
    }

    /** The batch views ({@code views/*.sql}) with their output columns, in the order the views job builds them. */
    public List<BatchView> batchViews() {
        String day = lake().day();
        return views.stream()
                .map(v -> BatchView.of(v, name + "/" + ContractLoader.VIEWS + "/" + v.name() + ".sql", day))
                .toList();
    }

    /** A report by name. */
    public Optional<SqlFile> report(String reportName) {
        return reports.stream().filter(r -> r.name().equals(reportName)).findFirst();
    }
}
