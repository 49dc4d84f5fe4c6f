package io.firelake.events.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firelake.events.EventContract;
import io.firelake.events.schema.AvroSchemaReader;
import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.SchemaException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The producer side of a deployed contract, recorded where the deployed tables are: the raw events table's Glue
 * {@code Parameters} carry the contract's name, its raw Avro schema (minified) and the raw fields its event id and
 * event time roles name, written by the SAM template, by {@code catalog sync} and by the local endpoint. The catalog's
 * columns say only what the lake holds; these let {@code firelake deploy} and {@code catalog check} judge a change of
 * the raw schema alone ({@link ContractEvolution#deployedRaw}) and of the roles, which the data already written was
 * de-duplicated and partitioned by ({@link ContractEvolution#deployedRoles}). A Glue parameter value holds up to 512,000 characters
 * ({@value #MAX_VALUE}), far above a raw schema's few kilobytes.
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/webapi/API_TableInput.html">TableInput Parameters</a>
 */
public final class RawSchemaParameters {

    public static final String CONTRACT = "firelake.contract";
    public static final String RAW_SCHEMA = "firelake.raw_schema";
    /** The raw field the contract's {@code event_id} role names: what compaction de-duplicates by. */
    public static final String EVENT_ID = "firelake.event_id";
    /** The raw field the contract's {@code event_time} role names: what the lake is partitioned by. */
    public static final String EVENT_TIME = "firelake.event_time";
    /** Glue's {@code ParametersMapValue} maximum length. */
    public static final int MAX_VALUE = 512_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private RawSchemaParameters() {
    }

    /** The parameters that record {@code contract}'s producer side. */
    public static Map<String, String> of(EventContract contract) {
        String raw;
        try {
            raw = JSON.writeValueAsString(JSON.readTree(contract.rawAvsc()));
        } catch (JsonProcessingException e) {
            throw new SchemaException("cannot read the raw schema of contract " + contract.name() + ": "
                    + e.getOriginalMessage(), e);
        }
        if (raw.length() > MAX_VALUE) {
            throw new SchemaException("the raw schema of contract " + contract.name() + " is " + raw.length()
                    + " characters minified; a Glue table parameter holds at most " + MAX_VALUE);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(CONTRACT, contract.name());
        parameters.put(RAW_SCHEMA, raw);
        parameters.put(EVENT_ID, contract.eventIdField().name());
        parameters.put(EVENT_TIME, contract.eventTimeField().name());
        return parameters;
    }

    /** The raw schema a table's parameters record; empty when they record none (a table written before them). */
    public static Optional<EventSchema> read(Map<String, String> parameters) {
        String raw = parameters == null ? null : parameters.get(RAW_SCHEMA);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new AvroSchemaReader().read(raw));
    }
}
