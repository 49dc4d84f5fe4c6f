package io.firelake.events.contract;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A place in a {@link YamlDocument}: the node there and its path, for typed reads whose errors name file and line. */
record YamlNode(YamlDocument document, JsonNode node, JsonPointer pointer) {

    YamlNode child(String key) {
        JsonNode child = node.path(key);
        return new YamlNode(document, child, pointer.appendProperty(key));
    }

    boolean present() {
        return !node.isMissingNode() && !node.isNull();
    }

    /** The dotted path errors show: {@code enrichments.url_host.from}. */
    String path() {
        String p = pointer.toString();
        return p.isEmpty() ? "" : p.substring(1).replace('/', '.').replace("~1", "/").replace("~0", "~");
    }

    ContractException error(String problem) {
        return new ContractException(document.file(), document.line(pointer), path(), problem);
    }

    String text() {
        if (!present()) {
            throw error("is required");
        }
        if (!node.isValueNode() || node.asText().isBlank()) {
            throw error("must be a non-empty text");
        }
        return node.asText();
    }

    String text(String fallback) {
        return present() ? text() : fallback;
    }

    double number(double fallback) {
        if (!present()) {
            return fallback;
        }
        if (!node.isNumber()) {
            throw error("must be a number, not '" + node.asText() + "'");
        }
        return node.doubleValue();
    }

    /** The keys and values of a mapping, in file order; empty when absent. */
    List<Map.Entry<String, YamlNode>> entries() {
        if (!present()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw error("must be a mapping of names to values");
        }
        List<Map.Entry<String, YamlNode>> entries = new ArrayList<>();
        node.fieldNames().forEachRemaining(key -> entries.add(Map.entry(key, child(key))));
        return entries;
    }

    /** The items of a list; empty when absent. */
    List<YamlNode> items() {
        if (!present()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error("must be a list");
        }
        List<YamlNode> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(new YamlNode(document, node.get(i), pointer.appendIndex(i)));
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
