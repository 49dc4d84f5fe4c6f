package io.firelake.events.contract;

import io.firelake.events.contract.Enrichment.Copy;
import io.firelake.events.contract.Enrichment.DatePart;
import io.firelake.events.contract.Enrichment.Default;
import io.firelake.events.contract.Enrichment.EventTime;
import io.firelake.events.contract.Enrichment.IpAnonymize;
import io.firelake.events.contract.Enrichment.Lookup;
import io.firelake.events.contract.Enrichment.RecordMetadata;
import io.firelake.events.contract.Enrichment.ReferrerClass;
import io.firelake.events.contract.Enrichment.Url;
import io.firelake.events.contract.Enrichment.UserAgent;
import io.firelake.events.schema.EventSchema;
import io.firelake.events.schema.FieldSpec;
import io.firelake.events.schema.FieldType.Kind;
import io.firelake.events.yaml.YamlSetting;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code contract.yaml}'s {@code enrichments}: one entry per enriched field that is not a plain copy of the raw
 * field of the same name. Every entry is checked against both schemas here, with the line at fault, so that the
 * transform only ever builds from a contract that binds every enriched field.
 */
final class EnrichmentReader {

    static final List<String> KINDS = List.of("rename", "default", "lookup", "event_time", "date_part", "url",
            "referrer_class", "user_agent", "ip_anonymize", "record_metadata");

    private final EventSchema raw;
    private final EventSchema enriched;
    private final ContractSource source;
    private final Map<String, String> sharedSources = new HashMap<>();

    EnrichmentReader(EventSchema raw, EventSchema enriched, ContractSource source) {
        this.raw = raw;
        this.enriched = enriched;
        this.source = source;
    }

    /** Every enriched field's enrichment, in enriched-schema order; {@code unbound} is where a missing one is reported. */
    Map<String, Enrichment> read(YamlSetting declared, YamlSetting unbound) {
        Map<String, Enrichment> byField = new HashMap<>();
        for (Map.Entry<String, YamlSetting> entry : declared.entries()) {
            FieldSpec field = enriched.field(entry.getKey()).orElseThrow(() -> entry.getValue().error(
                    "is not a field of " + enriched.fullName() + "; enriched fields: " + names(enriched)));
            byField.put(field.name(), read(entry.getValue(), field));
        }
        Map<String, Enrichment> all = new LinkedHashMap<>();
        for (FieldSpec field : enriched.fields()) {
            Enrichment e = byField.get(field.name());
            if (e == null) {
                FieldSpec same = raw.field(field.name()).orElseThrow(() -> unbound.error("enriched field '"
                        + field.name() + "' has no source: declare it under enrichments (kinds: " + KINDS
                        + ") or add a raw field of that name"));
                if (same.pii()) {
                    throw unbound.error("enriched field '" + field.name() + "' would copy the personal raw field of "
                            + "that name into the lake; declare an enrichment such as ip_anonymize instead");
                }
                checkCopy(unbound, same, field);
                e = new Copy(same.name());
            }
            all.put(field.name(), e);
        }
        return all;
    }

    private Enrichment read(YamlSetting node, FieldSpec field) {
        String kind = node.child("kind").text();
        Enrichment enrichment = switch (kind) {
            case "rename" -> new Copy(path(node.onlyKeys(Set.of("kind", "from")), field));
            case "default" -> defaulted(node.onlyKeys(Set.of("kind", "from", "value")), field);
            case "lookup" -> lookup(node.onlyKeys(Set.of("kind", "from", "table", "default")), field);
            case "event_time" -> new EventTime();
            case "date_part" -> new DatePart(part(node.onlyKeys(Set.of("kind", "part")), DatePart.Part.class));
            case "url" -> new Url(shared(node.onlyKeys(Set.of("kind", "from", "part")), kind),
                    part(node, Url.Part.class));
            case "referrer_class" -> new ReferrerClass(rawField(node.onlyKeys(Set.of("kind", "from", "site")), field,
                    false).name(), node.child("site").present() ? rawField(node.child("site")).name() : "");
            case "user_agent" -> new UserAgent(shared(node.onlyKeys(Set.of("kind", "from", "part")), kind),
                    part(node, UserAgent.Part.class));
            case "ip_anonymize" -> new IpAnonymize(rawField(node.onlyKeys(Set.of("kind", "from")), field, true).name());
            case "record_metadata" -> new RecordMetadata(part(node.onlyKeys(Set.of("kind", "part")),
                    RecordMetadata.Part.class));
            default -> throw node.child("kind").error("unknown enrichment kind '" + kind + "'; kinds: " + KINDS);
        };
        Kind stored = field.storageType().kind();
        if (!enrichment.produces().contains(stored)) {
            throw node.child("kind").error(kind + " gives " + enrichment.produces().stream().map(Enum::name).sorted()
                    .toList() + ", but enriched field '" + field.name() + "' is " + stored);
        }
        return enrichment;
    }

    private Default defaulted(YamlSetting node, FieldSpec field) {
        String from = node.child("from").present() ? path(node, field) : raw.field(field.name())
                .orElseThrow(() -> node.error("needs 'from': there is no raw field named '" + field.name() + "'")).name();
        YamlSetting value = node.child("value");
        if (!value.present()) {
            throw value.error("is required: the value when " + from + " is absent");
        }
        return new Default(from, Values.convert(value, field.storageType()));
    }

    private Lookup lookup(YamlSetting node, FieldSpec field) {
        String from = path(node, field);
        YamlSetting table = node.child("table");
        String file = table.text();
        byte[] bytes = source.read(file).orElseThrow(() -> table.error("no file " + source.describe(file)));
        return new Lookup(from, file, LookupTable.parse(source.describe(file), bytes),
                node.child("default").text(null));
    }

    /** url and user_agent parse their source once per record, so every enrichment of one kind reads one field. */
    private String shared(YamlSetting node, String kind) {
        FieldSpec from = rawField(node.child("from"));
        String first = sharedSources.putIfAbsent(kind, from.name());
        if (first != null && !first.equals(from.name())) {
            throw node.child("from").error("every " + kind + " enrichment must read the same field; another reads '"
                    + first + "'");
        }
        return from.name();
    }

    /**
     * The raw field {@code from} names for rename, default and lookup: a field, or a record's sub-field by its dotted
     * path ({@code location.building}), which the transform reads from the record's value at no extra parse.
     */
    private String path(YamlSetting node, FieldSpec target) {
        YamlSetting from = node.child("from");
        String name = from.text();
        if (name.indexOf('.') < 0) {
            return rawField(node, target, false).name();
        }
        FieldSpec sub = raw.fieldAt(name).orElseThrow(() -> from.error("'" + name + "' is not a sub-field of a record "
                + "field of " + raw.fullName() + " (a dotted name reads inside a record field)"));
        if (node.child("kind").text().matches("rename|default")) {
            checkCopy(from, name, sub, target);
        }
        return name;
    }

    private FieldSpec rawField(YamlSetting node, FieldSpec target, boolean personalAllowed) {
        FieldSpec from = rawField(node.child("from"));
        if (from.pii() && !personalAllowed) {
            throw node.child("from").error("'" + from.name() + "' is personal (firelake.pii): only ip_anonymize may read it");
        }
        if (node.child("kind").scalarText().matches("rename|default")) {
            checkCopy(node.child("from"), from, target);
        }
        return from;
    }

    private FieldSpec rawField(YamlSetting from) {
        String name = from.text();
        if (name.indexOf('.') > 0 && raw.fieldAt(name).isPresent()) {
            throw from.error("'" + name + "' is inside a record: only rename, default and lookup read a sub-field; "
                    + "this enrichment reads a top-level field");
        }
        return raw.field(name).orElseThrow(() -> from.error("'" + name + "' is not a field of " + raw.fullName()
                + "; raw fields: " + names(raw)));
    }

    private static void checkCopy(YamlSetting where, FieldSpec from, FieldSpec to) {
        checkCopy(where, from.name(), from, to);
    }

    private static void checkCopy(YamlSetting where, String name, FieldSpec from, FieldSpec to) {
        Kind in = from.storageType().kind();
        Kind out = to.storageType().kind();
        boolean nested = in == Kind.MAP || in == Kind.RECORD;
        boolean fits = (in == out && !nested)
                || (nested && in == out
                        && from.storageType().glueType().equals(to.storageType().glueType()))
                || (out == Kind.STRING && (in == Kind.UUID || in == Kind.ENUM))
                || (out == Kind.LONG && in == Kind.INT)
                || (out == Kind.DOUBLE && (in == Kind.INT || in == Kind.LONG || in == Kind.FLOAT));
        if (!fits) {
            throw where.error("raw field '" + name + "' is " + in + " and cannot fill enriched field '"
                    + to.name() + "', which is " + out);
        }
    }

    private static <E extends Enum<E>> E part(YamlSetting node, Class<E> parts) {
        YamlSetting part = node.child("part");
        String label = part.text();
        return Arrays.stream(parts.getEnumConstants()).filter(p -> Enrichment.label(p).equals(label)).findFirst()
                .orElseThrow(() -> part.error("unknown part '" + label + "'; parts: "
                        + Arrays.stream(parts.getEnumConstants()).map(Enrichment::label).toList()));
    }

    private static List<String> names(EventSchema schema) {
        return schema.fields().stream().map(FieldSpec::name).toList();
    }
}
