package io.firelake.events.contract;

import io.firelake.events.contract.Enrichment.DatePart;
import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldSpec;
import io.firelake.events.yaml.YamlSetting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Athena partition projection for the partition keys that do not declare one ({@code firelake.projection}): a day or
 * an hour of the event time gets the projection Firehose's prefixes call for, so the tables (Athena's, DuckDB's
 * locally) find the files without a partition list. Any other partition key must declare its own.
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/partition-projection.html">Athena partition projection</a>
 */
final class Projections {

    static final Map<String, String> DAY = Map.of("type", "date", "format", "yyyy-MM-dd", "range", "2020-01-01,NOW",
            "interval", "1", "interval.unit", "DAYS");
    static final Map<String, String> HOUR = Map.of("type", "integer", "range", "0,23", "digits", "2");

    private Projections() {
    }

    static EventSchema complete(EventSchema enriched, Map<String, Enrichment> enrichments, YamlSetting where) {
        List<FieldSpec> fields = new ArrayList<>();
        for (FieldSpec f : enriched.fields()) {
            if (!f.partition() || !f.projection().isEmpty()) {
                fields.add(f);
                continue;
            }
            Map<String, String> projection = enrichments.get(f.name()) instanceof DatePart d
                    ? switch (d.part()) {
                        case DATE -> DAY;
                        case HOUR -> HOUR;
                        default -> null;
                    }
                    : null;
            if (projection == null) {
                throw where.error("partition key " + f.name() + " needs a \"firelake.projection\" (Athena partition "
                        + "projection); only date_part date and hour have a default");
            }
            fields.add(new FieldSpec(f.name(), f.types(), f.nullable(), f.hasDefault(), f.requiredFor(), f.partition(),
                    f.pii(), f.role(), f.doc(), new java.util.TreeMap<>(projection)));
        }
        return new EventSchema(enriched.fullName(), fields);
    }
}
