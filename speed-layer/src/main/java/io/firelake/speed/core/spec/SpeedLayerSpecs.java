package io.firelake.speed.core.spec;

import io.firelake.events.yaml.YamlTree;
import io.firelake.events.yaml.YamlTree.Mapping;
import io.firelake.events.yaml.YamlTree.Sequence;
import io.firelake.speed.core.spec.AggregateSpec.Kind;

import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and validates a speed-layer.yaml (format: docs/contracts.md, "The speed layer's aggregates"). Every problem is a
 * {@link SpecException} naming the file, the line and the setting; nothing is guessed and no setting is ignored.
 */
public final class SpeedLayerSpecs extends YamlSettings {

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

    private SpeedLayerSpecs(String source) {
        super(source);
    }

    /** The spec in {@code text}; {@code source} names it in messages (a path or a resource name). */
    public static SpeedLayerSpec parse(String source, Reader text) {
        return new SpeedLayerSpecs(source).spec(read(source, text));
    }

    private SpeedLayerSpec spec(YamlTree root) {
        Mapping top = mapping(root, null, TOP_KEYS);
        Mapping event = mapping(required(top, "event", null), "event", EVENT_KEYS);
        Mapping fieldsNode = mapping(required(top, "fields", null), "fields", null);
        List<FieldSpec> fields = new ArrayList<>();
        Map<String, Integer> lines = new HashMap<>();
        for (Map.Entry<String, YamlTree> entry : fieldsNode.entries().entrySet()) {
            name(entry.getKey(), entry.getValue().line(), "fields." + entry.getKey());
            fields.add(field(entry.getKey(), entry.getValue()));
            lines.put(entry.getKey(), entry.getValue().line());
        }
        if (fields.isEmpty()) {
            throw fail(fieldsNode.line(), "fields", "declare at least the event's id and time");
        }
        if (fields.size() > MAX_FIELDS) {
            throw fail(fieldsNode.line(), "fields", fields.size() + " fields; at most " + MAX_FIELDS);
        }
        checkPaths(fields, lines);
        FieldSpec id = role(event, "id", fields, true);
        FieldSpec time = role(event, "time", fields, true);
        FieldSpec type = role(event, "type", fields, false);
        requireType(id, FieldType.STRING, event.entries().get("id").line(), "event.id");
        requireType(time, FieldType.TIMESTAMP, event.entries().get("time").line(), "event.time");
        if (type != null && (type.type() != FieldType.STRING || !type.isEnum())) {
            throw fail(event.entries().get("type").line(), "event.type",
                    "field '" + type.name() + "' must be a string with values (the event types)");
        }
        for (FieldSpec field : fields) {
            if (field.requiredWhen() != null) {
                condition(field.requiredWhen(), fields, lines.get(field.name()), "fields." + field.name() + ".required_when");
            }
        }
        Mapping aggregatesNode = mapping(required(top, "aggregates", null), "aggregates", null);
        List<AggregateSpec> aggregates = new ArrayList<>();
        Set<String> attributes = new HashSet<>();
        for (Map.Entry<String, YamlTree> entry : aggregatesNode.entries().entrySet()) {
            String where = "aggregates." + entry.getKey();
            int line = entry.getValue().line();
            name(entry.getKey(), line, where);
            if (RESERVED_NAMES.contains(entry.getKey())) {
                throw fail(line, where, "'" + entry.getKey() + "' is an attribute of the table itself; reserved: "
                        + new java.util.TreeSet<>(RESERVED_NAMES));
            }
            AggregateSpec aggregate = aggregate(entry.getKey(), entry.getValue(), fields);
            List<String> names = aggregate.kind() == Kind.DISTINCT
                    ? List.of(aggregate.name() + "_sketch", aggregate.name() + "_estimate") : List.of(aggregate.name());
            for (String attribute : names) {
                if (!attributes.add(attribute)) {
                    throw fail(line, where, "its attribute '" + attribute + "' is another aggregate's");
                }
            }
            aggregates.add(aggregate);
        }
        if (aggregates.isEmpty()) {
            throw fail(aggregatesNode.line(), "aggregates", "declare at least one aggregate");
        }
        return new SpeedLayerSpec(source, id.name(), time.name(), type == null ? null : type.name(), fields, aggregates);
    }

    private FieldSpec field(String name, YamlTree node) {
        String at = "fields." + name;
        Mapping settings = mapping(node, at, FIELD_KEYS);
        FieldType type = enumValue(FieldType.class, text(required(settings, "type", at), at + ".type"),
                required(settings, "type", at).line(), at + ".type");
        YamlTree pathNode = settings.entries().get("path");
        String pathText = pathNode == null ? name : text(pathNode, at + ".path");
        List<String> path = List.of(pathText.split("\\.", -1));
        if (path.stream().anyMatch(String::isEmpty)) {
            throw fail(line(pathNode, settings), at + ".path", "'" + pathText + "' has an empty key");
        }
        boolean required = bool(settings, "required", at, false);
        boolean nullable = bool(settings, "nullable", at, true);
        Condition requiredWhen = settings.entries().containsKey("required_when")
                ? conditionNode(settings.entries().get("required_when"), at + ".required_when") : null;
        List<String> values = settings.entries().containsKey("values")
                ? strings(settings.entries().get("values"), at + ".values") : List.of();
        if (values.size() > MAX_FIELDS) {
            throw fail(settings.entries().get("values").line(), at + ".values",
                    values.size() + " values; at most " + MAX_FIELDS + " (a dimension of more is a string without values)");
        }
        String pattern = null;
        if (settings.entries().containsKey("pattern")) {
            pattern = text(settings.entries().get("pattern"), at + ".pattern");
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw fail(settings.entries().get("pattern").line(), at + ".pattern",
                        "not a regular expression: " + e.getDescription());
            }
        }
        String cutAt = settings.entries().containsKey("cut_at") ? text(settings.entries().get("cut_at"), at + ".cut_at") : null;
        int maxLength = integer(settings, "max_length", at, 0, 1, 1_000_000);
        for (String stringOnly : List.of("values", "pattern", "cut_at", "max_length")) {
            if (settings.entries().containsKey(stringOnly) && type != FieldType.STRING) {
                throw fail(settings.entries().get(stringOnly).line(), at + "." + stringOnly,
                        "only a string field takes " + stringOnly + ", not " + article(type));
            }
        }
        int precision = 0;
        int scale = 0;
        if (type == FieldType.DECIMAL) {
            precision = integer(settings, "precision", at, -1, 1, 18);
            if (precision < 0) {
                throw fail(settings.line(), at + ".precision", "a decimal needs its precision (1 to 18) and scale");
            }
            scale = integer(settings, "scale", at, 0, 0, precision);
        } else {
            for (String decimalOnly : List.of("precision", "scale")) {
                if (settings.entries().containsKey(decimalOnly)) {
                    throw fail(settings.entries().get(decimalOnly).line(), at + "." + decimalOnly,
                            "only a decimal field takes " + decimalOnly);
                }
            }
        }
        String defaultValue = null;
        if (settings.entries().containsKey("default")) {
            YamlTree node2 = settings.entries().get("default");
            defaultValue = text(node2, at + ".default");
            if (type != FieldType.INT && type != FieldType.LONG && type != FieldType.DECIMAL && type != FieldType.DOUBLE) {
                throw fail(node2.line(), at + ".default", "only a numeric field takes a default");
            }
            try {
                new java.math.BigDecimal(defaultValue);
            } catch (NumberFormatException e) {
                throw fail(node2.line(), at + ".default", "'" + defaultValue + "' is not a number");
            }
        }
        return new FieldSpec(name, path, type, required, nullable, requiredWhen, values, pattern, cutAt, maxLength,
                precision, scale, defaultValue, node.line());
    }

    private AggregateSpec aggregate(String name, YamlTree node, List<FieldSpec> fields) {
        String at = "aggregates." + name;
        Mapping settings = mapping(node, at, AGGREGATE_KEYS);
        YamlTree kindNode = required(settings, "kind", at);
        Kind kind = enumValue(Kind.class, text(kindNode, at + ".kind"), kindNode.line(), at + ".kind");
        FieldSpec field = fieldRef(settings, "field", fields, at);
        FieldSpec times = fieldRef(settings, "times", fields, at);
        FieldSpec by = fieldRef(settings, "by", fields, at);
        Condition where = settings.entries().containsKey("where")
                ? condition(conditionNode(settings.entries().get("where"), at + ".where"), fields,
                settings.entries().get("where").line(), at + ".where") : null;
        int line = settings.line();
        switch (kind) {
            case COUNT -> forbid(settings, at, kind, "field", "times", "k");
            case SUM, MIN, MAX -> {
                forbid(settings, at, kind, "k");
                if (field == null || !field.isNumeric()) {
                    throw fail(line(settings.entries().get("field"), settings), at + ".field",
                            "a " + kind.yamlName() + " needs a numeric field (int, long, decimal or double)"
                                    + (field == null ? "" : "; '" + field.name() + "' is " + article(field.type())));
                }
                if (times != null && (kind != Kind.SUM || !times.isNumeric() || times.type() == FieldType.DOUBLE
                        || field.type() == FieldType.DOUBLE)) {
                    throw fail(settings.entries().get("times").line(), at + ".times",
                            "only a sum of an exact field (int, long or decimal) takes times, and times must be exact too");
                }
                if (times != null && field.scale() + times.scale() > 18) {
                    throw fail(settings.entries().get("times").line(), at + ".times", "the product has over 18 decimals");
                }
            }
            case DISTINCT, TOP_K -> {
                forbid(settings, at, kind, "times", "by");
                if (kind == Kind.DISTINCT) {
                    forbid(settings, at, kind, "k");
                }
                if (field == null || field.type() != FieldType.STRING) {
                    throw fail(line(settings.entries().get("field"), settings), at + ".field",
                            "a " + kind.yamlName() + " needs a string field"
                                    + (field == null ? "" : "; '" + field.name() + "' is " + article(field.type())));
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
        if (by != null && by.type() != FieldType.STRING) {
            throw fail(settings.entries().get("by").line(), at + ".by",
                    "a dimension must be a string field; '" + by.name() + "' is " + article(by.type()));
        }
        if (settings.entries().containsKey("max_keys") && (by == null || by.isEnum())) {
            throw fail(settings.entries().get("max_keys").line(), at + ".max_keys",
                    "only a dimension ('by') that is not an enum takes max_keys");
        }
        int k = integer(settings, "k", at, 10, 1, MAX_KEYS_LIMIT);
        int maxKeys = integer(settings, "max_keys", at, 50, 1, MAX_KEYS_LIMIT);
        return new AggregateSpec(name, kind, field == null ? null : field.name(), times == null ? null : times.name(),
                by == null ? null : by.name(), where, k, maxKeys);
    }

    private void forbid(Mapping settings, String at, Kind kind, String... keys) {
        for (String key : keys) {
            if (settings.entries().containsKey(key)) {
                throw fail(settings.entries().get(key).line(), at + "." + key, "a " + kind.yamlName() + " takes no " + key);
            }
        }
    }

    private FieldSpec fieldRef(Mapping settings, String key, List<FieldSpec> fields, String at) {
        YamlTree node = settings.entries().get(key);
        if (node == null) {
            return null;
        }
        String name = text(node, at + "." + key);
        return find(fields, name, node.line(), at + "." + key);
    }

    private FieldSpec find(List<FieldSpec> fields, String name, int line, String at) {
        for (FieldSpec field : fields) {
            if (field.name().equals(name)) {
                return field;
            }
        }
        throw fail(line, at, "no field '" + name + "' (fields: " + fields.stream().map(FieldSpec::name).toList() + ")");
    }

    private FieldSpec role(Mapping event, String key, List<FieldSpec> fields, boolean required) {
        YamlTree node = required ? required(event, key, "event") : event.entries().get(key);
        return node == null ? null : find(fields, text(node, "event." + key), node.line(), "event." + key);
    }

    private void requireType(FieldSpec field, FieldType type, int line, String at) {
        if (field.type() != type) {
            throw fail(line, at, "field '" + field.name() + "' must be " + article(type) + ", not " + article(field.type()));
        }
    }

    private Condition conditionNode(YamlTree node, String at) {
        Mapping mapping = mapping(node, at, null);
        if (mapping.entries().size() != 1) {
            throw fail(node.line(), at, "name one field and its value or values, as {event_type: [a, b]}");
        }
        Map.Entry<String, YamlTree> only = mapping.entries().entrySet().iterator().next();
        List<String> values = only.getValue() instanceof Sequence ? strings(only.getValue(), at + "." + only.getKey())
                : List.of(text(only.getValue(), at + "." + only.getKey()));
        return new Condition(only.getKey(), values);
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

    private void name(String name, int line, String at) {
        if (!NAME.matcher(name).matches()) {
            throw fail(line, at, "names are lower case letters, digits and _ (they become DynamoDB attributes)");
        }
    }

    private static String article(FieldType type) {
        String name = yaml(type);
        return ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    private static String yaml(FieldType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

}
