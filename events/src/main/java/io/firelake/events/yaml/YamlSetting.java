package io.firelake.events.yaml;

import io.firelake.events.yaml.YamlTree.Mapping;
import io.firelake.events.yaml.YamlTree.Scalar;
import io.firelake.events.yaml.YamlTree.Sequence;

import java.io.Reader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A place in a YAML settings file, for typed reads: the {@link YamlTree} node there (null when the key is absent), its
 * dotted path, and the line an error names (an absent key names its nearest present ancestor's). The contract loader
 * and the speed layer both read their files through it; each keeps its own exception and words through its
 * {@link Dialect}, so a mistake reads {@code contract.yaml:12: enrichments.url_host.from: ...} or
 * {@code speed-layer.yaml:14: aggregates.temps.field: ...} in the words that file's documentation uses.
 */
public record YamlSetting(YamlTree node, String path, int line, Dialect dialect) {

    /**
     * How one kind of settings file reports a mistake: {@code failure} makes its exception, {@code unreadable} the one
     * for a file that is not YAML (or has a key twice in a mapping), {@code lines} says which line an error names, and
     * {@code words} how it says the problems that every reader meets.
     */
    public record Dialect(Failure failure, Function<YamlException, RuntimeException> unreadable, Lines lines,
                          Words words) {
    }

    /** The reader's exception for {@code problem} at {@code line}; {@code path} is empty for the whole file. */
    @FunctionalInterface
    public interface Failure {
        RuntimeException at(int line, String path, String problem);
    }

    /** Which line an error about a key names: the key's own, or its value's (a block value starts below its key). */
    public enum Lines { KEY, VALUE }

    /**
     * A reader's words for: a required key that is absent; a value that should be one text but is null, a list or a
     * mapping (or, for {@link #text()}, blank); a value that should be a mapping; one that should be a list; and a key
     * outside the allowed ones, which the sorted allowed keys follow (a misspelt setting is an error, not ignored).
     */
    public record Words(String missing, String notText, String notMapping, String notList, String unknownKey) {
    }

    /** The root of the YAML in {@code text} (a null scalar for an empty file), or the dialect's exception. */
    public static YamlSetting read(Reader text, Dialect dialect) {
        try {
            YamlTree root = YamlTree.read(text);
            return new YamlSetting(root, "", root.line(), dialect);
        } catch (YamlException e) {
            throw dialect.unreadable().apply(e);
        }
    }

    public YamlSetting child(String key) {
        String at = path.isEmpty() ? key : path + "." + key;
        if (node instanceof Mapping mapping && mapping.entries().containsKey(key)) {
            YamlTree value = mapping.entries().get(key);
            int errorLine = dialect.lines() == Lines.KEY ? mapping.keyLines().get(key) : value.line();
            return new YamlSetting(value, at, errorLine, dialect);
        }
        return new YamlSetting(null, at, line, dialect);
    }

    /** True when the key is not there at all (a key with a null value is there). */
    public boolean absent() {
        return node == null;
    }

    /** False when the key is absent or its value is null. */
    public boolean present() {
        return node != null && !(node instanceof Scalar scalar && scalar.isNull());
    }

    public RuntimeException error(String problem) {
        return dialect.failure().at(line, path, problem);
    }

    private Words words() {
        return dialect.words();
    }

    /** This setting, refused when its key is absent (a null value passes: the typed read refuses it). */
    public YamlSetting required() {
        if (absent()) {
            throw error(words().missing());
        }
        return this;
    }

    /** This setting, refused unless it is a mapping (a null value is not). */
    public YamlSetting mapping() {
        if (!(node instanceof Mapping)) {
            throw error(words().notMapping());
        }
        return this;
    }

    /** Refuses keys outside {@code allowed}; nothing to refuse when absent. */
    public YamlSetting onlyKeys(Set<String> allowed) {
        for (Map.Entry<String, YamlSetting> entry : entries()) {
            if (!allowed.contains(entry.getKey())) {
                throw entry.getValue().error(words().unknownKey() + new TreeSet<>(allowed));
            }
        }
        return this;
    }

    /** The keys and values of a mapping, in file order; empty when absent. */
    public List<Map.Entry<String, YamlSetting>> entries() {
        if (!present()) {
            return List.of();
        }
        mapping();
        List<Map.Entry<String, YamlSetting>> entries = new ArrayList<>();
        ((Mapping) node).entries().keySet().forEach(key -> entries.add(Map.entry(key, child(key))));
        return entries;
    }

    public boolean isList() {
        return node instanceof Sequence;
    }

    /** The items of a list, each named by its index; empty when absent. */
    public List<YamlSetting> items() {
        if (!present()) {
            return List.of();
        }
        if (!(node instanceof Sequence sequence)) {
            throw error(words().notList());
        }
        List<YamlSetting> items = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            YamlTree item = sequence.items().get(i);
            items.add(new YamlSetting(item, path.isEmpty() ? String.valueOf(i) : path + "." + i, item.line(), dialect));
        }
        return items;
    }

    /** A single value's text, which may be blank. */
    public String value() {
        if (!(node instanceof Scalar scalar) || scalar.isNull()) {
            throw error(words().notText());
        }
        return scalar.text();
    }

    /** A required, non-blank text. */
    public String text() {
        if (!present()) {
            throw error(words().missing());
        }
        String text = value();
        if (text.isBlank()) {
            throw error(words().notText());
        }
        return text;
    }

    public String text(String fallback) {
        return present() ? text() : fallback;
    }

    /** The value's text, or empty when absent or not a single value. */
    public String scalarText() {
        return present() && node instanceof Scalar scalar ? scalar.text() : "";
    }

    /** A non-empty list of distinct single values; an item's error names the list and the item's line. */
    public List<String> strings() {
        if (!(node instanceof Sequence sequence) || sequence.items().isEmpty()) {
            throw error(words().notList());
        }
        List<String> values = new ArrayList<>();
        for (YamlTree item : sequence.items()) {
            YamlSetting at = new YamlSetting(item, path, item.line(), dialect);
            String value = at.value();
            if (values.contains(value)) {
                throw at.error("'" + value + "' is listed twice");
            }
            values.add(value);
        }
        return values;
    }

    /** The parsed number (YAML's {@code 0x1F}, {@code 1_000}), or null when the value is not a number. */
    public Number numberValue() {
        return present() && node instanceof Scalar scalar ? scalar.number() : null;
    }

    public double number(double fallback) {
        if (!present()) {
            return fallback;
        }
        if (numberValue() == null) {
            throw error("must be a number, not '" + scalarText() + "'");
        }
        return numberValue().doubleValue();
    }

    /** The value as a {@code long} when it is a whole number in range ({@code 3} or {@code 3.0}), else null. */
    public Long wholeNumber() {
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

    /** A decimal whole number from {@code min} to {@code max}; {@code fallback} when the key is absent. */
    public int integer(int fallback, int min, int max) {
        if (absent()) {
            return fallback;
        }
        String text = value();
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw error("expected a whole number from " + min + " to " + max + ", not '" + text + "'");
    }

    /** True or false when the value is a YAML boolean (its token), else null. */
    public Boolean booleanValue() {
        return present() && node instanceof Scalar scalar && scalar.isBoolean() ? Boolean.valueOf(scalar.text()) : null;
    }

    /** Exactly {@code true} or {@code false}; {@code fallback} when the key is absent. */
    public boolean bool(boolean fallback) {
        if (absent()) {
            return fallback;
        }
        String text = value();
        if (!text.equals("true") && !text.equals("false")) {
            throw error("expected true or false, not '" + text + "'");
        }
        return Boolean.parseBoolean(text);
    }

    /** The constant of {@code type} whose lower-case name is the value. */
    public <E extends Enum<E>> E oneOf(Class<E> type) {
        String text = value();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(text)) {
                return constant;
            }
        }
        throw error("'" + text + "' is not one of " + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
    }
}
