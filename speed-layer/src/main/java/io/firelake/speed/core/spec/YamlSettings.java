package io.firelake.speed.core.spec;

import io.firelake.events.yaml.YamlException;
import io.firelake.events.yaml.YamlTree;
import io.firelake.events.yaml.YamlTree.Mapping;
import io.firelake.events.yaml.YamlTree.Scalar;
import io.firelake.events.yaml.YamlTree.Sequence;

import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Typed access to a {@link YamlTree}'s settings, each failure a {@link SpecException} naming file, line and setting. */
abstract class YamlSettings {

    final String source;

    YamlSettings(String source) {
        this.source = source;
    }

    /** The document's root node; a {@link SpecException} for an empty file or text that is not YAML. */
    static YamlTree read(String source, Reader text) {
        YamlTree root;
        try {
            root = YamlTree.read(text);
        } catch (YamlException e) {
            throw e.duplicateKey() != null ? new SpecException(source, e.line(), e.duplicateKey(), "appears twice")
                    : new SpecException(source, e.line(), null, "not valid YAML: " + e.problem());
        }
        if (root instanceof Scalar scalar && scalar.isNull()) {
            throw new SpecException(source, 1, null, "the file is empty");
        }
        return root;
    }

    Mapping mapping(YamlTree node, String at, Set<String> allowed) {
        if (!(node instanceof Mapping mapping)) {
            throw fail(node.line(), at, "expected a mapping (key: value lines)");
        }
        if (allowed != null) {
            for (String key : mapping.entries().keySet()) {
                if (!allowed.contains(key)) {
                    throw fail(mapping.entries().get(key).line(), at == null ? key : at + "." + key,
                            "unknown setting; settings here: " + new java.util.TreeSet<>(allowed));
                }
            }
        }
        return mapping;
    }

    YamlTree required(Mapping mapping, String key, String at) {
        YamlTree node = mapping.entries().get(key);
        if (node == null) {
            throw fail(mapping.line(), at == null ? key : at + "." + key, "missing");
        }
        return node;
    }

    String text(YamlTree node, String at) {
        if (!(node instanceof Scalar scalar) || scalar.isNull()) {
            throw fail(node.line(), at, "expected a single value");
        }
        return scalar.text();
    }

    List<String> strings(YamlTree node, String at) {
        if (!(node instanceof Sequence sequence) || sequence.items().isEmpty()) {
            throw fail(node.line(), at, "expected a list of values, as [a, b]");
        }
        List<String> values = new ArrayList<>();
        for (YamlTree item : sequence.items()) {
            String value = text(item, at);
            if (values.contains(value)) {
                throw fail(item.line(), at, "'" + value + "' is listed twice");
            }
            values.add(value);
        }
        return values;
    }

    boolean bool(Mapping settings, String key, String at, boolean defaultValue) {
        YamlTree node = settings.entries().get(key);
        if (node == null) {
            return defaultValue;
        }
        String text = text(node, at + "." + key);
        if (!text.equals("true") && !text.equals("false")) {
            throw fail(node.line(), at + "." + key, "expected true or false, not '" + text + "'");
        }
        return Boolean.parseBoolean(text);
    }

    int integer(Mapping settings, String key, String at, int defaultValue, int min, int max) {
        YamlTree node = settings.entries().get(key);
        if (node == null) {
            return defaultValue;
        }
        String text = text(node, at + "." + key);
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw fail(node.line(), at + "." + key, "expected a whole number from " + min + " to " + max + ", not '" + text + "'");
    }

    <E extends Enum<E>> E enumValue(Class<E> type, String text, int line, String at) {
        for (E value : type.getEnumConstants()) {
            if (value.name().toLowerCase(Locale.ROOT).equals(text)) {
                return value;
            }
        }
        throw fail(line, at, "'" + text + "' is not one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
    }

    static int line(YamlTree node, YamlTree fallback) {
        return node == null ? fallback.line() : node.line();
    }

    SpecException fail(int line, String field, String problem) {
        return new SpecException(source, line, field, problem);
    }
}
