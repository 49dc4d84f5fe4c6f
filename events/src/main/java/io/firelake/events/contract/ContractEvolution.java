package io.firelake.events.contract;

import io.firelake.events.EventContract;
import io.firelake.events.catalog.Column;
import io.firelake.events.catalog.GlueTypes;
import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldSpec;
import io.firelake.events.schema.FieldType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether a new version of a contract can replace the running one. Additive changes are safe: a new optional raw field
 * (old producers do not send it), a new nullable enriched column (old Parquet files lack it and read as null). Breaking
 * changes are refused before anything is deployed: a field whose type changes (files already written hold the old
 * type), a raw field that becomes required or is new and required (old producers would fail), a raw field removed
 * that was required, an enriched column removed (old files still hold it), a new enriched column that is not nullable,
 * a changed event id, event time or partition keys (the deployed roles are read back from the raw table's parameters,
 * {@link #deployedRoles}).
 *
 * <p>A record (struct) field evolves like the event around it, sub-field by sub-field ({@code location.floor}):
 * Parquet, Glue and Athena read a struct's sub-fields by name, so a new optional sub-field is an addition (old files
 * read it as null), while a removed sub-field, a changed sub-field type, a raw sub-field that becomes required or a new
 * required one break, for the same reasons as at the top level.
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/handling-schema-updates-chapter.html">Athena: handling
 *      schema updates (Parquet is read by name)</a>
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
        role(Role.EVENT_ID, running.eventIdField().name(), next, breaking);
        role(Role.EVENT_TIME, running.eventTimeField().name(), next, breaking);
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
            } else if (GlueTypes.isStruct(was) && now.storageType().kind() == FieldType.Kind.RECORD) {
                deployedStruct(column.name(), was, now, additions, breaking);
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

    /** A deployed struct column against the contract's record: sub-fields by name, as Parquet and Athena read them. */
    private static void deployedStruct(String column, String was, FieldSpec now, List<String> additions,
                                       List<String> breaking) {
        Map<String, String> deployed = new LinkedHashMap<>();
        GlueTypes.structFields(was).forEach((name, type) -> deployed.put(name.toLowerCase(Locale.ROOT), type));
        for (FieldSpec sub : now.storageType().fields()) {
            String type = deployed.remove(sub.name().toLowerCase(Locale.ROOT));
            String path = column + "." + sub.name();
            if (type == null) {
                if (!sub.nullable()) {
                    breaking.add("new lake column " + path + " is not nullable (old files lack it)");
                } else {
                    additions.add("lake column " + path);
                }
            } else if (!type.equals(sub.storageType().glueType())) {
                breaking.add("lake column " + path + " changes type " + type + " -> " + sub.storageType().glueType()
                        + " (files already written hold " + type + ")");
            }
        }
        deployed.keySet().forEach(name -> breaking.add("lake column " + column + "." + name
                + " is removed (files already written hold it)"));
    }

    /**
     * Compares two versions of one field; a record on both sides sub-field by sub-field. {@code raw} judges as raw
     * fields are judged (producers), otherwise as lake columns (files).
     */
    private static void field(String path, FieldSpec old, FieldSpec now, boolean raw, List<String> additions,
                              List<String> breaking) {
        String what = raw ? "raw field " : "lake column ";
        if (old.storageType().kind() == FieldType.Kind.RECORD && now.storageType().kind() == FieldType.Kind.RECORD
                && old.types().size() == 1 && now.types().size() == 1) {
            for (FieldSpec oldSub : old.storageType().fields()) {
                FieldSpec nowSub = now.storageType().field(oldSub.name()).orElse(null);
                if (nowSub == null) {
                    breaking.add(what + path + "." + oldSub.name() + " is removed"
                            + (raw ? "" : " (files already written hold it)"));
                } else {
                    field(path + "." + oldSub.name(), oldSub, nowSub, raw, additions, breaking);
                }
            }
            for (FieldSpec nowSub : now.storageType().fields()) {
                if (old.storageType().field(nowSub.name()).isEmpty()) {
                    added(path + "." + nowSub.name(), nowSub, raw, additions, breaking);
                }
            }
        } else if (raw && !now.types().equals(old.types())) {
            breaking.add("raw field " + path + " changes type " + describe(old) + " -> " + describe(now));
        } else if (!raw && !now.storageType().equals(old.storageType())) {
            breaking.add("lake column " + path + " changes type " + old.storageType().glueType() + " -> "
                    + now.storageType().glueType());
        }
        if (raw && now.required() && !old.required()) {
            breaking.add("raw field " + path + " becomes required");
        }
    }

    private static void added(String path, FieldSpec now, boolean raw, List<String> additions, List<String> breaking) {
        if (raw && now.required()) {
            breaking.add("new raw field " + path + " is required (old producers do not send it)");
        } else if (!raw && !now.nullable()) {
            breaking.add("new lake column " + path + " is not nullable (old files lack it)");
        } else {
            additions.add((raw ? "raw field " : "lake column ") + path);
        }
    }

    /**
     * Whether {@code next}'s event id and event time roles are the ones a deployment recorded in the raw table's
     * parameters ({@link RawSchemaParameters#EVENT_ID}, {@link RawSchemaParameters#EVENT_TIME}): the data already
     * written was de-duplicated by the one and partitioned by the other, so a change of either is breaking. A role the
     * parameters do not record (a table written before they were) is not judged.
     */
    public static Verdict deployedRoles(Map<String, String> parameters, EventContract next) {
        List<String> breaking = new ArrayList<>();
        for (Role role : Role.values()) {
            String recorded = parameters == null ? null : parameters.get(role.parameter);
            if (recorded != null && !recorded.isBlank()) {
                role(role, recorded, next, breaking);
            }
        }
        return new Verdict(List.of(), breaking);
    }

    /** The roles whose field the data already written depends on, and what depends on it. */
    private enum Role {
        EVENT_ID("event id", RawSchemaParameters.EVENT_ID, c -> c.eventIdField().name(), "the data already written was de-duplicated by %1$s, "
                + "and compaction's look-back and accounting's manifests match an event's copies by it: copies on "
                + "both sides of the change would not match"),
        EVENT_TIME("event time", RawSchemaParameters.EVENT_TIME, c -> c.eventTimeField().name(), "the data already written is partitioned by %1$s: "
                + "an event sent again would land in another day or hour than its copy already written, and "
                + "compaction would keep both");

        final String label;
        final String parameter;
        final Function<EventContract, String> field;
        final String consequence;

        Role(String label, String parameter, Function<EventContract, String> field, String consequence) {
            this.label = label;
            this.parameter = parameter;
            this.field = field;
            this.consequence = consequence;
        }
    }

    private static void role(Role role, String was, EventContract next, List<String> breaking) {
        String now = role.field.apply(next);
        if (!was.equals(now)) {
            breaking.add(role.label + " changes " + was + " -> " + now + " (" + String.format(role.consequence, was, now)
                    + "): keep " + was + " as the " + role.label + ", or deploy the change as a new contract under "
                    + "another database (--database) or after dropping the tables");
        }
    }

    /**
     * Whether a deployed table partitioned by {@code deployed} (its Glue partition keys) can take {@code next}'s
     * partition keys: files already written lie under the old keys' prefixes, so any change is breaking. A table that
     * declares none (written by hand) is not judged.
     */
    public static Verdict deployedPartitions(List<String> deployed, List<String> next) {
        List<String> was = deployed.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        List<String> now = next.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        return new Verdict(List.of(), was.isEmpty() || was.equals(now) ? List.of()
                : List.of("partition keys change " + was + " -> " + now + " (files already written are under the old "
                        + "keys' prefixes)"));
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
            field(old.name(), old, now, true, additions, breaking);
        }
        for (FieldSpec now : after.fields()) {
            if (!before.has(now.name())) {
                added(now.name(), now, true, additions, breaking);
            }
        }
    }

    private static void enriched(EventSchema before, EventSchema after, List<String> additions, List<String> breaking) {
        for (FieldSpec old : before.fields()) {
            FieldSpec now = after.field(old.name()).orElse(null);
            if (now == null) {
                breaking.add("lake column " + old.name() + " is removed (files already written hold it)");
            } else {
                field(old.name(), old, now, false, additions, breaking);
            }
        }
        for (FieldSpec now : after.fields()) {
            if (!before.has(now.name())) {
                added(now.name(), now, false, additions, breaking);
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
