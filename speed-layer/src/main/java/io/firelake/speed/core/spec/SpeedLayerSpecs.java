package io.firelake.speed.core.spec;

import io.firelake.events.yaml.YamlSetting;
import io.firelake.speed.core.spec.AggregateSpec.Kind;

import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and validates a speed-layer.yaml (format: docs/contracts.md, "The speed layer's aggregates"). Every problem is a
 * {@link SpecException} naming the file, the line and the setting; nothing is guessed and no setting is ignored.
 */
public final class SpeedLayerSpecs {

    /** Attributes the aggregates table uses itself: no aggregate may take their name. */
    public static final Set<String> RESERVED_NAMES = Set.of("pk", "sk", "kind", "minute", "shard", "window_start",
            "window_end", "first_seq", "last_seq", "last_seq_sort", "events_total", "expires_at");
    /** At most this many fields: their presence is one bit each of a long. */
    public static final int MAX_FIELDS = 64;
    static final int MAX_KEYS_LIMIT = 1000;
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Set<String> TOP_KEYS = Set.of("event", "fields", "aggregates");
    private static final Set<String> EVENT_KEYS = Set.of("id", "time", "type");
    private static final Set<String> FIELD_KEYS = Set.of("path", "type", "required", "nullable", "required_when",
            "values", "pattern", "cut_at", "max_length", "precision", "scale", "default");
    private static final Set<String> AGGREGATE_KEYS = Set.of("kind", "field", "times", "by", "where", "k", "max_keys");
    private static final YamlSetting.Words WORDS = new YamlSetting.Words("missing", "expected a single value",
            "expected a mapping (key: value lines)", "expected a list of values, as [a, b]",
            "unknown setting; settings here: ");

    private final String source;

    private SpeedLayerSpecs(String source) {
        this.source = source;
    }

    /** The spec in {@code text}; {@code source} names it in messages (a path or a resource name). */
    public static SpeedLayerSpec parse(String source, Reader text) {
        YamlSetting root = YamlSetting.read(text, new YamlSetting.Dialect(
                (line, path, problem) -> new SpecException(source, line, path.isEmpty() ? null : path, problem),
                e -> e.duplicateKey() != null ? new SpecException(source, e.line(), e.duplicateKey(), "appears twice")
                        : new SpecException(source, e.line(), null, "not valid YAML: " + e.problem()),
                YamlSetting.Lines.VALUE, WORDS));
        if (!root.present()) {
            throw new SpecException(source, 1, null, "the file is empty");
        }
        return new SpeedLayerSpecs(source).spec(root);
    }

    private SpeedLayerSpec spec(YamlSetting root) {
        YamlSetting top = root.mapping().onlyKeys(TOP_KEYS);
        YamlSetting event = top.child("event").required().mapping().onlyKeys(EVENT_KEYS);
        YamlSetting fieldsNode = top.child("fields").required().mapping();
        List<FieldSpec> fields = new ArrayList<>();
        Map<String, Integer> lines = new HashMap<>();
        for (Map.Entry<String, YamlSetting> entry : fieldsNode.entries()) {
            name(entry.getKey(), entry.getValue());
            fields.add(field(entry.getKey(), entry.getValue()));
            lines.put(entry.getKey(), entry.getValue().line());
        }
        if (fields.isEmpty()) {
            throw fieldsNode.error("declare at least the event's id and time");
        }
        if (fields.size() > MAX_FIELDS) {
            throw fieldsNode.error(fields.size() + " fields; at most " + MAX_FIELDS);
        }
        checkPaths(fields, lines);
        FieldSpec id = role(event, "id", fields, true);
        FieldSpec time = role(event, "time", fields, true);
        FieldSpec type = role(event, "type", fields, false);
        requireType(id, FieldType.STRING, event.child("id"));
        requireType(time, FieldType.TIMESTAMP, event.child("time"));
        if (type != null && (type.type() != FieldType.STRING || !type.isEnum())) {
            throw event.child("type").error("field '" + type.name()
                    + "' must be a string with values (the event types)");
        }
        for (FieldSpec field : fields) {
            if (field.requiredWhen() != null) {
                condition(field.requiredWhen(), fields, lines.get(field.name()), "fields." + field.name() + ".required_when");
            }
        }
        YamlSetting aggregatesNode = top.child("aggregates").required().mapping();
        List<AggregateSpec> aggregates = new ArrayList<>();
        Set<String> attributes = new HashSet<>();
        for (Map.Entry<String, YamlSetting> entry : aggregatesNode.entries()) {
            YamlSetting node = entry.getValue();
            name(entry.getKey(), node);
            if (RESERVED_NAMES.contains(entry.getKey())) {
                throw node.error("'" + entry.getKey() + "' is an attribute of the table itself; reserved: "
                        + new TreeSet<>(RESERVED_NAMES));
            }
            AggregateSpec aggregate = aggregate(entry.getKey(), node, fields);
            List<String> names = aggregate.kind() == Kind.DISTINCT
                    ? List.of(aggregate.name() + "_sketch", aggregate.name() + "_estimate") : List.of(aggregate.name());
            for (String attribute : names) {
                if (!attributes.add(attribute)) {
                    throw node.error("its attribute '" + attribute + "' is another aggregate's");
                }
            }
            aggregates.add(aggregate);
        }
        if (aggregates.isEmpty()) {
            throw aggregatesNode.error("declare at least one aggregate");
        }
        return new SpeedLayerSpec(source, id.name(), time.name(), type == null ? null : type.name(), fields, aggregates);
    }

    private FieldSpec field(String name, YamlSetting node) {
        YamlSetting settings = node.mapping().onlyKeys(FIELD_KEYS);
        FieldType type = settings.child("type").required().oneOf(FieldType.class);
        YamlSetting pathNode = settings.child("path");
        String pathText = pathNode.absent() ? name : pathNode.value();
        List<String> path = List.of(pathText.split("\\.", -1));
        if (path.stream().anyMatch(String::isEmpty)) {
            throw pathNode.error("'" + pathText + "' has an empty key");
        }
        boolean required = settings.child("required").bool(false);
        boolean nullable = settings.child("nullable").bool(true);
        YamlSetting requiredWhenNode = settings.child("required_when");
        Condition requiredWhen = requiredWhenNode.absent() ? null : conditionNode(requiredWhenNode);
        YamlSetting valuesNode = settings.child("values");
        List<String> values = valuesNode.absent() ? List.of() : valuesNode.strings();
        if (values.size() > MAX_FIELDS) {
            throw valuesNode.error(values.size() + " values; at most " + MAX_FIELDS
                    + " (a dimension of more is a string without values)");
        }
        YamlSetting patternNode = settings.child("pattern");
        String pattern = patternNode.absent() ? null : patternNode.value();
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw patternNode.error("not a regular expression: " + e.getDescription());
            }
        }
        YamlSetting cutAtNode = settings.child("cut_at");
        String cutAt = cutAtNode.absent() ? null : cutAtNode.value();
        int maxLength = settings.child("max_length").integer(0, 1, 1_000_000);
        for (String stringOnly : List.of("values", "pattern", "cut_at", "max_length")) {
            if (!settings.child(stringOnly).absent() && type != FieldType.STRING) {
                throw settings.child(stringOnly).error("only a string field takes " + stringOnly + ", not "
                        + article(type));
            }
        }
        int precision = 0;
        int scale = 0;
        if (type == FieldType.DECIMAL) {
            precision = settings.child("precision").integer(-1, 1, 18);
            if (precision < 0) {
                throw settings.child("precision").error("a decimal needs its precision (1 to 18) and scale");
            }
            scale = settings.child("scale").integer(0, 0, precision);
        } else {
            for (String decimalOnly : List.of("precision", "scale")) {
                if (!settings.child(decimalOnly).absent()) {
                    throw settings.child(decimalOnly).error("only a decimal field takes " + decimalOnly);
                }
            }
        }
        YamlSetting defaultNode = settings.child("default");
        String defaultValue = defaultNode.absent() ? null : defaultNode.value();
        if (defaultValue != null) {
            if (type != FieldType.INT && type != FieldType.LONG && type != FieldType.DECIMAL && type != FieldType.DOUBLE) {
                throw defaultNode.error("only a numeric field takes a default");
            }
            try {
                new java.math.BigDecimal(defaultValue);
            } catch (NumberFormatException e) {
                throw defaultNode.error("'" + defaultValue + "' is not a number");
            }
        }
        return new FieldSpec(name, path, type, required, nullable, requiredWhen, values, pattern, cutAt, maxLength,
                precision, scale, defaultValue, node.line());
    }

    private AggregateSpec aggregate(String name, YamlSetting node, List<FieldSpec> fields) {
        YamlSetting settings = node.mapping().onlyKeys(AGGREGATE_KEYS);
        Kind kind = settings.child("kind").required().oneOf(Kind.class);
        FieldSpec field = fieldRef(settings.child("field"), fields);
        FieldSpec times = fieldRef(settings.child("times"), fields);
        FieldSpec by = fieldRef(settings.child("by"), fields);
        YamlSetting whereNode = settings.child("where");
        Condition where = whereNode.absent() ? null
                : condition(conditionNode(whereNode), fields, whereNode.line(), whereNode.path());
        switch (kind) {
            case COUNT -> forbid(settings, kind, "field", "times", "k");
            case SUM, MIN, MAX -> {
                forbid(settings, kind, "k");
                if (field == null || !field.isNumeric()) {
                    throw settings.child("field").error(
                            "a " + kind.yamlName() + " needs a numeric field (int, long, decimal or double)"
                                    + (field == null ? "" : "; '" + field.name() + "' is " + article(field.type())));
                }
                if (times != null && (kind != Kind.SUM || !times.isNumeric() || times.type() == FieldType.DOUBLE
                        || field.type() == FieldType.DOUBLE)) {
                    throw settings.child("times").error(
                            "only a sum of an exact field (int, long or decimal) takes times, and times must be exact too");
                }
                if (times != null && field.scale() + times.scale() > 18) {
                    throw settings.child("times").error("the product has over 18 decimals");
                }
            }
            case DISTINCT, TOP_K -> {
                forbid(settings, kind, "times", "by");
                if (kind == Kind.DISTINCT) {
                    forbid(settings, kind, "k");
                }
                if (field == null || field.type() != FieldType.STRING) {
                    throw settings.child("field").error("a " + kind.yamlName() + " needs a string field"
                            + (field == null ? "" : "; '" + field.name() + "' is " + article(field.type())));
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
        if (by != null && by.type() != FieldType.STRING) {
            throw settings.child("by").error(
                    "a dimension must be a string field; '" + by.name() + "' is " + article(by.type()));
        }
        if (!settings.child("max_keys").absent() && (by == null || by.isEnum())) {
            throw settings.child("max_keys").error("only a dimension ('by') that is not an enum takes max_keys");
        }
        int k = settings.child("k").integer(10, 1, MAX_KEYS_LIMIT);
        int maxKeys = settings.child("max_keys").integer(50, 1, MAX_KEYS_LIMIT);
        return new AggregateSpec(name, kind, field == null ? null : field.name(), times == null ? null : times.name(),
                by == null ? null : by.name(), where, k, maxKeys);
    }

    private void forbid(YamlSetting settings, Kind kind, String... keys) {
        for (String key : keys) {
            if (!settings.child(key).absent()) {
                throw settings.child(key).error("a " + kind.yamlName() + " takes no " + key);
            }
        }
    }

    private FieldSpec fieldRef(YamlSetting ref, List<FieldSpec> fields) {
        return ref.absent() ? null : find(fields, ref.value(), ref.line(), ref.path());
    }

    /** A field by its name or, dotted, by the path it reads ({@code by: location.building}). */
    private FieldSpec find(List<FieldSpec> fields, String name, int line, String at) {
        for (FieldSpec field : fields) {
            if (field.name().equals(name) || name.indexOf('.') > 0 && field.pathText().equals(name)) {
                return field;
            }
        }
        throw fail(line, at, "no field '" + name + "' (fields: " + fields.stream().map(FieldSpec::name).toList() + ")");
    }

    private FieldSpec role(YamlSetting event, String key, List<FieldSpec> fields, boolean required) {
        YamlSetting node = required ? event.child(key).required() : event.child(key);
        return node.absent() ? null : find(fields, node.value(), node.line(), node.path());
    }

    private void requireType(FieldSpec field, FieldType type, YamlSetting role) {
        if (field.type() != type) {
            throw role.error("field '" + field.name() + "' must be " + article(type) + ", not " + article(field.type()));
        }
    }

    private Condition conditionNode(YamlSetting node) {
        List<Map.Entry<String, YamlSetting>> entries = node.mapping().entries();
        if (entries.size() != 1) {
            throw node.error("name one field and its value or values, as {event_type: [a, b]}");
        }
        YamlSetting values = entries.get(0).getValue();
        return new Condition(entries.get(0).getKey(), values.isList() ? values.strings() : List.of(values.value()));
    }

    private Condition condition(Condition condition, List<FieldSpec> fields, int line, String at) {
        FieldSpec field = find(fields, condition.field(), line, at);
        if (field.type() != FieldType.STRING) {
            throw fail(line, at, "a condition tests a string field; '" + field.name() + "' is " + article(field.type()));
        }
        for (String value : condition.values()) {
            if (field.isEnum() && !field.values().contains(value)) {
                throw fail(line, at, "'" + value + "' is not one of " + field.name() + "'s values " + field.values());
            }
        }
        return condition;
    }

    /** Two fields may not read the same place, nor one a key inside the other's value. */
    private void checkPaths(List<FieldSpec> fields, Map<String, Integer> lines) {
        for (FieldSpec a : fields) {
            for (FieldSpec b : fields) {
                if (a != b && b.path().size() >= a.path().size() && b.path().subList(0, a.path().size()).equals(a.path())) {
                    throw fail(lines.get(b.name()), "fields." + b.name() + ".path", "'" + b.pathText()
                            + (b.path().size() == a.path().size() ? "' is also field '" : "' is inside field '")
                            + a.name() + "'");
                }
            }
        }
    }

    private void name(String name, YamlSetting node) {
        if (!NAME.matcher(name).matches()) {
            throw node.error("names are lower case letters, digits and _ (they become DynamoDB attributes)");
        }
    }

    private SpecException fail(int line, String field, String problem) {
        return new SpecException(source, line, field, problem);
    }

    private static String article(FieldType type) {
        String name = yaml(type);
        return ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    private static String yaml(FieldType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

}
