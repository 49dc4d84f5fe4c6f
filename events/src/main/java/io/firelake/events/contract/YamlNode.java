package io.firelake.events.contract;

import io.firelake.events.yaml.YamlException;
import io.firelake.events.yaml.YamlTree;
import io.firelake.events.yaml.YamlTree.Mapping;
import io.firelake.events.yaml.YamlTree.Scalar;
import io.firelake.events.yaml.YamlTree.Sequence;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A place in a contract's YAML file: the {@link YamlTree} node there (null when absent), its dotted path and the line
 * errors name (a key's own line; for an absent key, its nearest present ancestor's), for typed reads.
 */
record YamlNode(String file, YamlTree node, String path, int line) {

    /** Parses {@code yaml}; {@code file} is how errors name it. */
    static YamlNode root(String file, byte[] yaml) {
        try {
            YamlTree root = YamlTree.read(new InputStreamReader(new ByteArrayInputStream(yaml), StandardCharsets.UTF_8));
            return new YamlNode(file, root, "", root.line());
        } catch (YamlException e) {
            throw new ContractException(file, e.line(), "", e.problem());
        }
    }

    YamlNode child(String key) {
        String at = path.isEmpty() ? key : path + "." + key;
        if (node instanceof Mapping mapping && mapping.entries().containsKey(key)) {
            return new YamlNode(file, mapping.entries().get(key), at, mapping.keyLines().get(key));
        }
        return new YamlNode(file, null, at, line);
    }

    boolean present() {
        return node != null && !(node instanceof Scalar scalar && scalar.isNull());
    }

    ContractException error(String problem) {
        return new ContractException(file, line, path, problem);
    }

    /** The value's text, or empty when absent or not a single value. */
    String scalarText() {
        return present() && node instanceof Scalar scalar ? scalar.text() : "";
    }

    String text() {
        if (!present()) {
            throw error("is required");
        }
        if (!(node instanceof Scalar scalar) || scalar.text().isBlank()) {
            throw error("must be a non-empty text");
        }
        return scalar.text();
    }

    String text(String fallback) {
        return present() ? text() : fallback;
    }

    /** The parsed number, or null when the value is not a number. */
    Number numberValue() {
        return present() && node instanceof Scalar scalar ? scalar.number() : null;
    }

    double number(double fallback) {
        if (!present()) {
            return fallback;
        }
        if (numberValue() == null) {
            throw error("must be a number, not '" + scalarText() + "'");
        }
        return numberValue().doubleValue();
    }

    /** The value as a {@code long} when it is a whole number in range ({@code 3} or {@code 3.0}), else null. */
    Long wholeNumber() {
        Number number = numberValue();
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            return d == Math.rint(d) && d >= Long.MIN_VALUE && d <= Long.MAX_VALUE ? (long) d : null;
        }
        if (number instanceof BigInteger big) {
            return big.bitLength() < 64 ? big.longValue() : null;
        }
        return number == null ? null : number.longValue();
    }

    /** True or false when the value is a YAML boolean, else null. */
    Boolean booleanValue() {
        return present() && node instanceof Scalar scalar && scalar.isBoolean() ? Boolean.valueOf(scalar.text()) : null;
    }

    boolean isList() {
        return node instanceof Sequence;
    }

    /** The keys and values of a mapping, in file order; empty when absent. */
    List<Map.Entry<String, YamlNode>> entries() {
        if (!present()) {
            return List.of();
        }
        if (!(node instanceof Mapping mapping)) {
            throw error("must be a mapping of names to values");
        }
        List<Map.Entry<String, YamlNode>> entries = new ArrayList<>();
        mapping.entries().keySet().forEach(key -> entries.add(Map.entry(key, child(key))));
        return entries;
    }

    /** The items of a list; empty when absent. */
    List<YamlNode> items() {
        if (!present()) {
            return List.of();
        }
        if (!(node instanceof Sequence sequence)) {
            throw error("must be a list");
        }
        List<YamlNode> items = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            YamlTree item = sequence.items().get(i);
            items.add(new YamlNode(file, item, path.isEmpty() ? String.valueOf(i) : path + "." + i, item.line()));
        }
        return items;
    }

    /** Refuses keys outside {@code allowed}: a misspelt option is an error, not silently ignored. */
    YamlNode onlyKeys(Set<String> allowed) {
        for (Map.Entry<String, YamlNode> entry : entries()) {
            if (!allowed.contains(entry.getKey())) {
                throw entry.getValue().error("unknown key; expected one of " + new TreeSet<>(allowed));
            }
        }
        return this;
    }
}
