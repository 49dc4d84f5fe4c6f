package io.firelake.events.contract;

import io.firelake.events.EventContract;
import io.firelake.events.catalog.Column;
import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether a new version of a contract can replace the running one. Additive changes are safe: a new optional raw field
 * (old producers do not send it), a new nullable enriched column (old Parquet files lack it and read as null). Breaking
 * changes are refused before anything is deployed: a field whose type changes (files already written hold the old
 * type), a raw field that becomes required or is new and required (old producers would fail), a raw field removed
 * that was required, an enriched column removed (old files still hold it), a new enriched column that is not nullable,
 * a changed event id, event time or partition keys.
 */
public final class ContractEvolution {

    /** The outcome: the additions applied as they are, and the problems that refuse the change. */
    public record Verdict(List<String> additions, List<String> breaking) {
        public Verdict {
            additions = List.copyOf(additions);
            breaking = List.copyOf(breaking);
        }

        /** Both verdicts' additions and problems, this one's first. */
        public Verdict and(Verdict other) {
            List<String> added = new ArrayList<>(additions);
            added.addAll(other.additions);
            List<String> broken = new ArrayList<>(breaking);
            broken.addAll(other.breaking);
            return new Verdict(added, broken);
        }

        public boolean compatible() {
            return breaking.isEmpty();
        }

        /** One message naming every breaking change, for a refusal. */
        public String refusal(String contract) {
            return "contract " + contract + " cannot replace the running one: " + String.join("; ", breaking)
                    + ". Add a new optional field instead, or deploy the change as a new contract and table";
        }
    }

    private ContractEvolution() {
    }

    public static Verdict compare(EventContract running, EventContract next) {
        List<String> additions = new ArrayList<>();
        List<String> breaking = new ArrayList<>();
        raw(running.raw(), next.raw(), additions, breaking);
        enriched(running.enriched(), next.enriched(), additions, breaking);
        same("event id", running.eventIdField().name(), next.eventIdField().name(), breaking);
        same("event time", running.eventTimeField().name(), next.eventTimeField().name(), breaking);
        same("partition keys", names(running.enriched().partitionFields()), names(next.enriched().partitionFields()),
                breaking);
        return new Verdict(additions, breaking);
    }

    /**
     * Whether {@code next} can replace the contract whose lake columns a deployed table holds ({@code deployed}: the
     * Glue table's data columns, names and Hive types, as {@code firelake deploy} and {@code catalog check} read them
     * from the catalog). The columns are not the raw schema: this judges the lake's side, the one files already
     * written hold; {@link #deployedRaw} judges the raw side the deployment recorded, and {@link #compare} judges
     * both when the previous contract folder is at hand.
     */
    public static Verdict deployed(List<Column> deployed, EventContract next) {
        List<String> additions = new ArrayList<>();
        List<String> breaking = new ArrayList<>();
        Map<String, FieldSpec> wanted = new LinkedHashMap<>();
        next.enriched().dataFields().forEach(f -> wanted.put(f.name().toLowerCase(Locale.ROOT), f));
        Set<String> have = new HashSet<>();
        for (Column column : deployed) {
            String key = column.name().toLowerCase(Locale.ROOT);
            have.add(key);
            FieldSpec now = wanted.get(key);
            String was = column.type().toLowerCase(Locale.ROOT).replace(" ", "");
            if (now == null) {
                breaking.add("lake column " + column.name() + " is removed (files already written hold it)");
            } else if (!now.storageType().glueType().equals(was)) {
                breaking.add("lake column " + column.name() + " changes type " + was + " -> "
                        + now.storageType().glueType() + " (files already written hold " + was + ")");
            }
        }
        wanted.forEach((key, now) -> {
            if (!have.contains(key)) {
                if (!now.nullable()) {
                    breaking.add("new lake column " + now.name() + " is not nullable (old files lack it)");
                } else {
                    additions.add("lake column " + now.name());
                }
            }
        });
        return new Verdict(additions, breaking);
    }

    /**
     * Whether {@code next}'s raw schema can replace the one a deployment recorded ({@code deployedRaw}, read back from
     * the raw table's parameters by {@link RawSchemaParameters#read}): the producers' side, which the lake columns do
     * not show (a required raw field removed, a raw field retyped, a new required raw field).
     */
    public static Verdict deployedRaw(EventSchema deployedRaw, EventContract next) {
        List<String> additions = new ArrayList<>();
        List<String> breaking = new ArrayList<>();
        raw(deployedRaw, next.raw(), additions, breaking);
        return new Verdict(additions, breaking);
    }

    private static void raw(EventSchema before, EventSchema after, List<String> additions, List<String> breaking) {
        for (FieldSpec old : before.fields()) {
            FieldSpec now = after.field(old.name()).orElse(null);
            if (now == null) {
                if (old.required()) {
                    breaking.add("raw field " + old.name() + " is required and removed");
                }
                continue;
            }
            if (!now.types().equals(old.types())) {
                breaking.add("raw field " + old.name() + " changes type " + describe(old) + " -> " + describe(now));
            }
            if (now.required() && !old.required()) {
                breaking.add("raw field " + old.name() + " becomes required");
            }
        }
        for (FieldSpec now : after.fields()) {
            if (!before.has(now.name())) {
                if (now.required()) {
                    breaking.add("new raw field " + now.name() + " is required (old producers do not send it)");
                } else {
                    additions.add("raw field " + now.name());
                }
            }
        }
    }

    private static void enriched(EventSchema before, EventSchema after, List<String> additions, List<String> breaking) {
        for (FieldSpec old : before.fields()) {
            FieldSpec now = after.field(old.name()).orElse(null);
            if (now == null) {
                breaking.add("lake column " + old.name() + " is removed (files already written hold it)");
            } else if (!now.storageType().equals(old.storageType())) {
                breaking.add("lake column " + old.name() + " changes type " + old.storageType().glueType() + " -> "
                        + now.storageType().glueType());
            }
        }
        for (FieldSpec now : after.fields()) {
            if (!before.has(now.name())) {
                if (!now.nullable()) {
                    breaking.add("new lake column " + now.name() + " is not nullable (old files lack it)");
                } else {
                    additions.add("lake column " + now.name());
                }
            }
        }
    }

    private static void same(String what, Object before, Object after, List<String> breaking) {
        if (!before.equals(after)) {
            breaking.add(what + " changes " + before + " -> " + after);
        }
    }

    private static String describe(FieldSpec field) {
        return String.join("|", field.types().stream().map(t -> t.glueType()).toList());
    }

    private static List<String> names(List<FieldSpec> fields) {
        return fields.stream().map(FieldSpec::name).toList();
    }
}
