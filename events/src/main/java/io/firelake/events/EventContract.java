package io.firelake.events;

import io.firelake.events.schema.AvroSchemaReader;
import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldSpec;
import io.firelake.events.schema.SchemaException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The event contract: the raw schema producers write and the enriched schema the lake stores.
 *
 * <p>The clickstream contract ships in this jar; a team can bring its own pair of schemas with {@link #load(Path, Path)}.
 * Every other artefact (validation rules, Glue columns, Athena DDL, the Parquet schema) derives from these two.
 *
 * @param raw      what a producer sends, one JSON object per Kinesis record
 * @param enriched what the transform emits and the lake stores
 */
public record EventContract(EventSchema raw, EventSchema enriched) {

    public static final String RAW_RESOURCE = "/io/firelake/events/clickstream-raw.avsc";
    public static final String ENRICHED_RESOURCE = "/io/firelake/events/clickstream-enriched.avsc";
    /** The role that marks the raw field holding client event time. */
    public static final String EVENT_TIME_ROLE = "event_time";

    private static final EventContract CLICKSTREAM = loadClickstream();

    public EventContract {
        FieldSpec eventTime = raw.fieldWithRole(EVENT_TIME_ROLE).orElseThrow(() ->
                new SchemaException(raw.fullName() + " needs one field with \"firelake.role\": \"event_time\""));
        if (!eventTime.required()) {
            throw new SchemaException(raw.fullName() + "." + eventTime.name() + " is the event time and must be required");
        }
        raw.fields().stream().filter(FieldSpec::pii).filter(f -> enriched.has(f.name())).findFirst().ifPresent(f -> {
            throw new SchemaException("personal field '" + f.name() + "' must not appear in " + enriched.fullName());
        });
    }

    /** The clickstream contract that ships with firelake. */
    public static EventContract clickstream() {
        return CLICKSTREAM;
    }

    /** A team's own contract, from two {@code .avsc} files; named types of the raw one may be used by the enriched one. */
    public static EventContract load(Path rawAvsc, Path enrichedAvsc) {
        AvroSchemaReader reader = new AvroSchemaReader();
        try (InputStream raw = Files.newInputStream(rawAvsc); InputStream enriched = Files.newInputStream(enrichedAvsc)) {
            return new EventContract(reader.read(raw), reader.read(enriched));
        } catch (IOException e) {
            throw new SchemaException("cannot read event schemas " + rawAvsc + ", " + enrichedAvsc + ": " + e.getMessage(), e);
        }
    }

    private static EventContract loadClickstream() {
        AvroSchemaReader reader = new AvroSchemaReader();
        try (InputStream raw = resource(RAW_RESOURCE); InputStream enriched = resource(ENRICHED_RESOURCE)) {
            return new EventContract(reader.read(raw), reader.read(enriched));
        } catch (IOException e) {
            throw new SchemaException("cannot read the clickstream schemas: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = EventContract.class.getResourceAsStream(name);
        if (in == null) {
            throw new SchemaException("schema resource " + name + " is missing from the class path");
        }
        return in;
    }

    /** The raw field that holds client event time. */
    public FieldSpec eventTimeField() {
        return raw.fieldWithRole(EVENT_TIME_ROLE).orElseThrow();
    }
}
