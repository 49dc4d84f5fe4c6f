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
            case "rename" -> new Copy(copied(node.onlyKeys(Set.of("kind", "from")), field));
            case "default" -> defaulted(node.onlyKeys(Set.of("kind", "from", "value")), field);
            case "lookup" -> lookup(node.onlyKeys(Set.of("kind", "from", "table", "default")), field);
            case "event_time" -> new EventTime();
            case "date_part" -> new DatePart(part(node.onlyKeys(Set.of("kind", "part")), DatePart.Part.class));
            case "url" -> new Url(shared(node.onlyKeys(Set.of("kind", "from", "part")), kind),
                    part(node, Url.Part.class));
            case "referrer_class" -> new ReferrerClass(text(node.onlyKeys(Set.of("kind", "from", "site"))
                    .child("from"), kind, false), node.child("site").present() ? text(node.child("site"), kind, false)
                    : "");
            case "user_agent" -> new UserAgent(shared(node.onlyKeys(Set.of("kind", "from", "part")), kind),
                    part(node, UserAgent.Part.class));
            case "ip_anonymize" -> new IpAnonymize(text(node.onlyKeys(Set.of("kind", "from")).child("from"), kind,
                    true));
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
        String from = node.child("from").present() ? copied(node, field) : raw.field(field.name())
                .orElseThrow(() -> node.error("needs 'from': there is no raw field named '" + field.name() + "'")).name();
        YamlSetting value = node.child("value");
        if (!value.present()) {
            throw value.error("is required: the value when " + from + " is absent");
        }
        return new Default(from, Values.convert(value, field.storageType()));
    }

    private Lookup lookup(YamlSetting node, FieldSpec field) {
        String from = node.child("from").text();
        source(node.child("from"), false);
        YamlSetting table = node.child("table");
        String file = table.text();
        byte[] bytes = source.read(file).orElseThrow(() -> table.error("no file " + source.describe(file)));
        return new Lookup(from, file, LookupTable.parse(source.describe(file), bytes),
                node.child("default").text(null));
    }

    /** url and user_agent parse their source once per record, so every enrichment of one kind reads one field. */
    private String shared(YamlSetting node, String kind) {
        String from = text(node.child("from"), kind, false);
        String first = sharedSources.putIfAbsent(kind, from);
        if (first != null && !first.equals(from)) {
            throw node.child("from").error("every " + kind + " enrichment must read the same field; another reads '"
                    + first + "'");
        }
        return from;
    }

    /** The raw field (or sub-field) rename and default copy, whose type must fit the enriched field's. */
    private String copied(YamlSetting node, FieldSpec target) {
        YamlSetting from = node.child("from");
        checkCopy(from, from.text(), source(from, false), target);
        return from.text();
    }

    /** The string raw field (or sub-field) that url, user_agent, referrer_class and ip_anonymize read as text. */
    private String text(YamlSetting from, String kind, boolean personalAllowed) {
        FieldSpec spec = source(from, personalAllowed);
        if (spec.storageType().kind() != Kind.STRING) {
            throw from.error("raw field '" + from.text() + "' is " + spec.storageType().kind() + "; " + kind
                    + " reads text, a string field");
        }
        return from.text();
    }

    /**
     * The raw field a {@code from} (or {@code site}) names, for every kind that reads one: a field, or a record's
     * sub-field by its dotted path ({@code location.building}), which the transform reads from the record's value at
     * no extra parse. A personal field only where {@code personalAllowed} (ip_anonymize).
     */
    private FieldSpec source(YamlSetting from, boolean personalAllowed) {
        String name = from.text();
        int dot = name.indexOf('.');
        FieldSpec spec = raw.fieldAt(name).orElseThrow(() -> from.error(dot >= 0
                ? "'" + name + "' is not a sub-field of a record field of " + raw.fullName()
                        + " (a dotted name reads inside a record field)"
                : "'" + name + "' is not a field of " + raw.fullName() + "; raw fields: " + names(raw)));
        // A sub-field of a personal record is personal: the mark is on the record, sub-fields cannot carry it.
        FieldSpec field = dot < 0 ? spec : raw.field(name.substring(0, dot)).orElseThrow();
        if (field.pii() && !personalAllowed) {
            throw from.error("'" + name + "' is personal (firelake.pii" + (dot < 0 ? "" : " on " + field.name())
                    + "): only ip_anonymize may read it");
        }
        return spec;
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
